package io.geocluster.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.graph.KnnGraph;
import io.geocluster.engine.graph.KnnGraphBuilder;
import io.geocluster.engine.stats.AdjustedRandIndex;
import io.geocluster.host.io.GeoPackagePointSource;
import io.geocluster.host.testdata.InsarCatalogueGenerator;
import io.geocluster.plugin.spi.LayerCursor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cluster:SmoothedKMeans through the command line, against the catalogue's ground truth. */
class SmoothedKMeansTest {
    static final String STATIC = "height,mean_velocity,temporal_coherence,amplitude_dispersion";

    @TempDir
    static Path shared;
    static Path noisy;

    @TempDir
    Path dir;

    @BeforeAll
    static void noisyCatalogue() throws IOException {
        // The bundled catalogue's regimes with four times its per-point noise.
        noisy = shared.resolve("noisy.gpkg");
        InsarCatalogueGenerator.write(new InsarCatalogueGenerator.Options(20_000, 60, 42, 4), noisy, null);
    }

    /** Labels, truth and coordinates of an output layer, in row order. */
    private record Output(int[] labels, int[] truth, double[] x, double[] y) {
    }

    private Output run(String hops, Path out) throws IOException {
        CliRunner.Run run = CliRunner.run("smoothed-kmeans", "--layer", noisy.toString(), "--dynamicAttributes", "series",
                "--staticAttributes", STATIC, "--k", "5", "--hops", hops, "--keepAttributes", "truth",
                "--output", out.toString(), "--quiet");
        assertEquals(0, run.status(), run.err());
        try (GeoPackagePointSource source = new GeoPackagePointSource(out.resolve("insar_points_clusters.gpkg"), null)) {
            int n = (int) source.schema().featureCount();
            Output o = new Output(new int[n], new int[n], new double[n], new double[n]);
            int at = 0;
            try (LayerCursor c = source.open(List.of("cluster", "truth"), List.of()).open()) {
                for (FeatureBatch b; (b = c.next()) != null; ) {
                    for (int i = 0; i < b.size(); i++, at++) {
                        o.labels[at] = (int) b.value(i, 0);
                        o.truth[at] = (int) b.value(i, 1);
                        o.x[at] = b.x()[i];
                        o.y[at] = b.y()[i];
                    }
                }
            }
            return o;
        }
    }

    /** Fraction of the 8-nearest-neighbour edges whose two ends got the same label. */
    private static double agreement(Output o) {
        KnnGraph g = KnnGraphBuilder.build(o.x, o.y, o.x.length, 8, Double.POSITIVE_INFINITY);
        long same = 0;
        int[] offsets = g.offsets();
        int[] targets = g.targets();
        for (int i = 0; i < o.x.length; i++) {
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                same += o.labels[i] == o.labels[targets[e]] ? 1 : 0;
            }
        }
        return same / (double) targets.length;
    }

    @Test
    void smoothingRecoversRegimesThatPointNoiseBlurs() throws IOException {
        Output raw = run("0", dir.resolve("h0"));
        Output smooth = run("3", dir.resolve("h3"));
        double ariRaw = AdjustedRandIndex.of(raw.truth, raw.labels);
        double ariSmooth = AdjustedRandIndex.of(smooth.truth, smooth.labels);
        assertTrue(ariSmooth > ariRaw + 0.05 && ariSmooth > 0.9,
                "3-hop smoothing should raise ARI: " + ariRaw + " without, " + ariSmooth + " with");
        double agreeRaw = agreement(raw);
        double agreeSmooth = agreement(smooth);
        assertTrue(agreeSmooth > agreeRaw, "neighbours should agree more: " + agreeRaw + " → " + agreeSmooth);

        JsonNode summary = new ObjectMapper().readTree(dir.resolve("h3").resolve("summary.json").toFile());
        assertEquals("cluster:SmoothedKMeans", summary.get("process").asText());
        JsonNode graph = summary.get("smoothing").get("graph");
        assertEquals(20_000, graph.get("points").asLong());
        assertEquals(8.0, graph.get("meanDegree").asDouble(), 1e-9);
        assertTrue(graph.get("medianEdgeLength").asDouble() > 0
                && graph.get("p90EdgeLength").asDouble() >= graph.get("medianEdgeLength").asDouble());
        assertEquals(0, graph.get("isolatedPoints").asLong());
    }

    private void assertRejected(String expected, String... args) throws IOException {
        Path out = dir.resolve("rejected");
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--output";
        all[args.length + 1] = out.toString();
        all[args.length + 2] = "--quiet";
        all[args.length + 3] = "--staticAttributes=height";
        CliRunner.Run run = CliRunner.run(all);
        assertNotEquals(0, run.status());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
        assertEquals(List.of(), CliRunner.files(out));
    }

    @Test
    void badInputGetsClearMessages() throws IOException {
        Path small = dir.resolve("small.csv");
        StringBuilder sb = new StringBuilder("pid,easting,northing,height\n");
        for (int i = 0; i < 6; i++) {
            sb.append("p").append(i).append(',').append(4_250_000 + 10 * i).append(',').append(4_050_000 + 7 * i * i)
                    .append(',').append(100 + i).append('\n');
        }
        Files.writeString(small, sb);
        String before = CliRunner.sha256(small);
        String layer = small.toString();
        assertRejected("hops must be between 0 and 1000", "smoothed-kmeans", "--layer", layer, "--hops", "-1", "--k", "2");
        assertRejected("alpha must be between 0 and 1", "smoothed-kmeans", "--layer", layer, "--alpha", "1.5", "--k", "2");
        assertRejected("aggregation", "smoothed-kmeans", "--layer", layer, "--aggregation", "median", "--k", "2");
        assertRejected("neighbours = 6 must be smaller than the number of points (6)",
                "smoothed-kmeans", "--layer", layer, "--neighbours", "6", "--k", "2");
        assertEquals(before, CliRunner.sha256(small));

        Path dup = dir.resolve("dup.csv");
        Files.writeString(dup, sb + "p6,4250010,4050007,200\n");
        assertRejected("identical coordinates", "smoothed-kmeans", "--layer", dup.toString(), "--neighbours", "2", "--k", "2");

        Path hole = dir.resolve("hole.csv");
        Files.writeString(hole, sb + "p6,,4050999,200\n");
        assertRejected("has no coordinates", "smoothed-kmeans", "--layer", hole.toString(), "--neighbours", "2", "--k", "2");
    }

    @Test
    void millionPointsInA256MiBHeap() throws Exception {
        Path gpkg = dir.resolve("big.gpkg");
        // Seed 7: its million points have distinct coordinates (at 0.01 m, other seeds repeat one or two).
        InsarCatalogueGenerator.write(new InsarCatalogueGenerator.Options(1_000_000, 12, 7), gpkg, null);
        Path out = dir.resolve("out");
        CliRunner.Run child = CliRunner.runIn256MiB(dir.resolve("child.log"),
                "smoothed-kmeans", "--layer", gpkg.toString(), "--dynamicAttributes", "series",
                "--staticAttributes", STATIC, "--k", "5", "--output", out.toString(), "--scratch", dir.toString(), "--quiet");
        assertEquals(0, child.status(), child.out());
        assertTrue(child.out().contains("1,000,000 features"), child.out());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1_000_000, summary.get("smoothing").get("graph").get("points").asLong());
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("geocluster-")),
                    "scratch files are removed");
        }
    }
}
