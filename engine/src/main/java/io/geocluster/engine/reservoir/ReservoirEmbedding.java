package io.geocluster.engine.reservoir;

import java.util.Arrays;

/**
 * Turns displacement series into their reservoir model-space features (Bianchi et al. 2021):
 * D² + D floats per series.
 *
 * <p><b>Algorithm:</b> per series, the reduced states z(t) = P·(h(t) − μ) after the washout are
 * paired with their successors, and the ridge regression z(t + 1) ≈ Aᵀ·z(t) + b is solved: with
 * centred sums, (X̃ᵀX̃ + λI)·A = X̃ᵀỸ by Cholesky and b = ȳ − Aᵀx̄, so the intercept is not
 * penalised (as scikit-learn's {@code Ridge}). The features are A row-major (A[p][q] weighs z_p(t)
 * in z_q(t + 1)), then b. Series are processed {@link EchoStateReservoir#LANES} at a time with the
 * lanes innermost, so the reservoir update, the projection and the sums vectorise; the sums are
 * kept in doubles.
 *
 * <p>A series with fewer than two valid values gets NaN features: the caller treats it like any
 * missing value.
 *
 * <p><b>Memory:</b> O(R·64 + D²·64 + points·64) per worker, allocated once.
 *
 * <p><b>Thread safety:</b> none; use one instance per thread ({@link ReservoirModel#embedding()}).
 */
public final class ReservoirEmbedding {
    private static final int LANES = SeriesBlock.LANES;

    private final ReservoirModel model;
    private final SeriesBlock block;
    private final int r;
    private final int d;
    private final int washout;
    private final float[] components;
    private final float[] offsets;
    private float[] z;
    private float[] previous;
    private final double[] sx;
    private final double[] sy;
    private final double[] sxx;
    private final double[] sxy;
    private final double[] c;
    private final double[] g;
    private final double[] mx;
    private final double[] my;

    ReservoirEmbedding(ReservoirModel model) {
        this.model = model;
        this.block = new SeriesBlock(model.grid(), model.reservoir(), model.inputScale());
        this.r = model.reservoir().size();
        this.d = model.options().dimension();
        this.washout = model.options().washout();
        this.components = model.components();
        this.offsets = model.offsets();
        this.z = new float[d * LANES];
        this.previous = new float[d * LANES];
        this.sx = new double[d * LANES];
        this.sy = new double[d * LANES];
        this.sxx = new double[d * d * LANES];
        this.sxy = new double[d * d * LANES];
        this.c = new double[d * d];
        this.g = new double[d * d];
        this.mx = new double[d];
        this.my = new double[d];
    }

    /** Features per series, D² + D. */
    public int features() {
        return model.features();
    }

    /**
     * Embeds {@code rows} series.
     *
     * @param values series r holds its {@code dates} values from {@code offset + r * stride}
     * @param out features of series r go to {@code outOffset + r * outStride ..} (D² + D floats)
     * @return the number of series that had fewer than two valid values (their features are NaN)
     */
    public int embed(float[] values, int offset, int stride, int rows, float[] out, int outOffset, int outStride) {
        int unusable = 0;
        for (int first = 0; first < rows; first += LANES) {
            int count = Math.min(LANES, rows - first);
            unusable += count - block.load(values, offset, stride, first, count);
            run(count);
            for (int b = 0; b < count; b++) {
                int o = outOffset + (first + b) * outStride;
                if (block.usable[b]) {
                    solve(b, out, o);
                } else {
                    Arrays.fill(out, o, o + features(), Float.NaN);
                }
            }
        }
        return unusable;
    }

    /** Drives the loaded block and accumulates the regression sums of every lane. */
    private void run(int lanes) {
        Arrays.fill(sx, 0);
        Arrays.fill(sy, 0);
        Arrays.fill(sxx, 0);
        Arrays.fill(sxy, 0);
        float[] state = block.state;
        int points = block.grid.points();
        for (int t = 0; t < points; t++) {
            block.advance(t);
            if (t < washout) {
                continue;
            }
            for (int k = 0; k < d; k++) {
                int zk = k * LANES;
                float o = -offsets[k];
                for (int b = 0; b < lanes; b++) {
                    z[zk + b] = o;
                }
                // Four units per sweep over the lanes, as in the reservoir update.
                int i = 0;
                for (; i + 3 < r; i += 4) {
                    float p0 = components[k * r + i];
                    float p1 = components[k * r + i + 1];
                    float p2 = components[k * r + i + 2];
                    float p3 = components[k * r + i + 3];
                    int s0 = i * LANES;
                    int s1 = s0 + LANES;
                    int s2 = s1 + LANES;
                    int s3 = s2 + LANES;
                    for (int b = 0; b < lanes; b++) {
                        z[zk + b] += p0 * state[s0 + b] + p1 * state[s1 + b] + p2 * state[s2 + b] + p3 * state[s3 + b];
                    }
                }
                for (; i < r; i++) {
                    float p = components[k * r + i];
                    int si = i * LANES;
                    for (int b = 0; b < lanes; b++) {
                        z[zk + b] += p * state[si + b];
                    }
                }
            }
            if (t > washout) {
                accumulate(lanes);
            }
            float[] swap = previous;
            previous = z;
            z = swap;
        }
    }

    /** Adds the pair (previous, z) to the sums. */
    private void accumulate(int lanes) {
        for (int p = 0; p < d; p++) {
            int xp = p * LANES;
            for (int b = 0; b < lanes; b++) {
                sx[xp + b] += previous[xp + b];
                sy[xp + b] += z[xp + b];
            }
            for (int q = 0; q < d; q++) {
                int xq = q * LANES;
                int pq = (p * d + q) * LANES;
                if (q >= p) {
                    for (int b = 0; b < lanes; b++) {
                        sxx[pq + b] += (double) previous[xp + b] * previous[xq + b];
                    }
                }
                for (int b = 0; b < lanes; b++) {
                    sxy[pq + b] += (double) previous[xp + b] * z[xq + b];
                }
            }
        }
    }

    /** Solves lane b's ridge regression and writes its features at {@code out[o ..]}. */
    private void solve(int b, float[] out, int o) {
        double m = block.grid.points() - washout - 1;
        double ridge = model.options().ridge();
        for (int p = 0; p < d; p++) {
            mx[p] = sx[p * LANES + b] / m;
            my[p] = sy[p * LANES + b] / m;
        }
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                int pq = (p * d + q) * LANES + b;
                if (q >= p) {
                    double v = sxx[pq] - m * mx[p] * mx[q];
                    c[p * d + q] = v;
                    c[q * d + p] = v;
                }
                g[p * d + q] = sxy[pq] - m * mx[p] * my[q];
            }
            c[p * d + p] += ridge;
        }
        Cholesky.solveInPlace(c, g, d, d);
        for (int q = 0; q < d; q++) {
            double intercept = my[q];
            for (int p = 0; p < d; p++) {
                intercept -= mx[p] * g[p * d + q];
            }
            out[o + d * d + q] = (float) intercept;
        }
        for (int j = 0; j < d * d; j++) {
            out[o + j] = (float) g[j];
        }
    }
}
