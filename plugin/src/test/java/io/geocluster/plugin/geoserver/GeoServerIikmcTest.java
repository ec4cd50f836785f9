package io.geocluster.plugin.geoserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.RunCancelledException;
import io.geocluster.engine.RunMonitor;
import io.geocluster.plugin.geoserver.Fakes.FakeCatalog;
import io.geocluster.plugin.geoserver.Fakes.FakeClasses;
import io.geocluster.plugin.geoserver.Fakes.FakeCoverageInfo;
import io.geocluster.plugin.geoserver.Fakes.FakeLayer;
import io.geocluster.plugin.process.IikmcJob;
import io.geocluster.plugin.process.IikmcJobResult;
import io.geocluster.plugin.process.IikmcParameters;
import io.geocluster.plugin.process.ProcessInputs;
import io.geocluster.plugin.spi.PublishedLayer;
import io.geocluster.plugin.spi.SceneSource;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@link IikmcJob} over GeoServer coverages and the GeoServer raster publisher, on fake
 * catalog interfaces and real images: one class id means the same spectrum in both scenes,
 * clouds and fill stay nodata, and a cancelled run publishes nothing and leaves no file.
 */
class GeoServerIikmcTest {
    private static final int W = 7;
    private static final int H = 5;
    /** Surface reflectance DNs of three classes in SR_B2, SR_B3, SR_B4. */
    private static final int[][] SPECTRA = {{9000, 8500, 8000}, {8000, 18000, 12000}, {20000, 19000, 23000}};

    @TempDir
    Path dataDirectory;

    private FakeCatalog catalog;
    private FakeClasses classes;
    private GeoServerLayerCatalog layers;
    private final Map<String, int[]> truth = new HashMap<>();

    /** Truth per pixel: a class 0..2, or -1 for a cloud (QA bit 3), or -2 for fill (DN 0). */
    private void addScene(String name, long seed) {
        Random r = new Random(seed);
        int[] t = new int[W * H];
        double[][][] bands = new double[4][H][W];
        for (int i = 0; i < t.length; i++) {
            int y = i / W;
            int x = i % W;
            int roll = r.nextInt(10);
            t[i] = roll == 0 ? -1 : roll == 1 ? -2 : r.nextInt(3);
            for (int b = 0; b < 3; b++) {
                bands[b][y][x] = t[i] == -2 ? 0 : t[i] == -1 ? 30000 : SPECTRA[t[i]][b] + r.nextInt(200);
            }
            bands[3][y][x] = t[i] == -1 ? (1 << 3) | (1 << 6) : 1 << 6;
        }
        truth.put(name, t);
        FakeCoverageInfo coverage = new FakeCoverageInfo(name, List.of("SR_B2", "SR_B3", "SR_B4", "QA_PIXEL"),
                CoverageSceneSourceTest.image(DataBuffer.TYPE_USHORT, bands));
        catalog.layers.put("landsat:" + name, new FakeLayer(coverage));
    }

    @BeforeEach
    void scenes() {
        catalog = new FakeCatalog();
        catalog.workspace("landsat");
        addScene("scene_a", 1);
        addScene("scene_b", 2);
        classes = new FakeClasses(dataDirectory.resolve("workspaces/landsat/styles"));
        layers = new GeoServerLayerCatalog(catalog, () -> dataDirectory, classes);
    }

    private static IikmcParameters parameters() {
        Map<String, String> in = new HashMap<>();
        in.put("scenes", "landsat:scene_a,landsat:scene_b");
        in.put("bands", "SR_B2,SR_B3,SR_B4");
        in.put("k", "3");
        in.put("emptyClusters", "reseed");
        in.put("backend", "cpu");
        in.put("workspace", "landsat");
        return IikmcParameters.from(new ProcessInputs(IikmcParameters.PARAMETERS, in));
    }

    private IikmcJobResult run(RunMonitor monitor) throws IOException {
        IikmcParameters p = parameters();
        List<SceneSource> opened = new ArrayList<>();
        try {
            for (String scene : p.scenes()) {
                opened.add(layers.openScene(scene, p.bands(), p.mask()));
            }
            return new IikmcJob(line -> { }, layers.createScratchDirectory()).execute(p, opened,
                    layers.rasterSink(p.workspace()), monitor);
        } finally {
            for (SceneSource s : opened) {
                s.close();
            }
        }
    }

    private List<Path> published() throws IOException {
        try (Stream<Path> files = Files.walk(dataDirectory.resolve("data"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void oneClassIdMeansOneSpectrumInEveryScene() throws IOException {
        IikmcJobResult result = run(RunMonitor.NONE);
        assertEquals(List.of("landsat:iikmc_scene_a", "landsat:iikmc_scene_b"),
                result.layers().stream().map(PublishedLayer::name).toList());
        assertEquals(List.of("add style landsat:iikmc",
                "add store landsat:iikmc_scene_a", "add coverage landsat:iikmc_scene_a", "add layer landsat:iikmc_scene_a",
                "add store landsat:iikmc_scene_b", "add coverage landsat:iikmc_scene_b", "add layer landsat:iikmc_scene_b"),
                catalog.log);
        int[] labelOfClass = {-1, -1, -1};
        for (String scene : List.of("scene_a", "scene_b")) {
            byte[] labels = Files.readAllBytes(dataDirectory.resolve("data/landsat/geocluster/iikmc_" + scene + ".tif"));
            int[] t = truth.get(scene);
            for (int i = 0; i < t.length; i++) {
                int label = labels[i] & 0xFF;
                if (t[i] < 0) {
                    assertEquals(255, label, "cloud or fill at pixel " + i + " of " + scene);
                } else if (labelOfClass[t[i]] < 0) {
                    labelOfClass[t[i]] = label;
                } else {
                    assertEquals(labelOfClass[t[i]], label, "class " + t[i] + " at pixel " + i + " of " + scene);
                }
            }
        }
        assertNotEquals(labelOfClass[0], labelOfClass[1]);
        assertNotEquals(labelOfClass[1], labelOfClass[2]);
        assertNotEquals(labelOfClass[0], labelOfClass[2]);
        assertTrue(Files.readString(classes.styleDirectory.resolve("iikmc.sld")).contains("RasterSymbolizer"));
    }

    @Test
    void cancellationWhileWritingPublishesNothingAndLeavesNoFile() throws IOException {
        Path rasters = dataDirectory.resolve("data/landsat/geocluster");
        RunMonitor cancelOnceARasterIsWritten = new RunMonitor() {
            @Override
            public boolean isCanceled() {
                try (Stream<Path> files = Files.exists(rasters) ? Files.list(rasters) : Stream.empty()) {
                    return files.findAny().isPresent();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        };
        assertThrows(RunCancelledException.class, () -> run(cancelOnceARasterIsWritten));
        assertEquals(List.of(), catalog.log);
        assertEquals(List.of(), published());
    }
}
