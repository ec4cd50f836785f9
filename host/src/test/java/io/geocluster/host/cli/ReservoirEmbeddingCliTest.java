package io.geocluster.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geocluster.engine.stats.AdjustedRandIndex;
import io.geocluster.host.testdata.InsarCatalogueGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dynamicAttributes reservoir} through the command line, as a user runs it: the embedding
 * alone on the bundled catalogue against its ground truth, SmoothedKMeans on it, help and errors.
 */
class ReservoirEmbeddingCliTest {
    @TempDir
    Path dir;

    private JsonNode summary(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void theEmbeddingAloneRecoversTheRegimesOfTheBundledCatalogue() throws IOException {
        Path out = dir.resolve("batched");
        CliRunner.Run run = CliRunner.run("batched-kmeans", "--layer", BundledCatalogueTest.GPKG.toString(),
                "--dynamicAttributes", "reservoir", "--k", "5", "--keepAttributes", "truth", "--output", out.toString());
        assertEquals(0, run.status(), run.err());
        int[][] labels = CliRunner.labelsAnd(out.resolve("insar_points_clusters.gpkg"), "truth");
        double ari = AdjustedRandIndex.of(labels[1], labels[0]);
        assertTrue(ari >= 0.8, "ARI of the reservoir embedding alone vs truth: " + ari);

        JsonNode s = summary(out);
        assertEquals(110, s.get("features").size(), "D = 10 gives D*D + D = 110 features");
        JsonNode r = s.get("reservoir");
        assertEquals(60, r.get("grid").get("dates").asInt());
        assertEquals(60, r.get("grid").get("points").asInt());
        assertEquals(0, r.get("gaps").get("emptySeries").asLong());
        assertEquals(20_000, r.get("gaps").get("series").asLong());
        assertTrue(run.err().contains("reservoir embedding: 60 dates 2018-01-04..2022-11-09"), run.err());
        assertTrue(Files.size(out.resolve("profiles.png")) > 0);
    }

    @Test
    void smoothedKMeansRunsOnTheEmbeddingWithStaticAttributes() throws IOException {
        Path out = dir.resolve("smoothed");
        CliRunner.Run run = CliRunner.run("smoothed-kmeans", "--layer", BundledCatalogueTest.GPKG.toString(),
                "--dynamicAttributes", "reservoir", "--staticAttributes", "temporal_coherence", "--k", "5", "--hops", "1",
                "--embeddingDimension", "6", "--keepAttributes", "truth", "--output", out.toString(), "--quiet");
        assertEquals(0, run.status(), run.err());
        int[][] labels = CliRunner.labelsAnd(out.resolve("insar_points_clusters.gpkg"), "truth");
        double ari = AdjustedRandIndex.of(labels[1], labels[0]);
        assertTrue(ari >= 0.8, "ARI " + ari);
        JsonNode s = summary(out);
        assertEquals("cluster:SmoothedKMeans", s.get("process").asText());
        assertEquals(6 * 6 + 6 + 1, s.get("features").size());
        assertEquals(6, s.get("reservoir").get("options").get("embeddingDimension").asInt());
        assertEquals(1, s.get("smoothing").get("hops").asInt());
    }

    @Test
    void helpListsTheReservoirInputs() {
        for (String command : List.of("batched-kmeans", "smoothed-kmeans")) {
            CliRunner.Run run = CliRunner.run(command, "--help");
            assertEquals(0, run.status());
            for (String input : List.of("reservoirSize", "spectralRadius", "leakRate", "inputScaling", "reservoirConnectivity",
                    "embeddingDimension", "ridge", "washout", "reservoirSeed")) {
                assertTrue(run.out().contains("--" + input + " "), command + " help lists --" + input);
            }
        }
    }

    @Test
    void badInputIsNamedAndWritesNothing() throws IOException {
        Path few = dir.resolve("few.gpkg");
        InsarCatalogueGenerator.write(new InsarCatalogueGenerator.Options(200, 8, 3, 1), few, null);
        assertRejected("has 8", "--layer", few.toString(), "--dynamicAttributes", "reservoir");
        assertRejected("spectralRadius must be between", "--layer", few.toString(), "--dynamicAttributes", "reservoir",
                "--spectralRadius", "2.5");

        // A CSV whose dated columns are not stored in date order.
        Path csv = dir.resolve("shuffled.csv");
        InsarCatalogueGenerator.write(new InsarCatalogueGenerator.Options(200, 12, 3, 1), null, csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        int first = -1;
        for (int i = 0; i < header.length; i++) {
            if (header[i].matches("\"?\\d{8}\"?")) {
                first = i;
                break;
            }
        }
        String swap = header[first + 2];
        header[first + 2] = header[first + 3];
        header[first + 3] = swap;
        lines.set(0, String.join(",", header));
        Files.write(csv, lines, StandardCharsets.UTF_8);
        assertRejected("not in date order", "--layer", csv.toString(), "--dynamicAttributes", "reservoir");
    }

    private void assertRejected(String expected, String... args) throws IOException {
        Path out = dir.resolve("rejected");
        List<String> all = new java.util.ArrayList<>(List.of("batched-kmeans"));
        all.addAll(List.of(args));
        all.addAll(List.of("--output", out.toString(), "--quiet"));
        CliRunner.Run run = CliRunner.run(all.toArray(String[]::new));
        assertNotEquals(0, run.status());
        assertTrue(run.err().contains(expected), "message should contain '" + expected + "': " + run.err());
        assertTrue(!Files.exists(out), "nothing may be written");
    }
}
