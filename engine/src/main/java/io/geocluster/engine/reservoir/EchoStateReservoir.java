package io.geocluster.engine.reservoir;

import java.util.SplittableRandom;

/**
 * A fixed random sparse leaky echo-state reservoir with one input:
 * h(t) = (1 − a)·h(t − 1) + a·tanh(w_in·x(t) + W·h(t − 1)), h(−1) = 0.
 *
 * <p><b>Algorithm:</b> every recurrent weight is non-zero with probability {@code connectivity}
 * and then uniform in (−1, 1); the input weights are ±1 with equal probability, times the input
 * scaling (Bianchi et al. 2021). W is then multiplied by ρ/ρ(W), where ρ(W) is computed from all
 * eigenvalues of W ({@link SpectralRadius}), so that its spectral radius is the one asked for.
 * W is stored in compressed sparse rows (CSR).
 *
 * <p>The state is advanced for a block of {@link #LANES} series at once, laid out unit by unit
 * ({@code state[i * LANES + lane]}), so that every inner loop runs over the lanes with unit stride
 * and the JIT vectorises it; tanh is a rational approximation whose loop vectorises too.
 *
 * <p><b>Thread safety:</b> immutable; {@link #advance} writes only to the arrays it is given.
 */
public final class EchoStateReservoir {
    /** Series advanced together. */
    public static final int LANES = 128;

    private final int size;
    private final float leak;
    private final int[] rowStart;
    private final int[] columns;
    private final float[] weights;
    private final float[] input;
    private final double unscaledRadius;

    private EchoStateReservoir(int size, float leak, int[] rowStart, int[] columns, float[] weights, float[] input,
                               double unscaledRadius) {
        this.size = size;
        this.leak = leak;
        this.rowStart = rowStart;
        this.columns = columns;
        this.weights = weights;
        this.input = input;
        this.unscaledRadius = unscaledRadius;
    }

    /**
     * Draws the reservoir of the options' seed.
     *
     * @throws IllegalArgumentException when the drawn W has spectral radius 0 (no cycle among
     *         its non-zero weights, which a very small connectivity can give): it cannot be scaled
     */
    public static EchoStateReservoir random(ReservoirOptions options) {
        int r = options.size();
        SplittableRandom random = new SplittableRandom(options.seed());
        int[] rowStart = new int[r + 1];
        int[] cols = new int[r * 8 + 16];
        double[] vals = new double[cols.length];
        int nnz = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                if (random.nextDouble() < options.connectivity()) {
                    if (nnz == cols.length) {
                        cols = java.util.Arrays.copyOf(cols, cols.length * 2);
                        vals = java.util.Arrays.copyOf(vals, vals.length * 2);
                    }
                    cols[nnz] = j;
                    vals[nnz++] = 2 * random.nextDouble() - 1;
                }
            }
            rowStart[i + 1] = nnz;
        }
        float[] in = new float[r];
        for (int i = 0; i < r; i++) {
            in[i] = (float) ((random.nextBoolean() ? 1 : -1) * options.inputScaling());
        }
        double[] dense = new double[r * r];
        for (int i = 0; i < r; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                dense[i * r + cols[k]] = vals[k];
            }
        }
        double radius = SpectralRadius.of(dense, r);
        if (!(radius > 1e-12)) {
            throw new IllegalArgumentException("reservoirConnectivity = " + options.connectivity() + " with reservoirSize = "
                    + r + " drew recurrent weights without a cycle (spectral radius 0), which cannot be scaled to "
                    + "spectralRadius = " + options.spectralRadius() + "; raise reservoirConnectivity or change reservoirSeed.");
        }
        double factor = options.spectralRadius() / radius;
        float[] w = new float[nnz];
        for (int k = 0; k < nnz; k++) {
            w[k] = (float) (vals[k] * factor);
        }
        return new EchoStateReservoir(r, (float) options.leak(), rowStart, java.util.Arrays.copyOf(cols, nnz), w, in, radius);
    }

    /** R, the number of units. */
    public int size() {
        return size;
    }

    /** Non-zero recurrent weights. */
    public int nonZeros() {
        return weights.length;
    }

    /** Spectral radius of W as drawn, before scaling. */
    public double unscaledRadius() {
        return unscaledRadius;
    }

    /** The recurrent weights W as a dense row-major R × R matrix (for checks and reports). */
    public double[] recurrentWeights() {
        double[] dense = new double[size * size];
        for (int i = 0; i < size; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                dense[i * size + columns[k]] = weights[k];
            }
        }
        return dense;
    }

    /** The input weights w_in; a copy. */
    public float[] inputWeights() {
        return input.clone();
    }

    /**
     * Advances a block of series by one step.
     *
     * @param x inputs, {@code x[xOffset + lane]} for lane 0 .. lanes − 1
     * @param state R × {@link #LANES} states, updated in place
     * @param work R × {@link #LANES} scratch
     * @param lanes series in the block
     */
    public void advance(float[] x, int xOffset, float[] state, float[] work, int lanes) {
        final int n = LANES;
        for (int i = 0; i < size; i++) {
            int row = i * n;
            float in = input[i];
            for (int b = 0; b < lanes; b++) {
                work[row + b] = in * x[xOffset + b];
            }
            // Four weights per sweep over the lanes: a quarter of the loads and stores of the
            // sums, and of the loop overhead, which dominate a sparse product this short.
            int k = rowStart[i];
            int end = rowStart[i + 1];
            for (; k + 3 < end; k += 4) {
                float w0 = weights[k];
                float w1 = weights[k + 1];
                float w2 = weights[k + 2];
                float w3 = weights[k + 3];
                int f0 = columns[k] * n;
                int f1 = columns[k + 1] * n;
                int f2 = columns[k + 2] * n;
                int f3 = columns[k + 3] * n;
                for (int b = 0; b < lanes; b++) {
                    work[row + b] += w0 * state[f0 + b] + w1 * state[f1 + b] + w2 * state[f2 + b] + w3 * state[f3 + b];
                }
            }
            for (; k < end; k++) {
                float w = weights[k];
                int from = columns[k] * n;
                for (int b = 0; b < lanes; b++) {
                    work[row + b] += w * state[from + b];
                }
            }
        }
        tanh(work, size * n);
        float keep = 1 - leak;
        float a = leak;
        for (int j = 0, end = size * n; j < end; j++) {
            state[j] = keep * state[j] + a * work[j];
        }
    }

    // Coefficients of the [13/6] rational approximation of tanh on [−7.9, 7.9] used by Eigen
    // (generic_fast_tanh_float): relative error within a few float ulps, and no branch.
    private static final float CLAMP = 7.90531110763549805f;
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

    /** tanh of {@code v[0 .. n − 1]} in place. */
    static void tanh(float[] v, int n) {
        for (int j = 0; j < n; j++) {
            float x = Math.max(-CLAMP, Math.min(CLAMP, v[j]));
            float x2 = x * x;
            float p = ((((((A13 * x2 + A11) * x2 + A9) * x2 + A7) * x2 + A5) * x2 + A3) * x2 + A1) * x;
            float q = ((B6 * x2 + B4) * x2 + B2) * x2 + B0;
            v[j] = p / q;
        }
    }
}
