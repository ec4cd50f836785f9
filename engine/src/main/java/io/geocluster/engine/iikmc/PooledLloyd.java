package io.geocluster.engine.iikmc;

import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.ComputeBackend;
import io.geocluster.engine.compute.LloydRows;
import io.geocluster.engine.compute.LloydSession;
import java.util.Arrays;

/**
 * Lloyd iterations over the pooled valid pixels of several scenes: the clustering step of
 * inter-image k-means (Han and Lee 2024), so that a class id means the same in every scene.
 *
 * <p><b>Input:</b> a {@link PooledPixels} (the valid pixels of several scenes, in chunks that
 * may live on disk), whose labels are overwritten: set to {@link #UNASSIGNED} at the start, so
 * the first iteration counts every pixel as changed, and to the class id 0..k−1 afterwards. A
 * convenience overload takes resident blocks and per-block label arrays.
 *
 * <p><b>Algorithm:</b> each iteration is one step of a {@link LloydSession} over every chunk
 * (with which the GPU backend keeps the pixels on the device between iterations, and the CPU
 * keeps class sums and, once the run settles, per-pixel bounds that skip pixels whose class cannot
 * have changed): nearest live centre (against the compacted array of live centres, so cancelled classes can never
 * win), changed-label count and per-class sums in one pass over memory; then every live centre
 * moves to the mean of its pixels. The run stops after the iteration in which fewer than
 * {@code tolerance} of the pixels changed class (or none did), or after {@code maxIterations}.
 * Reported centres are thus the means of the final labels. A class that receives no pixel is
 * handled by {@link EmptyClusterRule}: cancelled, or moved onto the farthest pixel; an iteration
 * that reseeds never counts as converged, so the moved centre is given a chance to collect pixels.
 * Finding the farthest pixels takes one more pass, made only in an iteration that left a class
 * empty, which also closes the session (a new one opens for the next iteration).
 *
 * <p><b>Too few distinct pixels:</b> the pool counts distinct pixel values up to {@code k} while
 * pixels are appended; fewer than {@code k} are rejected up front, since some class would
 * necessarily stay empty.
 *
 * <p><b>Determinism:</b> chunks are processed in order and the backend merges partial sums in a
 * fixed order, so results repeat exactly for the same input and thread count (on the CPU
 * backend; the GPU backend adds sums with atomics, so its centres may differ in the last bits
 * between runs). Ties go to the lowest live class id.
 *
 * <p><b>Allocation:</b> one value and one label buffer of a chunk when the pool has spilled to
 * disk (plus a float distance array with {@link EmptyClusterRule#RESEED}), allocated once per
 * run; nothing per pixel or per iteration.
 *
 * <p><b>Thread safety:</b> none beyond the backend's: one run at a time per backend.
 */
public final class PooledLloyd {
    /** Label of a pixel not yet assigned; equal to the nodata value of the label rasters. */
    public static final byte UNASSIGNED = (byte) 0xFF;

    private final IikmcOptions options;
    private final ComputeBackend backend;

    /** Creates a runner; the backend is not closed by it. */
    public PooledLloyd(IikmcOptions options, ComputeBackend backend) {
        if (options == null || backend == null) {
            throw new IllegalArgumentException("options and backend are required");
        }
        this.options = options;
        this.backend = backend;
    }

    /**
     * Runs from the min-max centres of the pooled pixels ({@link MinMaxCentres}); labels are left
     * in the pool.
     *
     * @param pool pooled pixels; its labels are overwritten with class ids
     * @param monitor progress and cancellation; {@link RunMonitor#NONE} for none
     * @throws IllegalArgumentException for no pixels or fewer distinct pixels than {@code k}
     */
    public IikmcResult run(PooledPixels pool, RunMonitor monitor) {
        check(pool);
        return iterate(pool, MinMaxCentres.of(pool.min(), pool.max(), options.k()), monitor);
    }

    /**
     * Runs from the given start centres instead of the min-max ones.
     *
     * @param initialCentres {@code k × bands}, row-major; copied
     */
    public IikmcResult run(PooledPixels pool, float[] initialCentres, RunMonitor monitor) {
        if (initialCentres.length != (long) options.k() * pool.bands()) {
            throw new IllegalArgumentException("initialCentres must hold k × bands = " + options.k() + " × "
                    + pool.bands() + " values, got " + initialCentres.length);
        }
        check(pool);
        return iterate(pool, initialCentres.clone(), monitor);
    }

