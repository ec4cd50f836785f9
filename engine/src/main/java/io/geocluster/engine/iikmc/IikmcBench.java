package io.geocluster.engine.iikmc;

import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.CpuBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times pooled IIkMC Lloyd iterations on synthetic resident pixels, beside a plain nested-loop
 * Lloyd iteration over the same pixels run in the same JVM, so that the benchmark command can
 * report a ratio rather than a bare time (DESIGN §7); it can also write the pixels out, so that
 * another implementation (scikit-learn, {@code bench/sklearn_lloyd.py}) is timed on the very same
 * data, from the same start, by the same method.
 *
 * <p><b>Method:</b> a run of 21 iterations and a run of 1 iteration from the min-max centres,
 * each the fastest of three; the time per iteration is their difference over 20, so the setup
 * every run pays (labels reset, the first iteration in which every pixel is new) is not counted.
 * The pixels are uniform in [0.02, 0.5) in every band: on such data Lloyd's algorithm does not
 * converge within 21 iterations, so every timed iteration is a real one (the run reports how many
 * it made).
 */
public final class IikmcBench {
    /** Iterations of the long timed run. */
    public static final int ITERATIONS = 21;
    private static final int REPEATS = 3;
    private static final int SCALAR_REPEATS = 3;
    private static final int PIECE = 1 << 16;

    private IikmcBench() {
    }

    /**
     * The measured times.
     *
     * @param perIteration seconds per iteration, (t(21) − t(1)) / 20
     * @param firstIteration seconds of a whole 1-iteration run
     * @param iterations iterations the long run made (21 unless it converged first)
     * @param scalarPerIteration seconds of one textbook Lloyd iteration over the same pixels, on one
     *        thread, fastest of three after a warm-up
     */
    public record Times(double perIteration, double firstIteration, int iterations, double scalarPerIteration) {
    }

    /**
     * Times our iterations and the scalar baseline on {@code pixels} uniform pixels.
     *
     * @param threads CPU threads for our iteration; the baseline is single-threaded, as a scalar
     *        loop is
     * @param dataFile where to write the pixels, {@code pixels × bands} little-endian float32
     *        row-major, before timing; null for nowhere
     */
    public static Times measure(int pixels, int bands, int k, int threads, Path dataFile) throws IOException {
        try (PooledPixels pool = uniform(pixels, bands, k, 20240101L);
             CpuBackend backend = new CpuBackend(threads)) {
            if (dataFile != null) {
                write(pool, dataFile);
            }
            float[] start = MinMaxCentres.of(pool.min(), pool.max(), k);
            run(pool, backend, start, 1); // warms the JIT up
            double one = Double.MAX_VALUE;
            double many = Double.MAX_VALUE;
            int iterations = 0;
            for (int r = 0; r < REPEATS; r++) {
                long t0 = System.nanoTime();
                run(pool, backend, start, 1);
                one = Math.min(one, (System.nanoTime() - t0) * 1e-9);
                t0 = System.nanoTime();
                iterations = run(pool, backend, start, ITERATIONS);
                many = Math.min(many, (System.nanoTime() - t0) * 1e-9);
            }
            double perIteration = iterations > 1 ? (many - one) / (iterations - 1) : Double.NaN;
            return new Times(perIteration, one, iterations, scalarSeconds(pool, start, k));
        }
    }

    /**
     * A whole run to convergence.
     *
     * @param seconds the fastest of three runs from the min-max centres until no pixel changes
     *        class (at most {@link #MAX_CONVERGE} iterations)
     * @param iterations iterations the run made
     */
    public record Convergence(double seconds, int iterations) {
    }

    /** Most iterations of {@link #converge}. */
    public static final int MAX_CONVERGE = 100;

    /**
     * Times whole runs to convergence on clustered pixels: {@code k} random spectra in
     * [0.02, 0.5) with uniform noise of ±0.03, the way land covers make clusters. Empty classes
     * are reseeded, as scikit-learn relocates them (with {@code cancel} the min-max start loses
     * two of the eight classes on these pixels and stops much sooner).
     *
     * @param dataFile where to write the pixels, as {@link #measure} does; null for nowhere
     */
    public static Convergence converge(int pixels, int bands, int k, int threads, Path dataFile) throws IOException {
        try (PooledPixels pool = clustered(pixels, bands, k, 20240102L);
             CpuBackend backend = new CpuBackend(threads)) {
            if (dataFile != null) {
                write(pool, dataFile);
            }
            float[] start = MinMaxCentres.of(pool.min(), pool.max(), k);
            run(pool, backend, start, MAX_CONVERGE, EmptyClusterRule.RESEED); // warms the JIT up
            double best = Double.MAX_VALUE;
            int iterations = 0;
            for (int r = 0; r < REPEATS; r++) {
                long t0 = System.nanoTime();
                iterations = run(pool, backend, start, MAX_CONVERGE, EmptyClusterRule.RESEED);
                best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
            }
            return new Convergence(best, iterations);
        }
    }

    private static int run(PooledPixels pool, CpuBackend backend, float[] start, int iterations) {
        return run(pool, backend, start, iterations, EmptyClusterRule.CANCEL);
    }

    private static int run(PooledPixels pool, CpuBackend backend, float[] start, int iterations, EmptyClusterRule rule) {
        IikmcOptions options = new IikmcOptions(start.length / pool.bands(), iterations, 0, rule);
        return new PooledLloyd(options, backend).run(pool, start, RunMonitor.NONE).iterations();
    }

    private static double scalarSeconds(PooledPixels pool, float[] start, int k) {
        int[][] labels = new int[pool.chunks()][];
        for (int c = 0; c < labels.length; c++) {
            labels[c] = new int[pool.rows(c)];
        }
        double[] sums = new double[k * pool.bands()];
        long[] counts = new long[k];
        float[] centres = start.clone();
        double best = Double.MAX_VALUE;
        for (int i = 0; i <= SCALAR_REPEATS; i++) {
            long t0 = System.nanoTime();
            scalarIteration(pool, centres, k, labels, sums, counts);
            double t = (System.nanoTime() - t0) * 1e-9;
            if (i > 0) { // the first one warms up
                best = Math.min(best, t);
            }
        }
        return best;
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
     * Pixels uniform in [0.02, 0.5) in every band, generated piece by piece so the heap holds one
     * copy.
     */
    static PooledPixels uniform(int pixels, int bands, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PooledPixels pool = new PooledPixels(bands, k, Long.MAX_VALUE, null);
        float[] piece = new float[PIECE * bands];
        for (int done = 0; done < pixels; done += PIECE) {
            int n = Math.min(PIECE, pixels - done);
            for (int o = 0; o < n * bands; o++) {
                piece[o] = (float) (0.02 + 0.48 * r.nextDouble());
            }
            pool.append(piece, 0, n);
        }
        return pool;
    }

    /** Pixels around {@code k} random spectra in [0.02, 0.5) with uniform noise of ±0.03. */
    static PooledPixels clustered(int pixels, int bands, int k, long seed) {
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

    private static void write(PooledPixels pool, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer bytes = ByteBuffer.allocate(pool.chunkRows() * pool.bands() * Float.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < pool.chunks(); c++) {
                bytes.clear();
                bytes.asFloatBuffer().put(pool.values(c, null), 0, pool.rows(c) * pool.bands());
                out.write(bytes.array(), 0, pool.rows(c) * pool.bands() * Float.BYTES);
            }
        }
    }
}
