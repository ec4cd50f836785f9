package io.geocluster.engine;

/**
 * Receives progress of a long run and tells it when to stop. The plugin adapts GeoServer's
 * {@code ProgressListener} to it; the CLI draws a progress bar.
 *
 * <p>Implementations must be thread-safe for {@link #isCanceled()}; the other methods are called
 * from the thread that runs the job.
 */
public interface RunMonitor {
    /** A monitor that reports nothing and never cancels. */
    RunMonitor NONE = new RunMonitor() { };

    /** A new pass starts; {@code expectedRows} is negative when unknown. */
    default void passStarted(String pass, long expectedRows) { }

    /** {@code rows} rows of the current pass are done. */
    default void passProgress(long rows) { }

    /** The current pass ended. */
    default void passFinished() { }

    /** Whether the caller asked the run to stop; polled once per batch. */
    default boolean isCanceled() {
        return false;
    }

    /**
     * Throws {@link RunCancelledException} when the run was cancelled.
     */
    default void checkCanceled() {
        if (isCanceled()) {
            throw new RunCancelledException();
        }
    }
}
