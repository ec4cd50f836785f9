package io.geocluster.engine.stats;

/**
 * Per-cluster mean and standard deviation of every column, in the units the values were given
 * in: the "profile" of each cluster that summaries and charts show.
 *
 * <p>Immutable; built by {@link ClusterProfileAccumulator}. Arrays are copied on the way out.
 */
public final class ClusterProfiles {
    private final int clusters;
    private final int columns;
    private final long[] sizes;
    private final double[] mean;
    private final double[] std;

    /**
     * @param clusters number of clusters k
     * @param columns number of columns
     * @param sizes rows per cluster (k values)
     * @param mean row-major k × columns means (NaN for empty clusters or all-missing cells)
     * @param std row-major k × columns population standard deviations
     */
    public ClusterProfiles(int clusters, int columns, long[] sizes, double[] mean, double[] std) {
        if (sizes.length != clusters || mean.length != clusters * columns || std.length != clusters * columns) {
            throw new IllegalArgumentException("array sizes do not match " + clusters + " × " + columns);
        }
        this.clusters = clusters;
        this.columns = columns;
        this.sizes = sizes.clone();
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** Number of clusters. */
    public int clusters() {
        return clusters;
    }

    /** Number of columns. */
    public int columns() {
        return columns;
    }

    /** Rows in cluster {@code c}. */
    public long size(int c) {
        return sizes[c];
    }

    /** Rows per cluster. */
    public long[] sizes() {
        return sizes.clone();
    }

    /** Mean of column {@code j} in cluster {@code c}; NaN when no value was seen. */
    public double mean(int c, int j) {
        return mean[c * columns + j];
    }

    /** Population standard deviation of column {@code j} in cluster {@code c}. */
    public double std(int c, int j) {
        return std[c * columns + j];
    }
}
