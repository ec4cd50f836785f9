package io.geocluster.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.host.testdata.InsarCatalogueGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gets a clear message and a non-zero exit, writes nothing, and leaves the
 * source as it was.
 */
class BadInputTest {
    @TempDir
    Path dir;
    Path gpkg;
    Path out;
    String checksum;

    @BeforeEach
    void catalogue() throws IOException {
        gpkg = dir.resolve("small.gpkg");
        InsarCatalogueGenerator.write(new InsarCatalogueGenerator.Options(300, 12, 3), gpkg, null);
        checksum = CliRunner.sha256(gpkg);
        out = dir.resolve("out");
    }

    private void assertRejected(String expectedInMessage, String... args) throws IOException {
        CliRunner.Run run = CliRunner.run(args);
        assertNotEquals(0, run.status(), "exit status");
        assertTrue(run.err().contains(expectedInMessage), "message should contain '" + expectedInMessage + "': " + run.err());
        assertEquals(List.of(), CliRunner.files(out), "nothing may be written");
        assertTrue(!java.nio.file.Files.exists(out), "not even the output folder");
        assertEquals(checksum, CliRunner.sha256(gpkg), "the source must be untouched");
    }

    private String[] args(String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("batched-kmeans", "--layer", gpkg.toString(),
                "--output", out.toString(), "--quiet"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void missingFile() throws IOException {
        assertRejected("not found", "batched-kmeans", "--layer", dir.resolve("nope.gpkg").toString(),
                "--staticAttributes", "height", "--output", out.toString());
    }

    @Test
    void unknownAttributeListsTheAvailableOnes() throws IOException {
        assertRejected("'heigth'", args("--staticAttributes", "heigth"));
        assertRejected("mean_velocity", args("--staticAttributes", "heigth"));
    }

    @Test
    void nonNumericAttribute() throws IOException {
        assertRejected("'pid' of layer 'insar_points' is text", args("--staticAttributes", "pid"));
    }

    @Test
    void kOutOfRange() throws IOException {
        assertRejected("k must be between 2 and", args("--staticAttributes", "height", "--k", "1"));
        assertRejected("k must be an integer", args("--staticAttributes", "height", "--k", "two"));
        assertRejected("k = 400 is larger than the", args("--staticAttributes", "height", "--k", "400"));
    }

    @Test
    void allMissingColumn() throws IOException {
        Path csv = dir.resolve("gaps.csv");
        StringBuilder sb = new StringBuilder("pid,easting,northing,height,velocity\n");
        for (int i = 0; i < 50; i++) {
            sb.append("p").append(i).append(',').append(4_250_000 + i).append(',').append(4_050_000 + i).append(',')
                    .append(100 + i).append(",\n");
        }
        Files.writeString(csv, sb);
        String before = CliRunner.sha256(csv);
        CliRunner.Run run = CliRunner.run("batched-kmeans", "--layer", csv.toString(), "--staticAttributes", "height,velocity",
                "--k", "2", "--output", out.toString(), "--quiet");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("'velocity' has no value"), run.err());
        assertEquals(List.of(), CliRunner.files(out));
        assertEquals(before, CliRunner.sha256(csv));
    }

    @Test
    void emptyLayer() throws IOException {
        Path csv = dir.resolve("empty.csv");
        Files.writeString(csv, "pid,easting,northing,height\n");
        CliRunner.Run run = CliRunner.run("batched-kmeans", "--layer", csv.toString(), "--staticAttributes", "height",
                "--output", out.toString(), "--quiet");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("empty"), run.err());
        assertEquals(List.of(), CliRunner.files(out));
    }

    @Test
    void unknownInputAndStrayArguments() throws IOException {
        assertRejected("Unknown input 'kay'", args("--staticAttributes", "height", "--kay", "3"));
        assertRejected("Unexpected argument", args("--staticAttributes", "height", "stray"));
        assertRejected("backend must be auto, cpu or gpu", args("--staticAttributes", "height", "--backend", "tpu"));
    }

    @Test
    void earlierResultsAreNotOverwrittenWithoutTheFlag() throws IOException {
        CliRunner.Run first = CliRunner.run(args("--staticAttributes", "height,mean_velocity", "--k", "3"));
        assertEquals(0, first.status(), first.err());
        List<Path> files = CliRunner.files(out);
        assertEquals(4, files.size(), files.toString());
        String summary = CliRunner.sha256(out.resolve("summary.json"));
        String layer = CliRunner.sha256(out.resolve("insar_points_clusters.gpkg"));

        CliRunner.Run second = CliRunner.run(args("--staticAttributes", "height", "--k", "4"));
        assertEquals(2, second.status());
        assertTrue(second.err().contains("--overwrite"), second.err());
        assertEquals(files, CliRunner.files(out));
        assertEquals(summary, CliRunner.sha256(out.resolve("summary.json")));
        assertEquals(layer, CliRunner.sha256(out.resolve("insar_points_clusters.gpkg")));

        CliRunner.Run third = CliRunner.run(args("--staticAttributes", "height", "--k", "4", "--overwrite"));
        assertEquals(0, third.status(), third.err());
        assertNotEquals(summary, CliRunner.sha256(out.resolve("summary.json")));
        assertEquals(files, CliRunner.files(out), "replaced, no leftovers");
        assertEquals(checksum, CliRunner.sha256(gpkg));
    }
}
