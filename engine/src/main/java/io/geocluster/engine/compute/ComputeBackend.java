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

    /**
     * One Lloyd step over {@code n} rows in a single pass over memory: finds each row's nearest
     * centre, writes its class id, counts the rows whose class id changed, and adds each row to its
     * centre's sum and count. This is the inner loop of IIkMC, which reads every pooled pixel once
     * per iteration; doing assignment and accumulation in one pass halves the memory traffic of
     * {@link #assign} followed by {@link #accumulate}.
     *
     * @param centres centres, {@code k × d} (the live classes only, compacted)
     * @param k number of centres
     * @param ids class id written for each centre position ({@code ids[p]} for centre {@code p})
     * @param labels per row, the class id of the previous step; overwritten with the new one
     * @param sums per-centre-position sums, {@code k × d}, added to
     * @param counts per-centre-position counts, added to
     * @param distances receives each row's squared distance to its centre, or {@code null}
     * @return the number of rows whose class id changed
     */
    default long lloydStep(float[] x, int n, int d, float[] centres, int k, byte[] ids, byte[] labels, double[] sums,
                           long[] counts, float[] distances) {
        int[] positions = new int[n];
        assign(x, n, d, centres, k, positions, distances);
        long changed = 0;
        for (int i = 0; i < n; i++) {
            byte id = ids[positions[i]];
            changed += id != labels[i] ? 1 : 0;
            labels[i] = id;
        }
        accumulate(x, n, d, positions, k, sums, counts);
        return changed;
    }

    /**
     * Opens repeated Lloyd steps over the same rows (IIkMC's iterations over its pooled pixels).
     * The default runs {@link #lloydStep} over each chunk per step and keeps nothing between steps;
     * the GPU backend keeps the rows and their class ids on the device.
     *
     * @param rows the rows, in chunks; their class ids are read now and written back by
     *        {@link LloydSession#close}
     */
    default LloydSession openLloyd(LloydRows rows) {
        return new ChunkedLloydSession(this, rows);
    }

    /**
     * As {@link #openLloyd(LloydRows)}, for a run that stops after the first step in which fewer
     * than {@code tolerance} of the rows change class: a backend may use it to judge whether work
     * that pays off only over later steps is worth starting (the CPU's bounds).
     */
    default LloydSession openLloyd(LloydRows rows, double tolerance) {
        return openLloyd(rows);
    }

    /**
     * Sparse × dense product over a range of rows of a graph in compressed sparse row (CSR) form:
     * the weighted sum of the feature rows of each row's neighbours.
     *
     * <p>For every row {@code i} in {@code [rowFrom, rowTo)} and every {@code j < d}:
     * {@code out[(i − rowFrom)·d + j] = Σ weights[e]·x[targets[e]·d + j]} over the edges
     * {@code e ∈ [offsets[i], offsets[i+1])}. A row without edges receives zeros.
     *
     * <p><b>Accuracy:</b> each output value is accumulated in float, edge by edge in ascending
     * {@code e}, starting from 0 — the order is part of the contract, so that every backend agrees
     * to float rounding and a backend agrees with itself whatever its thread count.
     *
     * @param offsets row starts into {@code targets} and {@code weights}; row {@code i}'s edges are
     *        {@code offsets[i]..offsets[i+1]−1}, non-decreasing
     * @param targets neighbour row of each edge, an index into {@code x} in rows
     * @param weights weight of each edge
     * @param rowFrom first row computed
     * @param rowTo one past the last row computed
     * @param x feature rows that {@code targets} index, {@code d} values each
     * @param d values per row
     * @param out receives {@code (rowTo − rowFrom) × d} values from index 0; must not be {@code x}
     * @throws IllegalArgumentException for {@code d < 1}, a range outside {@code offsets} or reversed (an
     *         empty range is a no-op), arrays too short for the range, or {@code out == x}
     * @throws IndexOutOfBoundsException for a target outside {@code x}
     */
    void aggregate(int[] offsets, int[] targets, float[] weights, int rowFrom, int rowTo, float[] x, int d, float[] out);

    /** Releases threads or device memory. */
    @Override
    void close();
}
