package io.geocluster.engine.iikmc;

/**
 * The outcome of a pooled IIkMC run; per-pixel labels are written into the caller's arrays.
 *
 * @param centres {@code k × bands}, row-major: the mean of the pixels carrying each label, NaN
 *        rows for cancelled classes
 * @param cancelled per class, whether it was cancelled (only with {@link EmptyClusterRule#CANCEL})
 * @param sizes pooled pixels per class in the final labelling
 * @param changedFraction per iteration, the fraction of pooled pixels whose class changed; the
 *        first is 1 because every pixel starts unassigned
 * @param iterations Lloyd iterations run
 * @param converged whether the run stopped because the changed fraction fell under the tolerance
 *        rather than at the iteration limit
 */
public record IikmcResult(float[] centres, boolean[] cancelled, long[] sizes, double[] changedFraction,
                          int iterations, boolean converged) {
    /** Number of classes, cancelled ones included. */
    public int k() {
        return cancelled.length;
    }

    /** Values per centre. */
    public int bands() {
        return centres.length / cancelled.length;
    }
}
