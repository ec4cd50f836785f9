package io.geocluster.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.host.serve.GeoclusterHost;
import io.geocluster.plugin.spark.SparkEngineSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geocluster serve}: options, defaults, help and refusals (the server itself is tested in serve/). */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void optionsBecomeTheHostConfiguration() {
        GeoclusterHost.Config c = ServeCommand.config(Map.of("workspace", dir.toString(), "port", "0", "address", "0.0.0.0",
                "maxJobs", "3", "maxQueued", "5", "jobTimeout", "60", "keepResults", "120"));
        assertEquals(0, c.port());
        assertEquals("0.0.0.0", c.address());
        assertEquals(3, c.limits().maxJobs());
        assertEquals(5, c.limits().maxQueued());
        assertEquals(Duration.ofSeconds(60), c.limits().jobTimeout());
        assertEquals(Duration.ofSeconds(120), c.limits().keepResults());
        GeoclusterHost.Config d = ServeCommand.config(Map.of("workspace", dir.toString()));
        assertEquals("127.0.0.1", d.address());
        assertEquals(8080, d.port());
    }

    @Test
    void badOptionsAreInvalidInput() {
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.config(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.config(Map.of("workspace", "x", "port", "70000")));
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.config(Map.of("workspace", "x", "maxJobs", "0")));
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.config(Map.of("workspace", "x", "port", "99999999999")));
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.config(Map.of("workspace", "x", "colour", "red")));
        CliRunner.Run run = CliRunner.run("serve", "--workspace", dir.resolve("missing").toString(), "--port", "0");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("not a folder"), run.err());
    }

    @Test
    void helpListsTheOptions() {
        CliRunner.Run run = CliRunner.run("serve", "--help");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("--workspace DIR") && run.out().contains("--jobTimeout"), run.out());
        assertTrue(CliRunner.run("--help").out().contains("serve"));
    }

    /**
     * The --spark* options become the engine=spark settings, checked at start: executable and jar
     * made absolute, the output folder kept, extra arguments split; no master means no Spark.
     */
    @Test
    void sparkOptionsBecomeTheEngineSettings() throws Exception {
        Path submit = Files.writeString(dir.resolve("spark-submit"), "#!/bin/sh\nexit 0\n");
        assertTrue(submit.toFile().setExecutable(true));
        Path jar = Files.writeString(dir.resolve("geocluster-spark-all.jar"), "");
        Path out = Files.createDirectories(dir.resolve("labels"));
        SparkEngineSettings s = ServeCommand.spark(Map.of("sparkMaster", "local[2]", "sparkSubmit", submit.toString(),
                "sparkJar", jar.toString(), "sparkOutput", out.toString(), "sparkArgs", " --conf  spark.ui.enabled=false "));
        assertEquals("local[2]", s.master());
        assertEquals(submit.toAbsolutePath(), s.submit());
        assertEquals(jar.toAbsolutePath(), s.jar());
        assertEquals(out.toAbsolutePath(), s.output());
        assertEquals(List.of("--conf", "spark.ui.enabled=false"), s.arguments());
        if (System.getenv("GEOCLUSTER_SPARK_MASTER") == null && System.getProperty("geocluster.spark.master") == null) {
            assertSame(SparkEngineSettings.NONE, ServeCommand.spark(Map.of()));
        }
        IllegalArgumentException noJar = assertThrows(IllegalArgumentException.class, () -> ServeCommand.spark(Map.of(
                "sparkMaster", "local[2]", "sparkSubmit", submit.toString(), "sparkJar", dir.resolve("none.jar").toString(),
                "sparkOutput", out.toString())));
        assertTrue(noJar.getMessage().contains("none.jar") && noJar.getMessage().contains("is not a file"),
                noJar.getMessage());
        IllegalArgumentException noOutput = assertThrows(IllegalArgumentException.class, () -> ServeCommand.spark(Map.of(
                "sparkMaster", "local[2]", "sparkSubmit", submit.toString(), "sparkJar", jar.toString(),
                "sparkOutput", dir.resolve("missing").toString())));
        assertTrue(noOutput.getMessage().contains("is not an existing folder"), noOutput.getMessage());
    }
}
