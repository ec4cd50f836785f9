package io.geocluster.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    /**
     * The README's main command, with --exit: the three processes run through the host's WPS on a
     * copy of the bundled data, every published layer is in the workspace with its style, the map
     * URLs are printed, and the repository's own test-data is left alone.
     */
    @Test
    void runsTheThreeProcessesThroughWpsAndPrintsTheMapUrls(@TempDir Path dir) throws Exception {
        Path workspace = dir.resolve("demo");
        long before = Files.list(Path.of("../test-data")).count();
        CliRunner.Run run = CliRunner.run("demo", "--data", "../test-data", "--workspace", workspace.toString(),
                "--port", "0", "--exit");
        assertEquals(0, run.status(), run.err() + run.out());
        for (String f : new String[] {"insar_batched.gpkg", "insar_batched.sld", "insar_smoothed.gpkg",
            "insar_smoothed.sld", "landsat.sld", "landsat_LC08_L2SP_198018_20220615_20220623_02_T1.tif"}) {
            assertTrue(Files.isRegularFile(workspace.resolve(f)), f + " in " + run.out());
        }
        assertTrue(run.out().contains("/ows?service=WMS&request=GetCapabilities"), run.out());
        assertTrue(run.out().contains("/?layer=insar_batched"), run.out());
        assertEquals(before, Files.list(Path.of("../test-data")).count(), "test-data is not written to");

        // A second demo replaces the folder it made; another folder is never overwritten.
        Path other = dir.resolve("mine");
        Files.createDirectories(other);
        CliRunner.Run refused = CliRunner.run("demo", "--data", "../test-data", "--workspace", other.toString(),
                "--port", "0", "--exit");
        assertEquals(2, refused.status(), refused.err());
        assertTrue(refused.err().contains("not made by"), refused.err());
    }
}
