package io.geocluster.engine.reservoir;

/**
 * The reservoir embedding written out plainly, one series at a time: double precision,
 * {@link Math#tanh}, scalar loops over the compressed rows of W, two-pass centred regression sums
 * and Gauss–Jordan elimination with partial pivoting. It shares no code with
 * {@link ReservoirEmbedding} beyond the fitted model: the tests check the vectorised embedding
 * against it, and the benchmark uses it as its baseline.
 *
 * <p><b>Limitations:</b> reads the series as they are, so the model's grid must be the dates
 * themselves (regular dates, no missing value).
 *
 * <p><b>Thread safety:</b> immutable.
 */
public final class ScalarReservoirEmbedding {
    private final int r;
    private final int d;
    private final int washout;
    private final int points;
    private final double leak;
    private final double ridge;
    private final double inputScale;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] weights;
    private final float[] input;
    private final float[] components;
    private final float[] offsets;

    /**
     * @throws IllegalArgumentException when the model's grid is not its dates
     */
    public ScalarReservoirEmbedding(ReservoirModel model) {
        if (model.grid().points() != model.grid().dates() || model.grid().irregularIntervals() != 0) {
            throw new IllegalArgumentException("the scalar reference reads series on regular dates only");
        }
        r = model.reservoir().size();
        d = model.options().dimension();
        washout = model.options().washout();
        points = model.grid().points();
        leak = model.options().leak();
        ridge = model.options().ridge();
        inputScale = model.inputScale();
        double[] dense = model.reservoir().recurrentWeights();
        rowStart = new int[r + 1];
        columns = new int[model.reservoir().nonZeros()];
        weights = new double[columns.length];
        int k = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                if (dense[i * r + j] != 0) {
                    columns[k] = j;
                    weights[k++] = dense[i * r + j];
                }
            }
            rowStart[i + 1] = k;
        }
        input = model.reservoir().inputWeights();
        components = model.principalComponents();
        offsets = model.componentOffsets();
    }

    /** The D² + D features of the series at {@code values[offset ..]}. */
    public double[] embed(float[] values, int offset) {
        double mean = 0;
        for (int t = 0; t < points; t++) {
            mean += values[offset + t];
        }
        mean /= points;
        double[] h = new double[r];
        double[] next = new double[r];
        double[][] z = new double[points - washout][d];
        for (int t = 0; t < points; t++) {
            double x = (values[offset + t] - mean) / inputScale;
            for (int i = 0; i < r; i++) {
                double s = input[i] * x;
                for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                    s += weights[k] * h[columns[k]];
                }
                next[i] = (1 - leak) * h[i] + leak * Math.tanh(s);
            }
            double[] swap = h;
            h = next;
            next = swap;
            if (t >= washout) {
                for (int q = 0; q < d; q++) {
                    double s = -offsets[q];
                    for (int i = 0; i < r; i++) {
                        s += components[q * r + i] * h[i];
                    }
                    z[t - washout][q] = s;
                }
            }
        }
        return readout(z);
    }

    /** Ridge regression of z(t + 1) on z(t) with an unpenalised intercept: A row-major, then b. */
    private double[] readout(double[][] z) {
        int m = z.length - 1;
        double[] mx = new double[d];
        double[] my = new double[d];
        for (int t = 0; t < m; t++) {
            for (int q = 0; q < d; q++) {
                mx[q] += z[t][q] / m;
                my[q] += z[t + 1][q] / m;
            }
        }
        double[][] aug = new double[d][2 * d];
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                double xx = 0;
                double xy = 0;
                for (int t = 0; t < m; t++) {
                    xx += (z[t][p] - mx[p]) * (z[t][q] - mx[q]);
                    xy += (z[t][p] - mx[p]) * (z[t + 1][q] - my[q]);
                }
                aug[p][q] = xx + (p == q ? ridge : 0);
                aug[p][d + q] = xy;
            }
        }
        for (int col = 0; col < d; col++) {
            int pivot = col;
            for (int i = col + 1; i < d; i++) {
                if (Math.abs(aug[i][col]) > Math.abs(aug[pivot][col])) {
                    pivot = i;
                }
            }
            double[] tmp = aug[col];
            aug[col] = aug[pivot];
            aug[pivot] = tmp;
            for (int i = 0; i < d; i++) {
                if (i != col) {
                    double f = aug[i][col] / aug[col][col];
                    for (int j = col; j < 2 * d; j++) {
                        aug[i][j] -= f * aug[col][j];
                    }
                }
            }
        }
        double[] out = new double[d * d + d];
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                out[p * d + q] = aug[p][d + q] / aug[p][p];
            }
        }
        for (int q = 0; q < d; q++) {
            double b = my[q];
            for (int p = 0; p < d; p++) {
                b -= mx[p] * out[p * d + q];
            }
            out[d * d + q] = b;
        }
        return out;
    }
}
