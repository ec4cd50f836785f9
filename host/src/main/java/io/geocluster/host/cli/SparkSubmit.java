package io.geocluster.host.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --engine spark}: hands a clustering command to Spark. The host does not depend on Spark;
 * it runs {@code spark-submit} with the spark module's jar ({@code geocluster-spark-…-all.jar},
 * whose {@code SparkMain} takes the same inputs) and the command's inputs, and returns its exit
 * status.
 *
 * <p>{@code --sparkMaster URL} becomes {@code spark-submit --master URL}; {@code --output DIR}
 * and {@code --outputName NAME} become the Parquet output folder {@code DIR/NAME}. The
 * executable is {@code --sparkSubmit}, else {@code $SPARK_HOME/bin/spark-submit}, else
 * {@code spark-submit} on the PATH; the jar is {@code --sparkJar}, else the one the build leaves
 * in {@code spark/target/} beside the host's.
 */
final class SparkSubmit {
    /** Options of the host that Spark does not take. */
    private static final Set<String> HOST_ONLY = Set.of("engine", "sparkMaster", "sparkSubmit", "sparkJar", "output",
            "scratch", "outputName", "backend", "keepAttributes", "style", "workspace");

    private SparkSubmit() {
    }

    /**
     * Whether the options ask for Spark; {@code local} (the default) keeps the run in this JVM.
     *
     * @throws IllegalArgumentException for another engine
     */
    static boolean wanted(Map<String, String> options) {
        String engine = options.getOrDefault("engine", "local");
        if (engine.equalsIgnoreCase("spark")) {
            return true;
        }
        if (!engine.equalsIgnoreCase("local")) {
            throw new IllegalArgumentException("engine must be local or spark, got '" + engine + "'.");
        }
        return false;
    }

    /**
     * Runs {@code spark-submit} for a command and waits for it.
     *
     * @param command {@code batched-kmeans} or {@code iikmc}
     * @param defaultName output name when {@code --outputName} is not given
     */
    static int run(String command, Map<String, String> options, String defaultName, PrintStream out)
            throws IOException {
        if (command.equals("smoothed-kmeans")) {
            throw new IllegalArgumentException("--engine spark runs batched-kmeans and iikmc; smoothed-kmeans runs locally.");
        }
        List<String> line = commandLine(command, options, defaultName);
        out.println("geocluster: running " + String.join(" ", line));
        out.flush();
        Process p = new ProcessBuilder(line).inheritIO().start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** The {@code spark-submit} command line. */
    static List<String> commandLine(String command, Map<String, String> options, String defaultName) throws IOException {
        String master = options.get("sparkMaster");
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("--engine spark needs --sparkMaster URL (e.g. spark://host:7077, yarn, local[4]).");
        }
        List<String> line = new ArrayList<>();
        line.add(submitter(options.get("sparkSubmit")));
        line.add("--master");
        line.add(master);
        line.add(jar(options.get("sparkJar")).toString());
        line.add(command);
        Map<String, String> passed = new LinkedHashMap<>(options);
        passed.keySet().removeAll(HOST_ONLY);
        passed.forEach((name, value) -> {
            line.add("--" + name);
            line.add(value);
        });
        Path outputDir = Path.of(options.getOrDefault("output", "geocluster-output")).toAbsolutePath().normalize();
        line.add("--outputName");
        line.add(outputDir.resolve(options.getOrDefault("outputName", defaultName)).toString());
        line.add("--sparkMaster");
        line.add(master);
        return line;
    }

    static String submitter(String given) {
        if (given != null) {
            if (!Files.isExecutable(Path.of(given))) {
                throw new IllegalArgumentException("--sparkSubmit " + given + " is not an executable file.");
            }
            return given;
        }
        String home = System.getenv("SPARK_HOME");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "spark-submit"))) {
            return Path.of(home, "bin", "spark-submit").toString();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "spark-submit"))) {
                return Path.of(dir, "spark-submit").toString();
            }
        }
        throw new IllegalArgumentException("--engine spark needs spark-submit: install Spark 4 and set SPARK_HOME, put"
                + " spark-submit on the PATH, or pass --sparkSubmit PATH.");
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
