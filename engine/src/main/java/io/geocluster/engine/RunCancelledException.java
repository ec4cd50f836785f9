package io.geocluster.engine;

/**
 * Thrown inside a run when its {@link RunMonitor} reports cancellation; callers discard every
 * partial output.
 */
public final class RunCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the standard message. */
    public RunCancelledException() {
        super("The run was cancelled.");
    }
}
