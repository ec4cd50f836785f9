package io.geocluster.engine.compute;

/**
 * Where the arithmetic of clustering runs. Implementations agree within float tolerance; labels
 * may differ only on exact ties.
 *
 * <p>All arrays are dense and row-major: {@code x} holds {@code n} rows of {@code d} float32
 * values, {@code centres} holds {@code k} rows of {@code d} values.
 */
public interface ComputeBackend extends AutoCloseable {
    /** Short name reported in summaries, such as {@code cpu} or {@code gpu}. */
    String name();

    /**
     * Finds the nearest centre of each row.
     *
     * @param x rows, {@code n × d}
     * @param n number of rows
     * @param d values per row
     * @param centres centres, {@code k × d}
     * @param k number of centres
     * @param labels receives the index of the nearest centre per row (lowest index on ties)
     * @param distances receives the squared Euclidean distance to that centre, or {@code null}
     * @return the sum of the squared distances
     */
    double assign(float[] x, int n, int d, float[] centres, int k, int[] labels, float[] distances);

    /**
     * Adds each row to the running sum of its centre and counts it.
     *
     * @param labels centre per row; rows with a negative label are skipped
     * @param sums per-centre sums, {@code k × d}, added to
     * @param counts per-centre counts, added to
     */
    void accumulate(float[] x, int n, int d, int[] labels, int k, double[] sums, long[] counts);

    /** Releases threads or device memory. */
    @Override
    void close();
}
