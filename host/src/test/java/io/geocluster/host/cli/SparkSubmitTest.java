package io.geocluster.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        CliRunner.Run run = CliRunner.run("batched-kmeans", "--engine", "spark", "--sparkMaster", "spark://m:7077",
                "--sparkSubmit", submit.toString(), "--sparkJar", jar.toString(), "--layer", "hdfs:///insar/",
                "--staticAttributes", "height,mean_velocity", "--k", "5", "--backend", "cpu", "--output",
                dir.resolve("out").toString());
        assertEquals(3, run.status(), run.err() + run.out());
        assertEquals(List.of("--master", "spark://m:7077", jar.toAbsolutePath().toString(), "batched-kmeans",
                "--layer", "hdfs:///insar/", "--staticAttributes", "height,mean_velocity", "--k", "5",
                "--outputName", dir.resolve("out").resolve("insar_clusters").toString(), "--sparkMaster", "spark://m:7077"),
                Files.readAllLines(args));
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