    /**
     * Convenience for resident data: pools the blocks, runs from the min-max centres, and copies
     * the labels back.
     *
     * @param blocks pooled pixels, each block {@code n_b × bands} row-major
     * @param labels one array per block, at least {@code n_b} long; overwritten with class ids
     * @throws IllegalArgumentException for malformed blocks, no pixels, non-finite values, or
     *         fewer distinct pixels than {@code k}
     */
    public IikmcResult run(float[][] blocks, int bands, byte[][] labels, RunMonitor monitor) {
        return run(blocks, bands, labels, null, monitor);
    }

    /** As {@link #run(float[][], int, byte[][], RunMonitor)}, from the given start centres (or min-max for null). */
    public IikmcResult run(float[][] blocks, int bands, byte[][] labels, float[] initialCentres, RunMonitor monitor) {
        try (PooledPixels pool = pool(blocks, bands, labels, options.k())) {
            IikmcResult r = initialCentres == null ? run(pool, monitor) : run(pool, initialCentres, monitor);
            copyLabels(pool, blocks, bands, labels);
            return r;
        }
    }

    /** Pools resident blocks, checking their shapes. */
    static PooledPixels pool(float[][] blocks, int bands, byte[][] labels, int k) {
        if (bands < 1) {
            throw new IllegalArgumentException("bands must be at least 1, got " + bands);
        }
        if (blocks == null || labels == null || blocks.length != labels.length) {
            throw new IllegalArgumentException("there must be one label array per block");
        }
        PooledPixels pool = new PooledPixels(bands, k, Long.MAX_VALUE, null);
        for (int b = 0; b < blocks.length; b++) {
            float[] x = blocks[b];
            if (x.length % bands != 0) {
                throw new IllegalArgumentException("block " + b + " holds " + x.length
                        + " values, not a multiple of " + bands + " bands");
            }
            int n = x.length / bands;
            if (labels[b].length < n) {
                throw new IllegalArgumentException("labels of block " + b + " hold " + labels[b].length
                        + " entries for " + n + " pixels");
            }
            pool.append(x, 0, n);
        }
        return pool;
    }

    /** Copies the pool's labels, in pooling order, back into the per-block arrays. */
    private static void copyLabels(PooledPixels pool, float[][] blocks, int bands, byte[][] labels) {
        int block = 0;
        int at = 0;
        byte[] buffer = new byte[pool.chunkRows()];
        for (int c = 0; c < pool.chunks(); c++) {
            byte[] l = pool.labels(c, buffer);
            int n = pool.rows(c);
            int i = 0;
            while (i < n) {
                while (at >= blocks[block].length / bands) {
                    block++;
                    at = 0;
                }
                int take = Math.min(n - i, blocks[block].length / bands - at);
                System.arraycopy(l, i, labels[block], at, take);
                i += take;
                at += take;
            }
        }
    }

    private void check(PooledPixels pool) {
        if (pool.pixels() == 0) {
            throw new IllegalArgumentException("there are no valid pixels to cluster");
        }
        if (pool.distinctValues() < options.k()) {
            throw new IllegalArgumentException("k = " + options.k() + " is larger than the " + pool.distinctValues()
                    + " distinct valid pixel values");
        }
    }

    private IikmcResult iterate(PooledPixels pool, float[] centres, RunMonitor monitor) {
        RunMonitor m = monitor == null ? RunMonitor.NONE : monitor;
        long pixels = pool.pixels();
        double[] changed = new double[options.maxIterations()];
        boolean converged = false;
        int it = 0;
        // Closing the state hands the labels back to the pool (the GPU session holds them).
        try (State s = new State(options, backend, pool, centres)) {
            while (it < options.maxIterations() && !converged) {
                m.passStarted("iteration " + (it + 1), pixels);
                m.checkCanceled();
                long c = s.iterate(m);
                m.passFinished();
                changed[it] = (double) c / pixels;
                converged = !s.reseededLast && (c == 0 || changed[it] < options.tolerance());
                it++;
            }
            return new IikmcResult(s.centres, s.cancelled, s.sizes, Arrays.copyOf(changed, it), it, converged);
        }
    }

