package io.geocluster.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geocluster.engine.stats.AdjustedRandIndex;
import io.geocluster.plugin.raster.QaMask;
import io.geocluster.plugin.spark.SparkEngineSettings;
import io.geocluster.plugin.spark.SparkMasterUrl;
import io.geocluster.plugin.spark.SparkSubmitter;
import io.geocluster.plugin.spi.LayerCatalog;
import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerSource;
import io.geocluster.plugin.spi.RasterSink;
import io.geocluster.plugin.spi.SceneSource;
import io.geocluster.plugin.wps.BatchedKMeansProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.ProcessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cluster:BatchedKMeans with {@code engine=spark} end to end: the WPS process, the plugin's
 * launcher, and this module's {@code SparkMain} in {@code local[2]} over the bundled CSV, through
 * a stand-in {@code spark-submit} that starts {@code java -cp <this test's class path> SparkMain}
 * (what spark-submit does in client mode, without a Spark installation).
 */
class WpsSparkEngineTest {
    @TempDir
    Path dir;

    /** The stand-in: drops {@code --master M JAR}, runs SparkMain with this JVM's flags and class path. */
    private Path standIn() throws IOException {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-") || flag.startsWith("-XX:+Ignore") || flag.startsWith("-Dio.netty")
                    || flag.startsWith("-Djdk.reflect")) {
                java.add(flag);
            }
        }
        java.add("-Xmx1g");
        java.add("-cp");
        java.add(System.getProperty("java.class.path"));
        java.add(SparkMain.class.getName());
        StringBuilder line = new StringBuilder();
        for (String a : java) {
            line.append('\'').append(a.replace("'", "'\"'\"'")).append("' ");
        }
        Path submit = dir.resolve("spark-submit");
        Files.writeString(submit, "#!/bin/sh\nshift 3\nexec " + line + "\"$@\"\n");
        assertTrue(submit.toFile().setExecutable(true));
        return submit;
    }

    @Test
    void theWpsProcessRunsSparkMainAndLabelsMatchTheTruth() throws Exception {
        Path output = Files.createDirectories(dir.resolve("labels"));
        Path jar = Files.writeString(dir.resolve("geocluster-spark-all.jar"), "the stand-in uses the class path");
        SparkEngineSettings settings = new SparkEngineSettings("local[2]", standIn(), jar, output, List.of());
        Listener listener = new Listener();
        Map<String, Object> out = new BatchedKMeansProcess(new CsvCatalog(dir), settings).execute("insar",
                "series", "height,mean_velocity,temporal_coherence,amplitude_dispersion", null, 5, null, null, null,
                null, null, SparkEnginesTest.SEED, null, "spark", "insar_spark", null, null, null, null, null, null,
                null, null, null, null, null, listener.proxy);

        Path labels = output.resolve("insar_spark");
        assertEquals(labels.toString(), out.get("layerName"));
        JsonNode summary = new ObjectMapper().readTree(((org.geoserver.wps.process.RawData) out.get("summary"))
                .getInputStream());
        assertEquals("spark", summary.get("engine").asText());
        assertEquals(5, summary.get("k").asInt());
        assertEquals(20_000, summary.get("rows").asLong());
        long sized = 0;
        for (JsonNode n : summary.get("sizes")) {
            sized += n.asLong();
        }
        assertEquals(20_000, sized, "every row labelled");
        assertEquals(summary, new ObjectMapper().readTree(labels.resolve(AtomicOutput.SUMMARY_FILE).toFile()));
        assertTrue(listener.tasks.containsAll(List.of("statistics", "warm start", "training", "labelling")),
                listener.tasks.toString());
        assertTrue(listener.completed);
        assertTrue(Files.notExists(SparkSubmitter.temporary(labels)));

        Map<String, Integer> truth = new HashMap<>();
        List<String> lines = Files.readAllLines(SparkEnginesTest.CSV);
        List<String> header = List.of(lines.get(0).split(","));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            truth.put(f[header.indexOf("pid")], Integer.parseInt(f[header.indexOf("truth")]));
        }
        SparkSession spark = SparkMasters.session("local[2]", "geocluster-wps-test");
        try {
            List<Row> rows = spark.read().parquet(labels.toString()).collectAsList();
            assertEquals(20_000, rows.size());
            int[] a = new int[rows.size()];
            int[] b = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                a[i] = rows.get(i).getInt(1);
                b[i] = truth.get(rows.get(i).getString(0));
            }
            double ari = AdjustedRandIndex.of(a, b);
            System.out.printf("engine=spark through WPS: ARI vs truth %.4f%n", ari);
            assertTrue(ari >= 0.95, "ARI vs truth " + ari);
        } finally {
            spark.stop();
        }
        ProcessException again = assertThrows(ProcessException.class, () -> new BatchedKMeansProcess(
                new CsvCatalog(dir), settings).execute("insar", null, "height", null, 5, null, null, null, null, null,
                null, null, "spark", "insar_spark", null, null, null, null, null, null, null, null, null, null, null,
                null));
        assertTrue(again.getMessage().contains("already exists"), again.getMessage());
    }

    /** The plugin mirrors this module's rules: protocol prefixes, temporary folder, master URLs. */
    @Test
    void thePluginsLauncherSpeaksThisModulesProtocol() {
        assertEquals(ProgressLines.PROGRESS, SparkSubmitter.PROGRESS);
        assertEquals(ProgressLines.SUMMARY, SparkSubmitter.SUMMARY);
        assertEquals("/r/.out.geocluster-tmp", SparkSubmitter.temporary(Path.of("/r/out")).toString());
        for (String url : List.of("local", "local[*]", "local[4]", "local[2,3]", "local-cluster[2,1,1024]", "yarn",
                "k8s://https://h:6443", "sc://h:15002", "spark//h:7077", "spark://h", "mesos://h:5050", "", "local[x]")) {
            String spark = outcome(() -> SparkMasters.validate(url));
            String plugin = outcome(() -> SparkMasterUrl.check(url));
            assertEquals(spark, plugin, url);
        }
    }

    private static String outcome(Runnable check) {
        try {
            check.run();
            return "accepted";
        } catch (IllegalArgumentException e) {
            return "refused";
        }
    }

    /** A catalog whose one layer {@code insar} is the bundled CSV. */
    private record CsvCatalog(Path scratch) implements LayerCatalog {
        @Override
        public String sparkInput(String layer) {
            assertEquals("insar", layer);
            return SparkEnginesTest.CSV.toAbsolutePath().normalize().toString();
        }

        @Override
        public LayerSource openPoints(String layer) {
            throw new AssertionError("engine=spark does not read the layer here");
        }

        @Override
        public SceneSource openScene(String scene, List<String> bands, QaMask mask) {
            throw new AssertionError("not a scene");
        }

        @Override
        public LayerSink pointSink(String workspace) {
            throw new AssertionError("engine=spark publishes nothing");
        }

        @Override
        public RasterSink rasterSink(String workspace) {
            throw new AssertionError("engine=spark publishes nothing");
        }

        @Override
        public Path createScratchDirectory() throws IOException {
            return Files.createTempDirectory(scratch, "run-");
        }
    }

    /** Records tasks and completion; a proxy, as the test needs only these two of the listener's calls. */
    private static final class Listener {
        final List<String> tasks = new ArrayList<>();
        boolean completed;
        final ProgressListener proxy = (ProgressListener) Proxy.newProxyInstance(ProgressListener.class.getClassLoader(),
                new Class<?>[] {ProgressListener.class}, (self, method, args) -> {
                    switch (method.getName()) {
                        case "setTask" -> tasks.add(args[0].toString());
                        case "complete" -> completed = true;
                        case "isCanceled" -> {
                            return false;
                        }
                        case "getProgress" -> {
                            return 0f;
                        }
                        default -> { }
                    }
                    return null;
                });
    }
}
