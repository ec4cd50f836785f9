package io.geocluster.plugin.spark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where {@code engine=spark} runs go, as the administrator set it: the master URL, the
 * {@code spark-submit} executable, the spark module's jar, the output root the labels are written
 * under, and extra {@code spark-submit} arguments (executor memory, {@code --conf} pairs). Never
 * taken from a WPS request: a caller chooses only {@code engine=spark}, so no request can name an
 * executable, a jar, a master or a folder.
 *
 * <p>Inside GeoServer the values come from Java system properties, else environment variables
 * ({@link #fromEnvironment()}); {@code geocluster serve} takes them from its command line. Any of
 * them may be missing: the server then runs {@code engine=local} only, and {@link #require()}
 * says what to configure.
 *
 * @param master the Spark master URL, or {@code null}
 * @param submit the {@code spark-submit} executable, or {@code null} for
 *        {@code $SPARK_HOME/bin/spark-submit}, else the one on the PATH
 * @param jar the spark module's {@code geocluster-spark-…-all.jar}, or {@code null}
 * @param output the folder results are written under, {@code <output>/<outputName>}, or
 *        {@code null}; a path the Spark driver and executors see under the same name (a shared
 *        file system when executors run on other machines)
 * @param arguments extra {@code spark-submit} arguments placed before the jar
 */
public record SparkEngineSettings(String master, Path submit, Path jar, Path output, List<String> arguments) {
    /** System property (or, upper-cased with '_', environment variable) of each setting. */
    public static final String MASTER = "geocluster.spark.master";
    /** The spark-submit executable. */
    public static final String SUBMIT = "geocluster.spark.submit";
    /** The spark module's jar. */
    public static final String JAR = "geocluster.spark.jar";
    /** The output root. */
    public static final String OUTPUT = "geocluster.spark.output";
    /** Extra spark-submit arguments, separated by white space. */
    public static final String ARGUMENTS = "geocluster.spark.args";

    /** Settings with nothing configured: {@code engine=spark} is refused. */
    public static final SparkEngineSettings NONE = new SparkEngineSettings(null, null, null, null, List.of());

    /** Copies the arguments. */
    public SparkEngineSettings {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
        master = master == null || master.isBlank() ? null : master.strip();
    }

    /**
     * The settings of this JVM: system properties {@value #MASTER}, {@value #SUBMIT},
     * {@value #JAR}, {@value #OUTPUT}, {@value #ARGUMENTS}, each else its environment variable
     * ({@code GEOCLUSTER_SPARK_MASTER}, …). The Spring bean {@code geoclusterSparkEngine}.
     */
    public static SparkEngineSettings fromEnvironment() {
        return from(System::getProperty, System.getenv());
    }

    /** The settings from the given properties, else the environment variables. */
    static SparkEngineSettings from(Function<String, String> properties, Map<String, String> environment) {
        Function<String, String> value = key -> {
            String v = properties.apply(key);
            if (v == null || v.isBlank()) {
                v = environment.get(variable(key));
            }
            return v == null || v.isBlank() ? null : v.strip();
        };
        String args = value.apply(ARGUMENTS);
        return new SparkEngineSettings(value.apply(MASTER), path(value.apply(SUBMIT)), path(value.apply(JAR)),
                path(value.apply(OUTPUT)), args == null ? List.of() : List.of(args.split("\\s+")));
    }

    /** The environment variable of a property: {@code geocluster.spark.master} → {@code GEOCLUSTER_SPARK_MASTER}. */
    static String variable(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }

    /** A copy with another output root (the host's {@code --output} folder). */
    public SparkEngineSettings withOutput(Path root) {
        return new SparkEngineSettings(master, submit, jar, root, arguments);
    }

    /**
     * These settings made complete and checked: the spark-submit executable located, the jar and
     * the output folder present. The master URL is checked when a run starts
     * ({@link SparkMasterUrl}), as its reachability can change.
     *
     * @param environment the environment to look up {@code SPARK_HOME} and {@code PATH} in
     * @throws IllegalArgumentException saying which settings are missing or wrong and how an
     *         administrator sets them
     */
    public SparkEngineSettings require(Map<String, String> environment) {
        List<String> missing = new ArrayList<>();
        if (master == null) {
            missing.add(describe(MASTER, "the Spark master URL, e.g. spark://host:7077, yarn or local[4]"));
        }
        if (jar == null) {
            missing.add(describe(JAR, "the spark module's geocluster-spark-<version>-all.jar"));
        }
        if (output == null) {
            missing.add(describe(OUTPUT, "the folder Spark writes results under, seen by Spark and this server alike"));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("engine=spark is not configured on this server; the administrator sets "
                    + String.join("; ", missing) + ". Until then use engine=local.");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("engine=spark: the configured spark jar (" + JAR + ") " + jar
                    + " is not a file.");
        }
        if (!output.isAbsolute() || !Files.isDirectory(output)) {
            throw new IllegalArgumentException("engine=spark: the configured output root (" + OUTPUT + ") " + output
                    + " is not an existing folder given by an absolute path.");
        }
        return new SparkEngineSettings(master, locateSubmit(submit, environment), jar.toAbsolutePath(), output, arguments);
    }

    private static String describe(String property, String what) {
        return property + " (or " + variable(property) + "): " + what;
    }

    /**
     * The spark-submit executable: {@code given}, else {@code $SPARK_HOME/bin/spark-submit}, else
     * {@code spark-submit} on the PATH.
     *
     * @throws IllegalArgumentException when none is an executable file
     */
    public static Path locateSubmit(Path given, Map<String, String> environment) {
        if (given != null) {
            if (!Files.isExecutable(given) || Files.isDirectory(given)) {
                throw new IllegalArgumentException("engine=spark: spark-submit " + given + " (" + SUBMIT
                        + ", --sparkSubmit) is not an executable file.");
            }
            return given.toAbsolutePath();
        }
        String home = environment.get("SPARK_HOME");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "spark-submit"))) {
            return Path.of(home, "bin", "spark-submit");
        }
        for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "spark-submit"))) {
                return Path.of(dir, "spark-submit");
            }
        }
        throw new IllegalArgumentException("engine=spark needs spark-submit: install Spark 4 and set SPARK_HOME, put"
                + " spark-submit on the PATH, or set " + SUBMIT + " (--sparkSubmit on the command line).");
    }
}
