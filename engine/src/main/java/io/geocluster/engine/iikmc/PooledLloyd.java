package io.geocluster.engine.iikmc;

import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.ComputeBackend;
import java.util.Arrays;

/**
 * Lloyd iterations over the pooled valid pixels of several scenes: the clustering step of
 * inter-image k-means (Han and Lee 2024), so that a class id means the same in every scene.
 *
 * <p><b>Input:</b> one or more dense float32 blocks, each {@code n_b × bands} row-major (the
 * valid pixels of one or several scenes, concatenated), and one byte label array per block of at
 * least {@code n_b} entries. Labels are overwritten: set to {@link #UNASSIGNED} at the start, so
 * the first iteration counts every pixel as changed, and to the class id 0..k−1 afterwards.
 * Pixel values must be finite.
 *
 * <p><b>Algorithm:</b> each iteration assigns every pixel to its nearest live centre with
 * {@link ComputeBackend#assign} (against the compacted array of live centres, so cancelled
 * classes can never win), counts the pixels whose class changed, sums pixels per class with
 * {@link ComputeBackend#accumulate}, and moves every live centre to the mean of its pixels. The run
 * stops after the iteration in which fewer than {@code tolerance} of the pixels changed class (or
 * none did), or after {@code maxIterations}. Reported centres are thus the means of the final
 * labels. A class that receives no pixel is handled by {@link EmptyClusterRule}: cancelled, or
 * moved onto the farthest pixel; an iteration that reseeds never counts as converged, so the
 * moved centre is given a chance to collect pixels.
 *
 * <p><b>Too few distinct pixels:</b> a pre-scan counts distinct pixel rows with a small
 * open-addressing table of at most {@code k} entries and stops as soon as {@code k} are found
 * (usually within the first few pixels). Fewer than {@code k} distinct rows are rejected up front,
 * since some class would necessarily stay empty.
 *
 * <p><b>Determinism:</b> blocks are processed in order and the backend merges partial sums in a
 * fixed order, so results repeat exactly for the same input and thread count. Ties go to the
 * lowest live class id.
 *
 * <p><b>Allocation:</b> one int label array of the largest block (plus a float distance array with
 * {@link EmptyClusterRule#RESEED}), allocated once per run; nothing per pixel or per iteration.
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
     * Runs from the min-max centres of the pooled pixels ({@link MinMaxCentres}).
     *
     * @param blocks pooled pixels, each block {@code n_b × bands} row-major
     * @param bands values per pixel
     * @param labels one array per block, at least {@code n_b} long; overwritten with class ids
     * @param monitor progress and cancellation; {@link RunMonitor#NONE} for none
     * @throws IllegalArgumentException for malformed blocks, no pixels, non-finite values, or
     *         fewer distinct pixels than {@code k}
     */
    public IikmcResult run(float[][] blocks, int bands, byte[][] labels, RunMonitor monitor) {
        Scan scan = scan(blocks, bands, labels, options.k());
        return iterate(blocks, bands, labels, MinMaxCentres.of(scan.min, scan.max, options.k()), scan.pixels, monitor);
    }

    /**
     * Runs from the given start centres instead of the min-max ones.
     *
     * @param initialCentres {@code k × bands}, row-major; copied
     */
    public IikmcResult run(float[][] blocks, int bands, byte[][] labels, float[] initialCentres, RunMonitor monitor) {
        if (initialCentres.length != (long) options.k() * bands) {
            throw new IllegalArgumentException("initialCentres must hold k × bands = " + options.k() + " × " + bands
                    + " values, got " + initialCentres.length);
        }
        Scan scan = scan(blocks, bands, labels, options.k());
        return iterate(blocks, bands, labels, initialCentres.clone(), scan.pixels, monitor);
    }

    private IikmcResult iterate(float[][] blocks, int bands, byte[][] labels, float[] centres, long pixels,
                                RunMonitor monitor) {
        RunMonitor m = monitor == null ? RunMonitor.NONE : monitor;
        State s = new State(options, backend, blocks, bands, labels, centres, pixels);
        double[] changed = new double[options.maxIterations()];
        boolean converged = false;
        int it = 0;
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

    /** The per-run working state; package-private so the benchmark can time single iterations. */
    static final class State {
        private final ComputeBackend backend;
        private final EmptyClusterRule rule;
        private final float[][] blocks;
        private final byte[][] labels;
        private final int[] rows;
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
        private final int[] scratchLabels;
        private final float[] scratchDistances;
        /** The farthest pixels of the current iteration, by descending distance (RESEED only). */
        private final float[] topDistance;
        private final int[] topBlock;
        private final int[] topRow;
        private int topSize;
        private int reseedUsed;
        boolean reseededLast;

        State(IikmcOptions options, ComputeBackend backend, float[][] blocks, int bands, byte[][] labels,
              float[] centres, long pixels) {
            this.backend = backend;
            this.rule = options.emptyClusters();
            this.blocks = blocks;
            this.labels = labels;
            this.bands = bands;
            this.k = options.k();
            this.centres = centres;
            this.cancelled = new boolean[k];
            this.sizes = new long[k];
            this.liveIds = new int[k];
            this.liveByte = new byte[k];
            this.compact = new float[k * bands];
            this.sums = new double[k * bands];
            this.counts = new long[k];
            this.rows = new int[blocks.length];
            int largest = 0;
            for (int b = 0; b < blocks.length; b++) {
                rows[b] = blocks[b].length / bands;
                largest = Math.max(largest, rows[b]);
                Arrays.fill(labels[b], 0, rows[b], UNASSIGNED);
            }
            this.scratchLabels = new int[largest];
            boolean reseed = rule == EmptyClusterRule.RESEED;
            this.scratchDistances = reseed ? new float[largest] : null;
            this.topDistance = new float[reseed ? k : 0];
            this.topBlock = new int[reseed ? k : 0];
            this.topRow = new int[reseed ? k : 0];
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
            long changed = 0;
            for (int b = 0; b < blocks.length; b++) {
                monitor.checkCanceled();
                int n = rows[b];
                if (n == 0) {
                    continue;
                }
                float[] x = blocks[b];
                backend.assign(x, n, bands, compact, live, scratchLabels, scratchDistances);
                changed += relabel(scratchLabels, labels[b], n, liveByte);
                // Sums are indexed by position among the live centres, like the assign labels.
                backend.accumulate(x, n, bands, scratchLabels, live, sums, counts);
                if (scratchDistances != null) {
                    collectFarthest(b, n, live);
                }
                monitor.passProgress(n);
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

        /**
         * Writes class ids from live positions and counts changes. Branch-free: whether a pixel
         * changed is data-dependent and a branch would mispredict near convergence.
         */
        private static long relabel(int[] positions, byte[] out, int n, byte[] liveByte) {
            long changed = 0;
            for (int i = 0; i < n; i++) {
                byte id = liveByte[positions[i]];
                changed += id != out[i] ? 1 : 0;
                out[i] = id;
            }
            return changed;
        }

        /**
         * Keeps the {@code live} farthest pixels of the iteration, descending; at most live − 1
         * classes can be empty, so that many suffice. A strict comparison keeps the first pixel
         * in block order among equal distances, which makes the choice deterministic.
         */
        private void collectFarthest(int block, int n, int live) {
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
                    topBlock[pos] = topBlock[pos - 1];
                    topRow[pos] = topRow[pos - 1];
                    pos--;
                }
                topDistance[pos] = v;
                topBlock[pos] = block;
                topRow[pos] = i;
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
            System.arraycopy(blocks[topBlock[reseedUsed]], topRow[reseedUsed] * bands, centres, c * bands, bands);
            reseedUsed++;
            reseededLast = true;
        }
    }

    /** What the pre-scan learns: pixel count and per-band range. */
    record Scan(long pixels, float[] min, float[] max) {
    }

    /**
     * Validates the input and finds the per-band range, rejecting non-finite values and fewer
     * than {@code k} distinct pixel rows.
     */
    static Scan scan(float[][] blocks, int bands, byte[][] labels, int k) {
        if (bands < 1) {
            throw new IllegalArgumentException("bands must be at least 1, got " + bands);
        }
        if (blocks == null || labels == null || blocks.length != labels.length) {
            throw new IllegalArgumentException("there must be one label array per block");
        }
        float[] min = new float[bands];
        float[] max = new float[bands];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        DistinctRows distinct = new DistinctRows(k, bands);
        long pixels = 0;
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
            for (int i = 0, o = 0; i < n; i++) {
                for (int j = 0; j < bands; j++, o++) {
                    float v = x[o];
                    if (!Float.isFinite(v)) {
                        throw new IllegalArgumentException("pixel " + i + " of block " + b + " has the non-finite value "
                                + v + " in band " + j);
                    }
                    min[j] = Math.min(min[j], v);
                    max[j] = Math.max(max[j], v);
                }
            }
            distinct.add(x, n, b);
            pixels += n;
        }
        if (pixels == 0) {
            throw new IllegalArgumentException("there are no valid pixels to cluster");
        }
        if (distinct.count < k) {
            throw new IllegalArgumentException("k = " + k + " is larger than the " + distinct.count
                    + " distinct valid pixel values");
        }
        return new Scan(pixels, min, max);
    }

    /**
     * Counts distinct pixel rows up to {@code k}: an open-addressing table of (block, row)
     * references, compared by value. It stops looking once {@code k} rows are found, so on real
     * data it costs a few pixels; it scans everything only when the input really has fewer.
     */
    private static final class DistinctRows {
        private final int limit;
        private final int bands;
        private final int[] slotBlock;
        private final int[] slotRow;
        private float[][] seen = new float[0][];
        int count;

        DistinctRows(int limit, int bands) {
            this.limit = limit;
            this.bands = bands;
            int capacity = Integer.highestOneBit(Math.max(4, limit * 4) - 1) << 1;
            slotBlock = new int[capacity];
            slotRow = new int[capacity];
            Arrays.fill(slotBlock, -1);
        }

        void add(float[] x, int n, int block) {
            if (seen.length <= block) {
                seen = Arrays.copyOf(seen, block + 1);
            }
            seen[block] = x;
            int mask = slotBlock.length - 1;
            for (int i = 0; i < n && count < limit; i++) {
                int o = i * bands;
                int h = 1;
                for (int j = 0; j < bands; j++) {
                    // +0f folds −0 into 0, matching the == comparison below.
                    h = 31 * h + Float.floatToIntBits(x[o + j] + 0f);
                }
                h ^= h >>> 16;
                h *= 0x85EBCA6B;
                h ^= h >>> 13;
                int slot = h & mask;
                while (true) {
                    if (slotBlock[slot] < 0) {
                        slotBlock[slot] = block;
                        slotRow[slot] = i;
                        count++;
                        break;
                    }
                    if (sameRow(seen[slotBlock[slot]], slotRow[slot] * bands, x, o)) {
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
        }

        private boolean sameRow(float[] a, int ao, float[] b, int bo) {
            for (int j = 0; j < bands; j++) {
                if (a[ao + j] != b[bo + j]) {
                    return false;
                }
            }
            return true;
        }
    }
}
