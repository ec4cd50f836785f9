package io.geocluster.host.cli;

import io.geocluster.engine.RunCancelledException;
import io.geocluster.plugin.spark.ExecutionEngine;
import io.geocluster.plugin.spark.SparkEngineSettings;
import io.geocluster.plugin.spark.SparkJobException;
import io.geocluster.plugin.spark.SparkJobResult;
import io.geocluster.plugin.spark.SparkSubmitter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --engine spark}: hands a clustering command to Spark through the plugin's
 * {@link SparkSubmitter}, the launcher the WPS processes use too. The host does not depend on
 * Spark; spark-submit runs the spark module's jar ({@code geocluster-spark-…-all.jar}, whose
 * {@code SparkMain} takes the same inputs), its progress lines drive the progress bar, and Ctrl-C
 * kills the job, leaving no output.
 *
 * <p>{@code --sparkMaster URL} becomes {@code spark-submit --master URL}; {@code --output DIR}
 * and {@code --outputName NAME} become the Parquet output folder {@code DIR/NAME}, which must not
 * exist. The executable is {@code --sparkSubmit}, else {@code $SPARK_HOME/bin/spark-submit}, else
 * {@code spark-submit} on the PATH; the jar is {@code --sparkJar}, else the one the build leaves
 * in {@code spark/target/} beside the host's. Exit status: 0, spark-submit's own status when it
 * fails, 130 when cancelled.
 */
final class SparkSubmit {
    /** Options of the host that Spark does not take. */
    private static final Set<String> HOST_ONLY = Set.of(ExecutionEngine.INPUT, "sparkMaster", "sparkSubmit", "sparkJar",
            "output", "scratch", "outputName", "backend", "keepAttributes", "style", "workspace");

    private SparkSubmit() {
    }

    /**
     * Whether the options ask for Spark; {@code local} (the default) keeps the run in this JVM.
     *
     * @throws IllegalArgumentException for another engine
     */
    static boolean wanted(Map<String, String> options) {
        return ExecutionEngine.parse(options.get(ExecutionEngine.INPUT)) == ExecutionEngine.SPARK;
    }

    /**
     * Runs {@code spark-submit} for a command and waits for it.
     *
     * @param command {@code batched-kmeans} or {@code iikmc}
     * @param defaultName output name when {@code --outputName} is not given
     * @return the exit status
     */
    static int run(String command, Map<String, String> options, String defaultName, PrintStream out, PrintStream err,
                   boolean quiet) throws IOException {
        if (command.equals("smoothed-kmeans")) {
            throw new IllegalArgumentException("--engine spark runs batched-kmeans and iikmc; smoothed-kmeans runs locally.");
        }
        String master = options.get("sparkMaster");
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("--engine spark needs --sparkMaster URL (e.g. spark://host:7077, yarn, local[4]).");
        }
        String submitter = options.get("sparkSubmit");
        Path outputDir = Path.of(options.getOrDefault("output", "geocluster-output")).toAbsolutePath().normalize();
        SparkEngineSettings settings = new SparkEngineSettings(master,
                SparkEngineSettings.locateSubmit(submitter == null ? null : Path.of(submitter), System.getenv()),
                jar(options.get("sparkJar")), outputDir, List.of());
        Map<String, String> passed = new LinkedHashMap<>(options);
        passed.keySet().removeAll(HOST_ONLY);
        Path output = outputDir.resolve(options.getOrDefault("outputName", defaultName));
        boolean created = !Files.exists(outputDir);
        Files.createDirectories(outputDir);
        ProgressBar progress = new ProgressBar(err, System.console() != null, quiet);
        CancelOnInterrupt interrupt = new CancelOnInterrupt(progress);
        boolean done = false;
        try {
            SparkJobResult r = new SparkSubmitter(settings).run(command, passed, output, progress, line -> {
                if (!quiet) {
                    err.println(line);
                }
            });
            out.println("Spark labels (Parquet, keyed by the source id): " + r.output());
            out.println("  summary: " + r.output().resolve("_summary.json"));
            done = true;
            return 0;
        } catch (SparkJobException e) {
            err.println("geocluster: " + e.getMessage());
            return e.exitStatus() == 0 ? 1 : e.exitStatus();
        } catch (RunCancelledException e) {
            err.println("geocluster: cancelled; nothing was written.");
            return 130;
        } finally {
            if (!done && created) {
                ClusterCommand.removeIfEmpty(outputDir);
            }
            interrupt.close();
        }
    }

    /** Help lines of the options {@code --engine spark} adds, in the command's help format. */
    static String help(String format) {
        return String.format(java.util.Locale.ROOT, format, "sparkMaster", "With --engine spark: the Spark master URL (required).")
                + String.format(java.util.Locale.ROOT, format, "sparkSubmit",
                        "With --engine spark: spark-submit (default $SPARK_HOME/bin or the PATH).")
                + String.format(java.util.Locale.ROOT, format, "sparkJar",
                        "With --engine spark: the spark module's -all jar (default spark/target/).");
    }

    /** The spark-submit executable of {@code geocluster bench}: SPARK_HOME or the PATH. */
    static String submitter() {
        return SparkEngineSettings.locateSubmit(null, System.getenv()).toString();
    }

    static Path jar(String given) throws IOException {
        if (given != null) {
            if (!Files.isRegularFile(Path.of(given))) {
                throw new IllegalArgumentException("--sparkJar " + given + " is not a file.");
            }
            return Path.of(given).toAbsolutePath();
        }
        Path here;
        try {
            here = Path.of(SparkSubmit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            here = Path.of(".");
        }
        // host/target/geocluster.jar (or host/target/classes) → spark/target/
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path target = dir.resolve("spark").resolve("target");
            if (Files.isDirectory(target)) {
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "geocluster-spark-*-all.jar")) {
                    for (Path j : jars) {
                        return j.toAbsolutePath();
                    }
                }
            }
        }
        throw new IllegalArgumentException("--engine spark needs the spark module's jar: build it with"
                + " 'mvn -q package -pl spark -am -DskipTests', or pass --sparkJar PATH.");
    }
}
