package io.geocluster.engine.reservoir;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Embeds a block of series on several threads: the rows are cut into one contiguous part per
 * thread, aligned to {@link EchoStateReservoir#LANES}, each embedded by its own
 * {@link ReservoirEmbedding}; the calling thread takes the first part. Series are independent, so
 * the features are identical to a single-threaded run, whatever the thread count.
 *
 * <p><b>Thread safety:</b> one caller at a time. {@link #close()} stops the helper threads.
 */
public final class ParallelEmbedding implements AutoCloseable {
    private final ReservoirEmbedding[] workers;
    private final ThreadPoolExecutor pool;
    private final Future<?>[] pending;

    /**
     * @param threads threads to use, the caller's included; at least 1
     */
    public ParallelEmbedding(ReservoirModel model, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        workers = new ReservoirEmbedding[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = model.embedding();
        }
        pending = new Future<?>[threads];
        pool = threads == 1 ? null : new ThreadPoolExecutor(threads - 1, threads - 1, 5, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "geocluster-reservoir");
                    thread.setDaemon(true);
                    return thread;
                });
        if (pool != null) {
            pool.allowCoreThreadTimeOut(true);
        }
    }

    /** Features per series, D² + D. */
    public int features() {
        return workers[0].features();
    }

    /**
     * Embeds {@code rows} series; see {@link ReservoirEmbedding#embed} for the layout.
     *
     * @return the number of series that had fewer than two valid values
     */
    public int embed(float[] values, int offset, int stride, int rows, float[] out, int outOffset, int outStride) {
        int lanes = EchoStateReservoir.LANES;
        int blocks = (rows + lanes - 1) / lanes;
        int parts = Math.min(workers.length, blocks);
        if (parts <= 1) {
            return workers[0].embed(values, offset, stride, rows, out, outOffset, outStride);
        }
        int[] unusable = new int[parts];
        for (int t = 1; t < parts; t++) {
            int first = (int) ((long) blocks * t / parts) * lanes;
            int end = Math.min(rows, (int) ((long) blocks * (t + 1) / parts) * lanes);
            ReservoirEmbedding worker = workers[t];
            int part = t;
            pending[t] = pool.submit(() -> {
                unusable[part] = worker.embed(values, offset + first * stride, stride, end - first, out,
                        outOffset + first * outStride, outStride);
            });
        }
        int firstEnd = (int) ((long) blocks / parts) * lanes;
        unusable[0] = workers[0].embed(values, offset, stride, firstEnd, out, outOffset, outStride);
        int total = unusable[0];
        for (int t = 1; t < parts; t++) {
            try {
                pending[t].get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while embedding", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("embedding failed: " + e.getCause(), e.getCause());
            }
            total += unusable[t];
        }
        return total;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