    /**
     * The pool as a backend's {@link LloydSession} reads it: resident chunks as they are, spilled
     * ones through buffers of one chunk, allocated here when the pool has spilled.
     */
    public static LloydRows lloydRows(PooledPixels pool) {
        boolean spilled = pool.chunks() > 0 && !pool.resident(pool.chunks() - 1);
        return new PoolRows(pool, spilled ? new float[pool.chunkRows() * pool.bands()] : null,
                spilled ? new byte[pool.chunkRows()] : null);
    }

    /** {@link #lloydRows}: the pool through the given chunk buffers (null when nothing has spilled). */
    private record PoolRows(PooledPixels pool, float[] valueBuffer, byte[] labelBuffer) implements LloydRows {
        @Override
        public int d() {
            return pool.bands();
        }

        @Override
        public int chunks() {
            return pool.chunks();
        }

        @Override
        public int rows(int c) {
            return pool.rows(c);
        }

        @Override
        public float[] values(int c) {
            return pool.values(c, valueBuffer);
        }

        @Override
        public byte[] labels(int c) {
            return pool.labels(c, labelBuffer);
        }

        @Override
        public boolean resident(int c) {
            return pool.resident(c);
        }

        @Override
        public void storeLabels(int c, byte[] labels) {
            pool.storeLabels(c, labels);
        }
    }

    /** The per-run working state; package-private so the benchmark can time single iterations. */
    static final class State implements AutoCloseable {
        private final ComputeBackend backend;
        private final EmptyClusterRule rule;
        private final double tolerance;
        private final PooledPixels pool;
        private final int bands;
        private final int k;
        final float[] centres;
        final boolean[] cancelled;
        final long[] sizes;
        /** Live class ids, ascending; index = position in the compacted centres. */
        private final int[] liveIds;
        private final byte[] liveByte;
        private final float[] compact;
        private final double[] sums;
        private final long[] counts;
        private final float[] valueBuffer;
        private final byte[] labelBuffer;
        private final float[] scratchDistances;
        /** The farthest pixels of the current iteration, by descending distance (RESEED only). */
        private final float[] topDistance;
        private final float[] topValues;
        private int topSize;
        private int reseedUsed;
        boolean reseededLast;
        /** Opened by the first iteration (and again after a reseed); holds the labels until closed. */
        private LloydSession session;

        State(IikmcOptions options, ComputeBackend backend, PooledPixels pool, float[] centres) {
            this.backend = backend;
            this.rule = options.emptyClusters();
            this.tolerance = options.tolerance();
            this.pool = pool;
            this.bands = pool.bands();
            this.k = options.k();
            this.centres = centres;
            this.cancelled = new boolean[k];
            this.sizes = new long[k];
            this.liveIds = new int[k];
            this.liveByte = new byte[k];
            this.compact = new float[k * bands];
            this.sums = new double[k * bands];
            this.counts = new long[k];
            int largest = 0;
            boolean spilled = false;
            for (int c = 0; c < pool.chunks(); c++) {
                largest = Math.max(largest, pool.rows(c));
                spilled |= !pool.resident(c);
            }
            this.valueBuffer = spilled ? new float[largest * bands] : null;
            this.labelBuffer = spilled ? new byte[largest] : null;
            pool.fillLabels(UNASSIGNED);
            boolean reseed = rule == EmptyClusterRule.RESEED;
            this.scratchDistances = reseed ? new float[largest] : null;
            this.topDistance = new float[reseed ? k : 0];
            this.topValues = new float[reseed ? k * bands : 0];
        }

