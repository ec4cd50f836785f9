package io.geocluster.engine.iikmc;

import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.CpuBackend;
import java.util.SplittableRandom;

/**
 * Times one pooled IIkMC Lloyd iteration on synthetic resident pixels, beside a plain
 * nested-loop Lloyd iteration run in the same JVM, so that the benchmark command can report a
 * ratio rather than a bare time (DESIGN §7).
 */
public final class IikmcBench {
    private static final int WARM_UP = 3;
    private static final int REPEATS = 5;

    private IikmcBench() {
    }

    /**
     * Seconds per pooled iteration: the fastest of several after warm-up.
     *
     * @param pixels pooled pixels, held as one resident block
     * @param bands values per pixel
     * @param k classes
     * @param threads CPU threads for our iteration; the baseline is single-threaded, as a scalar
     *        loop is
     * @return {@code {ours, scalarBaseline}}
     */
    public static double[] secondsPerIteration(int pixels, int bands, int k, int threads) {
        float[] x = synthetic(pixels, bands, k, 20240101L);
        double ours;
        try (CpuBackend backend = new CpuBackend(threads);
             PooledPixels pool = new PooledPixels(bands, k, Long.MAX_VALUE, null)) {
            pool.append(x, 0, pixels);
            IikmcOptions options = new IikmcOptions(k, 1, 0, EmptyClusterRule.CANCEL);
            PooledLloyd.State state = new PooledLloyd.State(options, backend, pool,
                    MinMaxCentres.of(pool.min(), pool.max(), k));
            for (int i = 0; i < WARM_UP; i++) {
                state.iterate(RunMonitor.NONE);
            }
            ours = Double.MAX_VALUE;
            for (int i = 0; i < REPEATS; i++) {
                long t0 = System.nanoTime();
                state.iterate(RunMonitor.NONE);
                ours = Math.min(ours, (System.nanoTime() - t0) * 1e-9);
            }
        }
        float[] centres = MinMaxCentres.of(range(x, bands, true), range(x, bands, false), k);
        int[] scalarLabels = new int[pixels];
        double[] sums = new double[k * bands];
        long[] counts = new long[k];
        double baseline = Double.MAX_VALUE;
        for (int i = 0; i < WARM_UP + REPEATS; i++) {
            long t0 = System.nanoTime();
            scalarIteration(x, pixels, bands, centres, k, scalarLabels, sums, counts);
            double t = (System.nanoTime() - t0) * 1e-9;
            if (i >= WARM_UP) {
                baseline = Math.min(baseline, t);
            }
        }
        return new double[] {ours, baseline};
    }

    /** The textbook Lloyd iteration: per pixel, per centre, per band; then means. */
    static long scalarIteration(float[] x, int n, int d, float[] centres, int k, int[] labels, double[] sums,
                                long[] counts) {
        java.util.Arrays.fill(sums, 0);
        java.util.Arrays.fill(counts, 0);
        long changed = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            float bestDistance = Float.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                float dist = 0;
                for (int j = 0; j < d; j++) {
                    float t = x[i * d + j] - centres[c * d + j];
                    dist += t * t;
                }
                if (dist < bestDistance) {
                    bestDistance = dist;
                    best = c;
                }
            }
            if (labels[i] != best) {
                changed++;
                labels[i] = best;
            }
            counts[best]++;
            for (int j = 0; j < d; j++) {
                sums[best * d + j] += x[i * d + j];
            }
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                for (int j = 0; j < d; j++) {
                    centres[c * d + j] = (float) (sums[c * d + j] / counts[c]);
                }
            }
        }
        return changed;
    }

    private static float[] range(float[] x, int d, boolean min) {
        float[] r = new float[d];
        java.util.Arrays.fill(r, min ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY);
        for (int o = 0; o < x.length; o++) {
            int j = o % d;
            r[j] = min ? Math.min(r[j], x[o]) : Math.max(r[j], x[o]);
        }
        return r;
    }

    /** Reflectance-like pixels: {@code k} spectra in [0.02, 0.5] with uniform noise of ±0.03. */
    static float[] synthetic(int pixels, int bands, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] spectra = new float[k * bands];
        for (int i = 0; i < spectra.length; i++) {
            spectra[i] = (float) (0.02 + 0.48 * r.nextDouble());
        }
        float[] x = new float[pixels * bands];
        for (int i = 0, o = 0; i < pixels; i++) {
            int c = r.nextInt(k);
            for (int j = 0; j < bands; j++, o++) {
                x[o] = spectra[c * bands + j] + (float) (0.06 * r.nextDouble() - 0.03);
            }
        }
        return x;
    }
}
