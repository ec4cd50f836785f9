package io.geocluster.engine.compute;

import java.util.function.IntConsumer;

/**
 * Repeated Lloyd steps over the same rows, opened with {@link ComputeBackend#openLloyd}: the GPU
 * backend uploads the rows once and keeps them (and their class ids) on the device between steps,
 * so a step moves only the centres in and the per-centre sums, counts and changed count out.
 *
 * <p>Class ids are read from the rows when the session opens and are the rows' again when it
 * closes; in between, a backend may hold them elsewhere (the CPU session writes them back after
 * every chunk). After a step that threw, the class ids are unspecified.
 *
 * <p><b>Thread safety:</b> one step at a time; the backend is busy while a session is open.
 */
public interface LloydSession extends AutoCloseable {
    /**
     * One Lloyd step over every row, as {@link ComputeBackend#lloydStep} over each chunk in turn.
     *
     * @param centres compacted live centres, {@code k × d}
     * @param k number of centres
     * @param ids class id written for each centre position
     * @param sums per-centre-position sums, {@code k × d}, added to
     * @param counts per-centre-position counts, added to
     * @param progress receives the rows handed to the device or processed, chunk by chunk; may
     *        throw to cancel the step
     * @return the number of rows whose class id changed
     */
    long step(float[] centres, int k, byte[] ids, double[] sums, long[] counts, IntConsumer progress);

    /** Hands the class ids back to the rows and releases what the session holds. */
    @Override
    void close();
}
