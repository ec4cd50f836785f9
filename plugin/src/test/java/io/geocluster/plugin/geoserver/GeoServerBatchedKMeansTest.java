package io.geocluster.plugin.geoserver;

import static io.geocluster.plugin.geoserver.Fakes.attribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.RunCancelledException;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.stats.AdjustedRandIndex;
import io.geocluster.plugin.geoserver.Fakes.Descriptor;
import io.geocluster.plugin.geoserver.Fakes.FakeCatalog;
import io.geocluster.plugin.geoserver.Fakes.FakeClasses;
import io.geocluster.plugin.geoserver.Fakes.FakeDataStore;
import io.geocluster.plugin.geoserver.Fakes.FakeFeature;
import io.geocluster.plugin.geoserver.Fakes.FakeFeatureSource;
import io.geocluster.plugin.geoserver.Fakes.FakeFeatureTypeInfo;
import io.geocluster.plugin.process.BatchedKMeansJob;
import io.geocluster.plugin.process.BatchedKMeansParameters;
import io.geocluster.plugin.process.BatchedKMeansResult;
import io.geocluster.plugin.process.ProcessInputs;
import io.geocluster.plugin.spi.LayerSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.geotools.api.feature.simple.SimpleFeature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * The real {@link BatchedKMeansJob} run over the GeoServer reader and publisher on fake catalog
 * interfaces: a successful run publishes a correctly labelled layer, a cancelled one publishes
 * nothing, leaves no file, and every feature iterator it opened is closed.
 */
class GeoServerBatchedKMeansTest {
    private static final int N = 3 * 4096 + 100;

    @TempDir
    Path dataDirectory;

    private FakeCatalog catalog;
    private FakeClasses classes;
    private FakeFeatureSource source;
    private final int[] truth = new int[N];

    /** Three groups: velocities 0, 10, 20 mm/yr and coherences 0.6, 0.7, 0.8, with noise, in seeded random order. */
    @BeforeEach
    void layer() {
        GeometryFactory geometries = new GeometryFactory();
        Random random = new Random(11);
        List<SimpleFeature> features = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            int group = random.nextInt(3);
            truth[i] = group;
            features.add(new FakeFeature("pts." + i, "geom")
                    .with("velocity", 10.0 * group + random.nextGaussian())
                    .with("coherence", 0.6 + 0.1 * group + 0.01 * random.nextGaussian())
                    .with("code", "c" + i)
                    .with("geom", geometries.createPoint(new Coordinate(i, 2 * i))));
        }
        Fakes.Type type = new Fakes.Type("pts", List.of(attribute("velocity", Double.class),
                attribute("coherence", Double.class), attribute("code", String.class),
                new Descriptor("geom", Point.class, Fakes.crs("LAEA"))));
        source = new FakeFeatureSource(type, features);
        catalog = new FakeCatalog();
        catalog.publish(new FakeFeatureTypeInfo("pts", catalog.workspace("insar"), "EPSG:3035", source));
        classes = new FakeClasses(dataDirectory.resolve("workspaces/insar/styles"));
    }

    private static BatchedKMeansParameters parameters() {
        Map<String, String> given = new HashMap<>();
        given.put("layer", "insar:pts");
        given.put("staticAttributes", "velocity,coherence");
        given.put("keepAttributes", "code");
        given.put("k", "3");
        given.put("backend", "cpu");
        given.put("seed", "5");
        return BatchedKMeansParameters.from(new ProcessInputs(BatchedKMeansParameters.PARAMETERS, given));
    }

    private BatchedKMeansResult run(GeoServerLayerCatalog layers, RunMonitor monitor) throws IOException {
        try (LayerSource layer = layers.openPoints("insar:pts")) {
            return new BatchedKMeansJob(line -> { }, layers.createScratchDirectory())
                    .execute(parameters(), layer, layers.pointSink(null), monitor, null);
        }
    }

    @Test
    void publishesTheLabelledLayer() throws IOException {
        BatchedKMeansResult result = run(new GeoServerLayerCatalog(catalog, () -> dataDirectory, classes), RunMonitor.NONE);
        assertEquals("insar:pts_clusters", result.layer().name());
        assertEquals(List.of("add store insar:geocluster", "add featuretype insar:pts_clusters",
                "add style insar:pts_clusters", "add layer insar:pts_clusters"), catalog.log);
        List<FakeFeature> rows = classes.geoPackages.get(dataDirectory.resolve("data/insar/geocluster.gpkg"))
                .table("pts_clusters");
        assertEquals(N, rows.size());
        int[] labels = new int[N];
        for (FakeFeature row : rows) {
            int i = Integer.parseInt(((String) row.getAttribute("source_fid")).substring(4));
            labels[i] = (Integer) row.getAttribute("cluster");
            assertEquals("c" + i, row.getAttribute("code"));
            assertEquals(2.0 * i, ((Point) row.getDefaultGeometry()).getY());
        }
        double ari = AdjustedRandIndex.of(truth, labels);
        assertTrue(ari > 0.99, "ARI " + ari);
        assertTrue(source.allClosed(), "every pass closed its iterator");
        assertTrue(Files.readString(classes.styleDirectory.resolve("pts_clusters.sld")).contains("StyledLayerDescriptor"));
    }

    @Test
    void cancellationDuringLabellingPublishesNothingAndClosesEverything() throws IOException {
        RunMonitor cancelInLabelling = new RunMonitor() {
            boolean labelling;
            long rows;

            @Override
            public void passStarted(String pass, long expectedRows) {
                labelling = pass.equals("labelling");
            }

            @Override
            public void passProgress(long done) {
                rows = done;
            }

            @Override
            public boolean isCanceled() {
                return labelling && rows >= 4096;
            }
        };
        GeoServerLayerCatalog layers = new GeoServerLayerCatalog(catalog, () -> dataDirectory, classes);
        assertThrows(RunCancelledException.class, () -> run(layers, cancelInLabelling));
        assertEquals(List.of(), catalog.log);
        FakeDataStore data = classes.geoPackages.get(dataDirectory.resolve("data/insar/geocluster.gpkg"));
        assertEquals(List.of("pts_clusters"), data.removed);
        assertTrue(source.allClosed(), "the labelling pass closed its iterator");
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".gpkg") || p.toString().endsWith(".sld")).toList());
        }
    }
}
