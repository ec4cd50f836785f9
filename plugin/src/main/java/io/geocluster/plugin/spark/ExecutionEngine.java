package io.geocluster.plugin.spark;

import java.util.Locale;

/**
 * Where a run executes: {@code local} (this JVM, the default) or {@code spark} (a job handed to
 * the Spark master the administrator configured). The {@code engine} input of cluster:BatchedKMeans
 * and cluster:IIkMC: its text is shared by {@code BatchedKMeansParameters.ENGINE} (their
 * {@code PARAMETERS}, hence the command line) and the WPS annotations.
 */
public enum ExecutionEngine {
    /** In this JVM, through the engine module. */
    LOCAL,
    /** As a Spark job, through {@code spark-submit}. */
    SPARK;

    /** Name of the input. */
    public static final String INPUT = "engine";
    /** Its description, shared by the parameter declaration and the WPS annotation. */
    public static final String DESCRIPTION = "Where the run executes: local (this server) or spark (the Spark cluster"
            + " the administrator configured; the layer must be CSV- or Parquet-backed, labels are written as Parquet"
            + " keyed by the source id under the configured output folder and not published as a map layer).";

    /**
     * The engine of that name, case-insensitively; {@code null} means {@link #LOCAL}.
     *
     * @throws IllegalArgumentException for another value, naming the accepted ones
     */
    public static ExecutionEngine parse(String name) {
        if (name == null || name.isBlank()) {
            return LOCAL;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "local" -> LOCAL;
            case "spark" -> SPARK;
            default -> throw new IllegalArgumentException("engine must be local or spark, got '" + name + "'.");
        };
    }
}
