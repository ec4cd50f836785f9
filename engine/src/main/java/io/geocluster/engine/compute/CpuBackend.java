package io.geocluster.engine.compute;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CPU backend: plain-array loops, split across a fixed pool of threads when a call holds
 * enough work to pay for the hand-off.
 *
 * <p><b>Algorithm:</b> centres are transposed into a {@code d × k} block so that the innermost
 * loop runs over centres with unit stride, which the JIT turns into SIMD instructions; each row's
 * k partial distances stay in a small accumulator array in L1. Rows are processed in contiguous
 * chunks, one per thread.
 *
 * <p><b>Determinism:</b> chunk boundaries depend only on {@code n} and the thread count, and
 * per-chunk partial sums are merged in chunk order, so results repeat exactly for the same input
 * and thread count.
 *
 * <p><b>Thread safety:</b> one call at a time per instance.
 */
public final class CpuBackend implements ComputeBackend {
    /** Multiply-adds below which a call stays on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1L << 18;

    private final int threads;
    private final ExecutorService pool;
    private float[] transposed = new float[0];

    /** Creates a backend using every available processor. */
    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** Creates a backend using {@code threads} threads (1 = no pool). */
    public CpuBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
        AtomicInteger counter = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "geocluster-cpu-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return "cpu";
    }

    /** Number of threads calls are split across. */
    public int threads() {
        return threads;
    }

    @Override
    public double assign(float[] x, int n, int d, float[] centres, int k, int[] labels, float[] distances) {
        float[] ct = transpose(centres, k, d);
        int chunks = chunks((long) n * k * d, n);
        if (chunks == 1) {
            return assignRange(x, 0, n, d, ct, k, labels, distances);
        }
        double[] partial = new double[chunks];
        runChunks(chunks, n, (c, from, to) -> partial[c] = assignRange(x, from, to, d, ct, k, labels, distances));
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return total;
    }

    @Override
    public void accumulate(float[] x, int n, int d, int[] labels, int k, double[] sums, long[] counts) {
        int chunks = chunks((long) n * d, n);
        if (chunks == 1) {
            accumulateRange(x, 0, n, d, labels, sums, counts);
            return;
        }
        double[][] partSums = new double[chunks][k * d];
        long[][] partCounts = new long[chunks][k];
        runChunks(chunks, n, (c, from, to) -> accumulateRange(x, from, to, d, labels, partSums[c], partCounts[c]));
        for (int c = 0; c < chunks; c++) {
            double[] ps = partSums[c];
            for (int i = 0; i < ps.length; i++) {
                sums[i] += ps[i];
            }
            long[] pc = partCounts[c];
            for (int i = 0; i < k; i++) {
                counts[i] += pc[i];
            }
        }
    }

    private float[] transpose(float[] centres, int k, int d) {
        int size = k * d;
        if (transposed.length < size) {
            transposed = new float[size];
        }
        float[] ct = transposed;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                ct[j * k + c] = centres[c * d + j];
            }
        }
        return ct;
    }

    /** The hot loop: nearest centre for rows {@code from..to-1}. */
    static double assignRange(float[] x, int from, int to, int d, float[] ct, int k, int[] labels, float[] distances) {
        float[] acc = new float[k];
        double total = 0;
        for (int i = from; i < to; i++) {
            java.util.Arrays.fill(acc, 0f);
            int row = i * d;
            for (int j = 0; j < d; j++) {
                float v = x[row + j];
                int base = j * k;
                for (int c = 0; c < k; c++) {
                    float t = v - ct[base + c];
                    acc[c] += t * t;
                }
            }
            int best = 0;
            float bestDist = acc[0];
            for (int c = 1; c < k; c++) {
                if (acc[c] < bestDist) {
                    bestDist = acc[c];
                    best = c;
                }
            }
            labels[i] = best;
            if (distances != null) {
                distances[i] = bestDist;
            }
            total += bestDist;
        }
        return total;
    }

    static void accumulateRange(float[] x, int from, int to, int d, int[] labels, double[] sums, long[] counts) {
        for (int i = from; i < to; i++) {
            int c = labels[i];
            if (c < 0) {
                continue;
            }
            counts[c]++;
            int row = i * d;
            int base = c * d;
            for (int j = 0; j < d; j++) {
                sums[base + j] += x[row + j];
            }
        }
    }

    private int chunks(long work, int n) {
        if (pool == null || work < PARALLEL_THRESHOLD) {
            return 1;
        }
        return (int) Math.max(1, Math.min(threads, n / 1024));
    }

    @FunctionalInterface
    private interface ChunkTask {
        void run(int chunk, int from, int to);
    }

    private void runChunks(int chunks, int n, ChunkTask task) {
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int chunk = c;
            futures[c - 1] = pool.submit(() -> task.run(chunk, bound(chunk, chunks, n), bound(chunk + 1, chunks, n)));
        }
        // The calling thread takes the first chunk itself instead of idling.
        task.run(0, 0, bound(1, chunks, n));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a compute thread failed", e.getCause());
            }
        }
    }

    private static int bound(int chunk, int chunks, int n) {
        return (int) ((long) n * chunk / chunks);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
