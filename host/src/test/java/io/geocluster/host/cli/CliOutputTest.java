package io.geocluster.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.host.testdata.InsarCatalogueGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line tells its user: help, progress per pass, quiet runs, a chosen style. */
class CliOutputTest {
    @TempDir
    Path dir;

    @Test
    void helpListsEveryInputWithItsDefault() {
        CliRunner.Run run = CliRunner.run("batched-kmeans", "--help");
        assertEquals(0, run.status());
        for (String input : new String[] {"--layer", "--dynamicAttributes", "--staticAttributes", "--k ", "--batchSize",
                "--initSize", "--epochs", "--testFraction", "--standardize", "--seed", "--backend", "--outputName",
                "--output", "--overwrite"}) {
            assertTrue(run.out().contains(input), input + " missing from help");
        }
        assertTrue(run.out().contains("default 25600"));
        CliRunner.Run usage = CliRunner.run();
        assertEquals(2, usage.status());
        assertTrue(usage.out().contains("batched-kmeans"));
    }

    @Test
    void progressPerPassUnlessQuietAndAStyleOfOurChoice() throws Exception {
        Path gpkg = dir.resolve("p.gpkg");
        InsarCatalogueGenerator.write(new InsarCatalogueGenerator.Options(2000, 12, 1), gpkg, null);
        CliRunner.Run loud = CliRunner.run("batched-kmeans", "--layer", gpkg.toString(), "--staticAttributes",
                "height,mean_velocity", "--k", "3", "--output", dir.resolve("a").toString());
        assertEquals(0, loud.status(), loud.err());
        for (String pass : new String[] {"statistics", "warm start", "training", "labelling"}) {
            assertTrue(loud.err().contains(pass), "progress of the " + pass + " pass: " + loud.err());
        }
        assertTrue(loud.err().contains("2,000 rows"), loud.err());
        assertTrue(loud.out().contains("summary:") && loud.out().contains("profiles:"), loud.out());

        Path sld = dir.resolve("mine.sld");
        Files.writeString(sld, "<StyledLayerDescriptor version=\"1.0.0\"><!-- mine --></StyledLayerDescriptor>");
        CliRunner.Run quiet = CliRunner.run("batched-kmeans", "--layer", gpkg.toString(), "--staticAttributes",
                "height,mean_velocity", "--k", "3", "--output", dir.resolve("b").toString(), "--quiet",
                "--style", sld.toString());
        assertEquals(0, quiet.status(), quiet.err());
        assertEquals("", quiet.err());
        assertEquals(Files.readString(sld), Files.readString(dir.resolve("b").resolve("insar_points_clusters.sld")));
        assertFalse(Files.readString(dir.resolve("a").resolve("insar_points_clusters.sld")).contains("mine"));
    }
}
