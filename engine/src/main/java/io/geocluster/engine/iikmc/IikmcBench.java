package io.geocluster.engine.iikmc;

import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.CpuBackend;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times one pooled IIkMC Lloyd iteration on synthetic resident pixels, beside a plain
 * nested-loop Lloyd iteration over the same pixels run in the same JVM, so that the benchmark
 * command can report a ratio rather than a bare time (DESIGN §7).
 */
public final class IikmcBench {
    private static final int WARM_UP = 3;
    private static final int REPEATS = 5;
    private static final int PIECE = 1 << 16;

    private IikmcBench() {
    }

    /**
     * Seconds per pooled iteration: the fastest of several after warm-up.
     *
     * @param pixels pooled pixels, held resident in a {@link PooledPixels}
     * @param bands values per pixel
     * @param k classes
     * @param threads CPU threads for our iteration; the baseline is single-threaded, as a scalar
     *        loop is
     * @return {@code {ours, scalarBaseline, ourFirstIteration}}: the last is the first iteration
     *         from unassigned labels, where every pixel changes class (the CPU keeps class sums
     *         between iterations and later iterations add only the pixels that changed)
     */
    public static double[] secondsPerIteration(int pixels, int bands, int k, int threads) {
        try (PooledPixels pool = synthetic(pixels, bands, k, 20240101L);
             CpuBackend backend = new CpuBackend(threads)) {
            float[] start = MinMaxCentres.of(pool.min(), pool.max(), k);
            IikmcOptions options = new IikmcOptions(k, 1, 0, EmptyClusterRule.CANCEL);
            // A first run warms the JIT up, so that the timed first iteration of the second is not
            // a cold one.
            double firstIteration = Double.MAX_VALUE;
            double ours = Double.MAX_VALUE;
            for (int run = 0; run < 2; run++) {
                try (PooledLloyd.State state = new PooledLloyd.State(options, backend, pool, start.clone())) {
                    long first = System.nanoTime();
                    state.iterate(RunMonitor.NONE);
                    firstIteration = (System.nanoTime() - first) * 1e-9;
                    for (int i = 1; i < WARM_UP; i++) {
                        state.iterate(RunMonitor.NONE);
                    }
                    for (int i = 0; i < REPEATS; i++) {
                        long t0 = System.nanoTime();
                        state.iterate(RunMonitor.NONE);
                        ours = Math.min(ours, (System.nanoTime() - t0) * 1e-9);
                    }
                }
            }
            int[][] labels = new int[pool.chunks()][];
            for (int c = 0; c < labels.length; c++) {
                labels[c] = new int[pool.rows(c)];
            }
            double[] sums = new double[k * bands];
            long[] counts = new long[k];
            double baseline = Double.MAX_VALUE;
            float[] centres = start.clone();
            for (int i = 0; i < WARM_UP + REPEATS; i++) {
                long t0 = System.nanoTime();
                scalarIteration(pool, centres, k, labels, sums, counts);
                double t = (System.nanoTime() - t0) * 1e-9;
                if (i >= WARM_UP) {
                    baseline = Math.min(baseline, t);
                }
            }
            return new double[] {ours, baseline, firstIteration};
        }
    }

    /** The textbook Lloyd iteration: per pixel, per centre, per band; then means. */
    static long scalarIteration(PooledPixels pool, float[] centres, int k, int[][] labels, double[] sums,
                                long[] counts) {
        int d = pool.bands();
        Arrays.fill(sums, 0);
        Arrays.fill(counts, 0);
        long changed = 0;
        for (int chunk = 0; chunk < pool.chunks(); chunk++) {
            float[] x = pool.values(chunk, null);
            int[] l = labels[chunk];
            for (int i = 0; i < l.length; i++) {
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
                if (l[i] != best) {
                    changed++;
                    l[i] = best;
                }
                counts[best]++;
                for (int j = 0; j < d; j++) {
                    sums[best * d + j] += x[i * d + j];
                }
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

    /**
     * Reflectance-like pixels: {@code k} spectra in [0.02, 0.5] with uniform noise of ±0.03,
     * generated piece by piece so the heap holds one copy.
     */
    static PooledPixels synthetic(int pixels, int bands, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] spectra = new float[k * bands];
        for (int i = 0; i < spectra.length; i++) {
            spectra[i] = (float) (0.02 + 0.48 * r.nextDouble());
        }
        PooledPixels pool = new PooledPixels(bands, k, Long.MAX_VALUE, null);
        float[] piece = new float[PIECE * bands];
        for (int done = 0; done < pixels; done += PIECE) {
            int n = Math.min(PIECE, pixels - done);
            for (int i = 0, o = 0; i < n; i++) {
                int c = r.nextInt(k);
                for (int j = 0; j < bands; j++, o++) {
                    piece[o] = spectra[c * bands + j] + (float) (0.06 * r.nextDouble() - 0.03);
                }
            }
            pool.append(piece, 0, n);
        }
        return pool;
    }
}
