package io.geocluster.engine.stats;

/**
 * Streaming per-column count, mean, variance, minimum and maximum, ignoring NaN cells.
 *
 * <p><b>Algorithm:</b> each batch is reduced in two passes over its rows (batch mean, then the
 * sum of squared deviations from it), and batches are merged with the pairwise update of Chan,
 * Golub and LeVeque (1979). Unlike the textbook sum-of-squares formula this keeps full precision
 * when the mean is large compared with the spread (heights in metres, coordinates).
 *
 * <p><b>Thread safety:</b> none.
 */
public final class ColumnMoments {
    private final int columns;
    private final long[] count;
    private final double[] mean;
    private final double[] m2;
    private final double[] min;
    private final double[] max;
    private final double[] batchSum;
    private final double[] batchM2;
    private final long[] batchCount;

    /** Creates empty moments for the given number of columns. */
    public ColumnMoments(int columns) {
        this.columns = columns;
        count = new long[columns];
        mean = new double[columns];
        m2 = new double[columns];
        min = new double[columns];
        max = new double[columns];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        batchSum = new double[columns];
        batchM2 = new double[columns];
        batchCount = new long[columns];
    }

    /**
     * Adds rows {@code 0..rows-1} of a row-major block, reading its first {@code columns()} values
     * per row.
     *
     * @param include which rows to add, or {@code null} for all
     */
    public void add(float[] values, int stride, int rows, boolean[] include) {
        final int cols = columns;
        java.util.Arrays.fill(batchSum, 0);
        java.util.Arrays.fill(batchCount, 0);
        for (int i = 0; i < rows; i++) {
            if (include != null && !include[i]) {
                continue;
            }
            int row = i * stride;
            for (int j = 0; j < cols; j++) {
                float v = values[row + j];
                if (v == v) {
                    batchSum[j] += v;
                    batchCount[j]++;
                    if (v < min[j]) {
                        min[j] = v;
                    }
                    if (v > max[j]) {
                        max[j] = v;
                    }
                }
            }
        }
        double[] batchMean = batchSum;
        for (int j = 0; j < cols; j++) {
            batchMean[j] = batchCount[j] == 0 ? 0 : batchSum[j] / batchCount[j];
        }
        java.util.Arrays.fill(batchM2, 0);
        for (int i = 0; i < rows; i++) {
            if (include != null && !include[i]) {
                continue;
            }
            int row = i * stride;
            for (int j = 0; j < cols; j++) {
                float v = values[row + j];
                if (v == v) {
                    double t = v - batchMean[j];
                    batchM2[j] += t * t;
                }
            }
        }
        for (int j = 0; j < cols; j++) {
            long nb = batchCount[j];
            if (nb == 0) {
                continue;
            }
            long na = count[j];
            long n = na + nb;
            double delta = batchMean[j] - mean[j];
            mean[j] += delta * nb / n;
            m2[j] += batchM2[j] + delta * delta * ((double) na * nb / n);
            count[j] = n;
        }
    }

    /** Number of columns. */
    public int columns() {
        return columns;
    }

    /** Non-missing values seen in column {@code j}. */
    public long count(int j) {
        return count[j];
    }

    /** Mean of column {@code j}; NaN when it had no value. */
    public double mean(int j) {
        return count[j] == 0 ? Double.NaN : mean[j];
    }

    /** Population standard deviation of column {@code j}; NaN when it had no value. */
    public double std(int j) {
        return count[j] == 0 ? Double.NaN : Math.sqrt(Math.max(0, m2[j] / count[j]));
    }

    /** Smallest value of column {@code j}; NaN when it had no value. */
    public double min(int j) {
        return count[j] == 0 ? Double.NaN : min[j];
    }

    /** Largest value of column {@code j}; NaN when it had no value. */
    public double max(int j) {
        return count[j] == 0 ? Double.NaN : max[j];
    }
}
