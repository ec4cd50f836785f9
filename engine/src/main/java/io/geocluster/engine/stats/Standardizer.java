package io.geocluster.engine.stats;

/**
 * The affine map from original units to the space where distances are measured:
 * {@code z = (x − mean) · scale}, with {@code scale = 1/std} when standardising and 1 otherwise.
 *
 * <p><b>Missing values:</b> a NaN cell maps to 0, the column mean. This is mean imputation: the
 * missing feature then adds the same amount to the distance to every centre that sits at the
 * column mean, and it never turns a whole distance into NaN.
 *
 * <p><b>Constant columns:</b> a column whose standard deviation is 0 (the reference-date column of
 * a displacement series, all zeros) gets scale 1; all its values map to 0, so it neither produces
 * NaN nor influences the clustering.
 *
 * <p>Centring does not change k-means distances, so it is applied in both modes; it keeps float32
 * sums accurate when the mean is large (heights, coordinates).
 *
 * <p>Immutable.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] scale;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Builds the map from column moments.
     *
     * @param standardize whether to divide by the standard deviation
     */
    public static Standardizer of(ColumnMoments moments, boolean standardize) {
        int d = moments.columns();
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double m = moments.mean(j);
            double s = moments.std(j);
            mean[j] = Double.isNaN(m) ? 0 : m;
            scale[j] = standardize && s > 0 && Double.isFinite(s) ? 1 / s : 1;
        }
        return new Standardizer(mean, scale);
    }

    /** Number of columns. */
    public int columns() {
        return mean.length;
    }

    /** The mean subtracted from column {@code j}. */
    public double mean(int j) {
        return mean[j];
    }

    /** The factor column {@code j} is multiplied by after centring. */
    public double scale(int j) {
        return scale[j];
    }

    /**
     * Maps rows {@code 0..rows-1} of a row-major block with {@code stride} values per row (the
     * first {@code columns()} of which are features) into a dense {@code rows × columns()} block.
     */
    public void transform(float[] src, int stride, int rows, float[] dst) {
        transform(src, stride, 0, rows, dst, 0);
    }

    /** Maps rows {@code from..to-1} of {@code src} into {@code dst} starting at row {@code dstRow}. */
    public void transform(float[] src, int stride, int from, int to, float[] dst, int dstRow) {
        final int d = mean.length;
        final double[] mu = mean;
        final double[] sc = scale;
        for (int i = from, o = dstRow * d; i < to; i++, o += d) {
            int row = i * stride;
            for (int j = 0; j < d; j++) {
                float v = src[row + j];
                dst[o + j] = v == v ? (float) ((v - mu[j]) * sc[j]) : 0f;
            }
        }
    }

    /** Maps one standardised row back to original units. */
    public double[] inverse(float[] z, int offset) {
        int d = mean.length;
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            out[j] = z[offset + j] / scale[j] + mean[j];
        }
        return out;
    }
}