        /** One Lloyd iteration; returns the number of pixels whose class changed. */
        long iterate(RunMonitor monitor) {
            int live = 0;
            for (int c = 0; c < k; c++) {
                if (!cancelled[c]) {
                    liveIds[live] = c;
                    liveByte[live] = (byte) c;
                    System.arraycopy(centres, c * bands, compact, live * bands, bands);
                    live++;
                }
            }
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            topSize = 0;
            if (session == null) {
                session = backend.openLloyd(new PoolRows(pool, valueBuffer, labelBuffer), tolerance);
            }
            // Sums are indexed by position among the live centres. The session reports chunk by
            // chunk; the monitor takes the rows done so far.
            long[] done = new long[1];
            long changed = session.step(compact, live, liveByte, sums, counts, n -> {
                done[0] += n;
                monitor.passProgress(done[0]);
                monitor.checkCanceled();
            });
            if (scratchDistances != null && anyEmpty(live)) {
                // A class emptied and will be reseeded: closing the session hands the labels back
                // (the GPU holds them), and one more pass finds the farthest pixels. The next
                // iteration opens a new session; emptied classes are rare, so this costs little.
                session.close();
                session = null;
                findFarthest(live, monitor);
            }
            reseededLast = false;
            reseedUsed = 0;
            for (int p = 0; p < live; p++) {
                int c = liveIds[p];
                long count = counts[p];
                sizes[c] = count;
                int base = c * bands;
                if (count > 0) {
                    for (int j = 0; j < bands; j++) {
                        centres[base + j] = (float) (sums[p * bands + j] / count);
                    }
                } else if (rule == EmptyClusterRule.CANCEL) {
                    cancelled[c] = true;
                    Arrays.fill(centres, base, base + bands, Float.NaN);
                } else {
                    reseed(c);
                }
            }
            return changed;
        }

        /** Hands the labels back to the pool if a session holds them. */
        @Override
        public void close() {
            if (session != null) {
                session.close();
                session = null;
            }
        }

        private boolean anyEmpty(int live) {
            for (int p = 0; p < live; p++) {
                if (counts[p] == 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The farthest pixels of the iteration just made: each pixel's squared distance to the
         * centre it was assigned to (the compacted centres of the iteration), summed in band
         * order as {@link ComputeBackend#lloydStep} reports it.
         */
        private void findFarthest(int live, RunMonitor monitor) {
            int[] position = new int[256];
            for (int p = 0; p < live; p++) {
                position[liveIds[p]] = p;
            }
            for (int c = 0; c < pool.chunks(); c++) {
                monitor.checkCanceled();
                int n = pool.rows(c);
                float[] x = pool.values(c, valueBuffer);
                byte[] labels = pool.labels(c, labelBuffer);
                for (int i = 0; i < n; i++) {
                    int centre = position[labels[i] & 0xFF] * bands;
                    float sum = 0;
                    for (int j = 0; j < bands; j++) {
                        float t = x[i * bands + j] - compact[centre + j];
                        sum += t * t;
                    }
                    scratchDistances[i] = sum;
                }
                collectFarthest(x, n, live);
            }
        }

        /**
         * Keeps the {@code live} farthest pixels of the iteration, descending; at most live − 1
         * classes can be empty, so that many suffice. A strict comparison keeps the first pixel
         * in pool order among equal distances, which makes the choice deterministic.
         */
        private void collectFarthest(float[] x, int n, int live) {
            float[] d = scratchDistances;
            int cap = live;
            for (int i = 0; i < n; i++) {
                float v = d[i];
                if (topSize == cap && !(v > topDistance[cap - 1])) {
                    continue;
                }
                int pos = topSize == cap ? cap - 1 : topSize++;
                while (pos > 0 && v > topDistance[pos - 1]) {
                    topDistance[pos] = topDistance[pos - 1];
                    System.arraycopy(topValues, (pos - 1) * bands, topValues, pos * bands, bands);
                    pos--;
                }
                topDistance[pos] = v;
                System.arraycopy(x, i * bands, topValues, pos * bands, bands);
            }
        }

        /**
         * Moves empty class {@code c} onto the next farthest pixel not yet taken in this update;
         * classes are visited in ascending id, so the farthest pixel goes to the lowest empty id.
         */
        private void reseed(int c) {
            if (reseedUsed >= topSize) {
                return; // Fewer pixels than empty classes; cannot happen once distinct ≥ k.
            }
            System.arraycopy(topValues, reseedUsed * bands, centres, c * bands, bands);
            reseedUsed++;
            reseededLast = true;
        }
    }
}
