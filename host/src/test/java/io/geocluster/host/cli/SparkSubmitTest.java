package io.geocluster.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSubmitTest {
    /**
     * {@code --engine spark} runs spark-submit with the spark jar, the master, the command and its
     * inputs, the host-only options left out and the output folder joined to the output name; a
     * stand-in spark-submit records its arguments and its exit status comes back.
     */
    @Test
    void handsTheCommandToSparkSubmit(@TempDir Path dir) throws Exception {
        Path args = dir.resolve("args.txt");
        Path submit = dir.resolve("spark-submit");
        Files.writeString(submit, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '" + args + "'\nexit 3\n");
        assertTrue(submit.toFile().setExecutable(true));
        Path jar = Files.writeString(dir.resolve("geocluster-spark-all.jar"), "not a real jar");
        // A standalone master is probed before spark-submit starts: a listening socket stands in for it.
        try (ServerSocket masterSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String master = "spark://127.0.0.1:" + masterSocket.getLocalPort();
            CliRunner.Run run = CliRunner.run("batched-kmeans", "--engine", "spark", "--sparkMaster", master,
                    "--sparkSubmit", submit.toString(), "--sparkJar", jar.toString(), "--layer", "hdfs:///insar/",
                    "--staticAttributes", "height,mean_velocity", "--k", "5", "--backend", "cpu", "--output",
                    dir.resolve("out").toString());
            assertEquals(3, run.status(), run.err() + run.out());
            assertTrue(run.err().contains("spark-submit exited with status 3"), run.err());
            assertEquals(List.of("--master", master, jar.toAbsolutePath().toString(), "batched-kmeans",
                    "--layer", "hdfs:///insar/", "--staticAttributes", "height,mean_velocity", "--k", "5",
                    "--outputName", dir.resolve("out").resolve("insar_clusters").toString(), "--sparkMaster", master),
                    Files.readAllLines(args));
        }
    }

    /** The help lists the engine input (from the process's PARAMETERS) and the Spark options. */
    @Test
    void helpListsTheEngineAndTheSparkOptions() {
        CliRunner.Run help = CliRunner.run("batched-kmeans", "--help");
        assertTrue(help.out().contains("--engine") && help.out().contains("--sparkMaster"), help.out());
        CliRunner.Run smoothed = CliRunner.run("smoothed-kmeans", "--help");
        assertTrue(!smoothed.out().contains("--engine") && !smoothed.out().contains("--sparkMaster"), smoothed.out());
    }

    @Test
    void sparkNeedsAMasterAndRunsTwoCommandsOnly(@TempDir Path dir) {
        CliRunner.Run noMaster = CliRunner.run("batched-kmeans", "--engine", "spark", "--layer", "x.csv");
        assertEquals(2, noMaster.status());
        assertTrue(noMaster.err().contains("--sparkMaster"), noMaster.err());
        CliRunner.Run smoothed = CliRunner.run("smoothed-kmeans", "--engine", "spark", "--sparkMaster", "local[2]",
                "--layer", "x.csv");
        assertEquals(2, smoothed.status());
        assertTrue(smoothed.err().contains("smoothed-kmeans runs locally"), smoothed.err());
        CliRunner.Run other = CliRunner.run("iikmc", "--engine", "flink", "--scenes", "a", "--output", dir.toString());
        assertEquals(2, other.status());
        assertTrue(other.err().contains("engine must be local or spark"), other.err());
    }
}
