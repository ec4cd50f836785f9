package io.geocluster.engine.stats;

/**
 * Accumulates per-cluster, per-column mean and variance over a stream of labelled rows with
 * Welford's update, ignoring NaN cells. Memory is k × columns, independent of the row count.
 *
 * <p><b>Thread safety:</b> none; merge per-thread accumulators with {@link #merge}.
 */
public final class ClusterProfileAccumulator {
    private final int clusters;
    private final int columns;
    private final long[] sizes;
    private final long[] count;
    private final double[] mean;
    private final double[] m2;

    /** Creates an empty accumulator for k clusters and the given number of columns. */
    public ClusterProfileAccumulator(int clusters, int columns) {
        this.clusters = clusters;
        this.columns = columns;
        int cells = Math.multiplyExact(clusters, columns);
        this.sizes = new long[clusters];
        this.count = new long[cells];
        this.mean = new double[cells];
        this.m2 = new double[cells];
    }

    /**
     * Adds rows {@code from..to-1} of a row-major block.
     *
     * @param values row-major values with {@code stride} values per row
     * @param stride values per row in {@code values}
     * @param offset index of this accumulator's first column inside a row
     * @param labels cluster per row; negative labels are skipped
     */
    public void add(float[] values, int stride, int offset, int[] labels, int from, int to) {
        final int cols = columns;
        for (int i = from; i < to; i++) {
            int c = labels[i];
            if (c < 0) {
                continue;
            }
            sizes[c]++;
            int base = c * cols;
            int row = i * stride + offset;
            for (int j = 0; j < cols; j++) {
                float v = values[row + j];
                if (v != v) {
                    continue;
                }
                int cell = base + j;
                long n = ++count[cell];
                double delta = v - mean[cell];
                mean[cell] += delta / n;
                m2[cell] += delta * (v - mean[cell]);
            }
        }
    }

    /** Folds another accumulator of the same shape into this one (Chan et al. pairwise update). */
    public void merge(ClusterProfileAccumulator other) {
        if (other.clusters != clusters || other.columns != columns) {
            throw new IllegalArgumentException("shape mismatch");
        }
        for (int c = 0; c < clusters; c++) {
            sizes[c] += other.sizes[c];
        }
        for (int cell = 0; cell < count.length; cell++) {
            long nb = other.count[cell];
            if (nb == 0) {
                continue;
            }
            long na = count[cell];
            long n = na + nb;
            double delta = other.mean[cell] - mean[cell];
            mean[cell] += delta * nb / n;
            m2[cell] += other.m2[cell] + delta * delta * ((double) na * nb / n);
            count[cell] = n;
        }
    }

    /** Freezes the current state. */
    public ClusterProfiles result() {
        double[] outMean = new double[count.length];
        double[] outStd = new double[count.length];
        for (int cell = 0; cell < count.length; cell++) {
            long n = count[cell];
            outMean[cell] = n == 0 ? Double.NaN : mean[cell];
            outStd[cell] = n == 0 ? Double.NaN : Math.sqrt(Math.max(0, m2[cell] / n));
        }
        return new ClusterProfiles(clusters, columns, sizes, outMean, outStd);
    }
}
