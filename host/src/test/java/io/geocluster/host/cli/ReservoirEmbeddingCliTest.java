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
    void gapsAndEmptySeriesOfACsvAreInterpolatedAndReported() throws IOException {
        Path csv = dir.resolve("gaps.csv");
        InsarCatalogueGenerator.write(new InsarCatalogueGenerator.Options(400, 14, 5, 1), null, csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<Integer> dated = datedColumns(lines.get(0).split(",", -1));
        // Row 3 loses every date, row 10 three dates: 11 of 14 values stay.
        lines.set(3, blank(lines.get(3), dated));
        lines.set(10, blank(lines.get(10), dated.subList(4, 7)));
        String emptyPid = lines.get(3).split(",", -1)[0].replace("\"", "");
        Files.write(csv, lines, StandardCharsets.UTF_8);

        Path out = dir.resolve("gaps");
        CliRunner.Run run = CliRunner.run("batched-kmeans", "--layer", csv.toString(), "--dynamicAttributes", "reservoir",
                "--k", "3", "--output", out.toString());
        assertEquals(0, run.status(), run.err());
        JsonNode gaps = summary(out).get("reservoir").get("gaps");
        assertEquals(400, gaps.get("series").asLong());
        assertEquals(1, gaps.get("seriesWithGaps").asLong());
        assertEquals(3, gaps.get("interpolatedValues").asLong());
        assertEquals(1, gaps.get("emptySeries").asLong());
        assertEquals(emptyPid, gaps.get("firstEmptySeries").asText());
        assertTrue(run.err().contains("1 of 400 series had gaps (3 values interpolated)"), run.err());
        assertTrue(run.err().contains("(first: feature " + emptyPid + ")"), run.err());
        assertEquals(1, summary(out).get("rows").get("missing").asLong(), summary(out).get("rows").toString());
    }

    private static List<Integer> datedColumns(String[] header) {
        List<Integer> dated = new java.util.ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            if (header[i].replace("\"", "").matches("\\d{8}")) {
                dated.add(i);
            }
        }
        return dated;
    }

    private static String blank(String line, List<Integer> columns) {
        String[] cells = line.split(",", -1);
        for (int c : columns) {
            cells[c] = "";
        }
        return String.join(",", cells);
    }

    @Test
    void aLargerLayerEmbedsInA256MiBHeap() throws Exception {
        Path gpkg = dir.resolve("large.gpkg");
        InsarCatalogueGenerator.write(new InsarCatalogueGenerator.Options(150_000, 12, 9), gpkg, null);
        Path out = dir.resolve("large");
        CliRunner.Run child = CliRunner.runIn256MiB(dir.resolve("child.log"), "batched-kmeans", "--layer", gpkg.toString(),
                "--dynamicAttributes", "reservoir", "--staticAttributes", "temporal_coherence", "--k", "5",
                "--keepAttributes", "pid", "--output", out.toString(), "--quiet");
        assertEquals(0, child.status(), child.out());
        assertTrue(child.out().contains("150,000 features"), child.out());
        assertEquals(150_000, summary(out).get("reservoir").get("gaps").get("series").asLong());
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
        int first = datedColumns(header).get(0);
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
