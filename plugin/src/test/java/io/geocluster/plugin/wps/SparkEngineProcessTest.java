package io.geocluster.plugin.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.plugin.spark.SparkEngineSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.geoserver.wps.ProcessDismissedException;
import org.geotools.process.ProcessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine=spark} through the plugin's Spring wiring, with stand-in {@code spark-submit}
 * scripts that record their arguments and behave as a job would: report progress and a summary,
 * fail, or hang until killed.
 */
class SparkEngineProcessTest {
    @TempDir
    Path dir;

    /** A stand-in spark-submit: records its arguments, finds its --outputName, then runs {@code body}. */
    private Path script(String body) throws IOException {
        Path submit = dir.resolve("spark-submit");
        Files.writeString(submit, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '" + dir.resolve("args.txt") + "'\n"
                + "out=''; prev=''\nfor a in \"$@\"; do if [ \"$prev\" = --outputName ]; then out=\"$a\"; fi; prev=\"$a\"; done\n"
                + body);
        assertTrue(submit.toFile().setExecutable(true));
        return submit;
    }

    private Path scratch() {
        try {
            return Files.createDirectories(dir.resolve("scratch"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SparkEngineSettings settings(Path submit, String master) throws IOException {
        Path jar = Files.writeString(dir.resolve("geocluster-spark-all.jar"), "not a real jar");
        Path output = Files.createDirectories(dir.resolve("spark-output"));
        return new SparkEngineSettings(master, submit, jar, output, List.of("--executor-memory", "2g"));
    }

    private Map<String, Object> run(SparkEngineSettings settings, RecordingListener listener, Object... kv)
            throws ProcessException {
        MemoryCatalog catalog = new MemoryCatalog(scratch());
        catalog.sparkInputs.put("insar:points", "/data/insar.csv");
        Map<String, Object> in = new HashMap<>();
        in.put("layer", "insar:points");
        in.put("staticAttributes", "velocity,height");
        in.put("k", 3);
        in.put("engine", "spark");
        for (int i = 0; i < kv.length; i += 2) {
            in.put((String) kv[i], kv[i + 1]);
        }
        try (ProcessContext gs = new ProcessContext(catalog, settings)) {
            return gs.factory.execute("BatchedKMeans", in, listener);
        }
    }

    private static final String SUCCEEDS = """
            echo 'geocluster-progress 0.0 statistics'
            echo 'geocluster-progress 5.0 warm start'
            echo 'geocluster-progress 47.5 training'
            echo 'geocluster-progress 85.0 labelling'
            echo 'a Spark warning' >&2
            mkdir -p "$out" && echo '{"k":3}' > "$out/_summary.json"
            echo 'geocluster-summary {"engine":"spark","k":3}'
            """;

    @Test
    void handsTheRunToSparkSubmitAndForwardsItsProgress() throws Exception {
        SparkEngineSettings settings = settings(script(SUCCEEDS), "local[2]");
        RecordingListener listener = new RecordingListener();
        Map<String, Object> out = run(settings, listener, "seed", 7L, "outputName", "norway");

        Path output = settings.output().resolve("norway");
        assertEquals(output.toString(), out.get("layerName"));
        assertTrue(Files.isDirectory(output));
        RawResult summary = (RawResult) out.get("summary");
        assertEquals("{\"engine\":\"spark\",\"k\":3}", new String(summary.data(), StandardCharsets.UTF_8));
        assertFalse(out.containsKey("profiles"), "a Spark run has no chart");
        List<String> args = Files.readAllLines(dir.resolve("args.txt"));
        assertEquals(List.of("--master", "local[2]", "--executor-memory", "2g", settings.jar().toString(),
                "batched-kmeans", "--layer", "/data/insar.csv"), args.subList(0, 8));
        assertEquals(List.of("--outputName", output.toString(), "--sparkMaster", "local[2]"),
                args.subList(args.size() - 4, args.size()));
        Map<String, String> passed = pairs(args.subList(6, args.size() - 4));
        assertEquals("velocity,height", passed.get("staticAttributes"));
        assertEquals("3", passed.get("k"));
        assertEquals("7", passed.get("seed"));
        assertEquals("256", passed.get("batchSize"));
        assertFalse(passed.containsKey("engine") || passed.containsKey("backend"), passed.toString());

        assertEquals(List.of("statistics", "warm start", "training", "labelling"), listener.tasks);
        assertTrue(listener.progress.contains(47.5f), listener.progress.toString());
        assertTrue(listener.progress.contains(85f), listener.progress.toString());
        assertTrue(listener.completed);
    }

    private static Map<String, String> pairs(List<String> args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            m.put(args.get(i).substring(2), args.get(i + 1));
        }
        return m;
    }

    @Test
    void iikmcReadsOnePixelTable() throws Exception {
        SparkEngineSettings settings = settings(script(SUCCEEDS), "local[2]");
        Map<String, Object> out = runIikmc(settings, "landsat:pixels");
        assertEquals(settings.output().resolve("iikmc").toString(), out.get("layerNames"));
        List<String> args = Files.readAllLines(dir.resolve("args.txt"));
        assertEquals(List.of("iikmc", "--scenes", "/data/pixels.parquet"), args.subList(5, 8));
        ProcessException two = assertThrows(ProcessException.class, () -> runIikmc(settings, "a,b"));
        assertTrue(two.getMessage().contains("one CSV or Parquet layer of pixel rows"), two.getMessage());
        assertTrue(two.getMessage().contains("Coverages cannot be handed to Spark"), two.getMessage());
    }

    private Map<String, Object> runIikmc(SparkEngineSettings settings, String scenes) throws ProcessException {
        MemoryCatalog catalog = new MemoryCatalog(scratch());
        catalog.sparkInputs.put("landsat:pixels", "/data/pixels.parquet");
        Map<String, Object> in = new HashMap<>();
        in.put("scenes", scenes);
        in.put("bands", "SR_B2,SR_B3");
        in.put("engine", "spark");
        try (ProcessContext gs = new ProcessContext(catalog, settings)) {
            return gs.factory.execute("IIkMC", in, new RecordingListener());
        }
    }

    @Test
    void aFailedJobReportsSparkSubmitsErrorLinesAndLeavesNothing() throws Exception {
        SparkEngineSettings settings = settings(script("""
                mkdir -p "$(dirname "$out")/.$(basename "$out").geocluster-tmp"
                echo 'geocluster-progress 0.0 statistics'
                echo 'error: no column matches '"'"'velocity'"'"'; columns: pid, height' >&2
                exit 3
                """), "local[2]");
        ProcessException e = assertThrows(ProcessException.class, () -> run(settings, new RecordingListener()));
        assertTrue(e.getMessage().contains("exited with status 3"), e.getMessage());
        assertTrue(e.getMessage().contains("error: no column matches 'velocity'; columns: pid, height"), e.getMessage());
        try (var left = Files.list(settings.output())) {
            assertEquals(List.of(), left.toList(), "no output, not even the temporary folder");
        }
    }

    @Test
    void cancellingKillsTheJobAndLeavesNoOutput() throws Exception {
        Path pid = dir.resolve("child.pid");
        SparkEngineSettings settings = settings(script("""
                mkdir -p "$(dirname "$out")/.$(basename "$out").geocluster-tmp"
                sleep 120 &
                echo $! > '%s'
                echo 'geocluster-progress 12.0 training'
                wait
                """.formatted(pid)), "local[2]");
        // The "job" (sleep) starts before it reports progress, as a driver JVM exists before it prints.
        RecordingListener listener = new RecordingListener(task -> task.equals("training"), false);
        ProcessException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThrows(ProcessException.class, () -> run(settings, listener)));
        // The factory wraps what the process throws; GeoServer's executor reads the dismissal from the cause.
        assertTrue(e.getCause() instanceof ProcessDismissedException, String.valueOf(e.getCause()));
        long child = Long.parseLong(Files.readString(pid).strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the job's child was killed");
        try (var left = Files.list(settings.output())) {
            assertEquals(List.of(), left.toList(), "no output, not even the temporary folder");
        }
    }

    @Test
    void refusesClearlyWhatItCannotRun() throws Exception {
        Path submit = script(SUCCEEDS);
        List<String> messages = new ArrayList<>();
        messages.add(assertThrows(ProcessException.class, () -> run(SparkEngineSettings.NONE, null)).getMessage());
        messages.add(assertThrows(ProcessException.class, () -> run(settings(submit, "spark//master:7077"), null)).getMessage());
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        messages.add(assertThrows(ProcessException.class,
                () -> run(settings(submit, "spark://127.0.0.1:" + closed), null)).getMessage());
        messages.add(assertThrows(ProcessException.class,
                () -> run(settings(submit, "local[2]"), null, "layer", "insar:gpkg_layer")).getMessage());
        messages.add(assertThrows(ProcessException.class,
                () -> run(settings(submit, "local[2]"), null, "keepAttributes", "name")).getMessage());
        messages.add(assertThrows(ProcessException.class,
                () -> run(settings(submit, "local[2]"), null, "engine", "flink")).getMessage());
        assertTrue(messages.get(0).contains("engine=spark is not configured") && messages.get(0).contains("geocluster.spark.master")
                && messages.get(0).contains("GEOCLUSTER_SPARK_OUTPUT"), messages.get(0));
        assertTrue(messages.get(1).contains("'spark//master:7077' is not a Spark master URL"), messages.get(1));
        assertTrue(messages.get(2).contains("is not reachable"), messages.get(2));
        assertTrue(messages.get(3).contains("engine=spark needs a CSV or Parquet-backed layer"), messages.get(3));
        assertTrue(messages.get(4).contains("keepAttributes is not available with engine=spark"), messages.get(4));
        assertTrue(messages.get(5).contains("engine must be local or spark"), messages.get(5));
        assertFalse(Files.exists(dir.resolve("args.txt")), "spark-submit never ran");
    }

    @Test
    void anOutputThatExistsIsNeverReplaced() throws Exception {
        SparkEngineSettings settings = settings(script(SUCCEEDS), "local[2]");
        Files.createDirectories(settings.output().resolve("taken"));
        ProcessException e = assertThrows(ProcessException.class, () -> run(settings, null, "outputName", "taken"));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        ProcessException path = assertThrows(ProcessException.class, () -> run(settings, null, "outputName", "../up"));
        assertTrue(path.getMessage().contains("outputName must be a folder name"), path.getMessage());
    }
}
