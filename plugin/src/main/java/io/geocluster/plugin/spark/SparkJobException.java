package io.geocluster.plugin.spark;

/**
 * A Spark job that ended without a result: {@code spark-submit} exited with a non-zero status, or
 * finished without reporting its summary. The message carries the last lines spark-submit wrote
 * to its error stream, where Spark and the job report what went wrong.
 */
public final class SparkJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitStatus;

    /**
     * @param message what failed, with the error lines
     * @param exitStatus spark-submit's exit status
     */
    public SparkJobException(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    /** spark-submit's exit status (non-zero, or 0 when the summary was missing). */
    public int exitStatus() {
        return exitStatus;
    }
}
