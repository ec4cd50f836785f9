package io.geocluster.engine.compute;

import java.util.concurrent.locks.LockSupport;

/**
 * The CPU backend: plain-array loops, split across a fixed pool of threads when a call holds
 * enough work to pay for the hand-off.
 *
 * <p><b>Algorithm:</b> rows are transposed block by block so that the innermost loop of the
 * distance computation runs over rows with unit stride, which the JIT turns into SIMD
 * instructions (see {@link #assignRange}). Rows are processed in contiguous chunks, one per thread.
 *
 * <p><b>Determinism:</b> chunk boundaries depend only on {@code n} and the thread count, and
 * per-chunk partial sums are merged in chunk order, so results repeat exactly for the same input
 * and thread count.
 *
 * <p><b>Threads:</b> {@code threads − 1} daemon worker threads plus the caller, which takes the
 * first chunk. Workers spin briefly between calls (see {@link SpinWorker}) and park when idle.
 *
 * <p><b>Thread safety:</b> one call at a time per instance.
 */
public final class CpuBackend implements ComputeBackend {
    /** Multiply-adds below which a call stays on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1L << 14;
    /** Fewest rows worth giving a thread. */
    private static final int MIN_CHUNK_ROWS = 128;

    private final int threads;
    private final SpinWorker[] workers;
    private final Scratch[] scratch;

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
        this.scratch = new Scratch[threads];
        for (int i = 0; i < threads; i++) {
            scratch[i] = new Scratch();
        }
        this.workers = new SpinWorker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new SpinWorker("geocluster-cpu-" + (i + 1));
            workers[i].start();
        }
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
        int chunks = chunks((long) n * k * d, n);
        if (chunks == 1) {
            return assignRange(x, 0, n, d, centres, k, labels, distances, scratch[0]);
        }
        double[] partial = new double[chunks];
        runChunks(chunks, n, (c, from, to) -> partial[c] = assignRange(x, from, to, d, centres, k, labels, distances, scratch[c]));
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

    /**
     * {@inheritDoc}
     *
     * <p>Rows are split into contiguous chunks as in {@link #assign}; each output row is written by
     * one thread and depends on no other row, so the result is bit-identical for any thread count.
     */
    @Override
    public void aggregate(int[] offsets, int[] targets, float[] weights, int rowFrom, int rowTo, float[] x, int d,
                          float[] out) {
        AggregateArguments.check(offsets, targets, weights, rowFrom, rowTo, x, d, out);
        int rows = rowTo - rowFrom;
        if (rows == 0) {
            return;
        }
        int edgeEnd = offsets[rowTo];
        int chunks = chunks((long) (edgeEnd - offsets[rowFrom]) * d, rows);
        if (chunks == 1) {
            aggregateRange(offsets, targets, weights, rowFrom, rowTo, rowFrom, x, d, out);
            return;
        }
        try {
            runChunks(chunks, rows, (c, from, to) ->
                    aggregateRange(offsets, targets, weights, rowFrom + from, rowFrom + to, rowFrom, x, d, out));
        } catch (IllegalStateException e) {
            // A bad target found on a worker thread arrives wrapped; callers get the documented
            // exception whichever thread found it.
            if (e.getCause() instanceof IndexOutOfBoundsException bad) {
                IndexOutOfBoundsException rethrown = new IndexOutOfBoundsException(bad.getMessage());
                rethrown.initCause(e);
                throw rethrown;
            }
            throw e;
        }
    }

    /**
     * The aggregation hot loop for rows {@code from..to-1}; row {@code i} goes to
     * {@code out[(i − outRow0)·d ..]}.
     *
     * <p>The innermost loops run over the {@code d} contiguous values of neighbour rows. Edges are
     * taken four at a time: the four neighbour rows are gathered in the same loop, so their cache
     * misses overlap instead of following one another, and the output row is read and written once
     * per four edges. Gathering neighbour rows is what bounds the speed; together this measured
     * 1.5–1.8× faster than one edge at a time. The additions still happen one edge after the other,
     * left to right, so the result is the same as the plain edge-order loop, bit for bit.
     */
    static void aggregateRange(int[] offsets, int[] targets, float[] weights, int from, int to, int outRow0,
                               float[] x, int d, float[] out) {
        final int xRows = x.length / d;
        for (int i = from; i < to; i++) {
            final int o = (i - outRow0) * d;
            java.util.Arrays.fill(out, o, o + d, 0f);
            final int end = offsets[i + 1];
            int e = offsets[i];
            for (; e + 4 <= end; e += 4) {
                final int s0 = rowStart(targets, e, xRows, d, i);
                final int s1 = rowStart(targets, e + 1, xRows, d, i);
                final int s2 = rowStart(targets, e + 2, xRows, d, i);
                final int s3 = rowStart(targets, e + 3, xRows, d, i);
                final float w0 = weights[e];
                final float w1 = weights[e + 1];
                final float w2 = weights[e + 2];
                final float w3 = weights[e + 3];
                for (int j = 0; j < d; j++) {
                    out[o + j] = (((out[o + j] + w0 * x[s0 + j]) + w1 * x[s1 + j]) + w2 * x[s2 + j]) + w3 * x[s3 + j];
                }
            }
            for (; e < end; e++) {
                final int s = rowStart(targets, e, xRows, d, i);
                final float w = weights[e];
                for (int j = 0; j < d; j++) {
                    out[o + j] += w * x[s + j];
                }
            }
        }
    }

    /**
     * Index in {@code x} of the row that edge {@code e} points to. Checking the target here is what
     * stops {@code target·d} from overflowing into a valid but wrong index; the unsigned comparison
     * rejects negative targets too.
     */
    private static int rowStart(int[] targets, int e, int xRows, int d, int row) {
        final int t = targets[e];
        if (Integer.compareUnsigned(t, xRows) >= 0) {
            throw new IndexOutOfBoundsException("targets[" + e + "] = " + t + " (an edge of row " + row
                    + ") is outside the " + xRows + " rows of x");
        }
        return t * d;
    }

    /** Rows per block of the assign kernel: the block's transposed values and distances stay in L1/L2. */
    static final int BLOCK = 128;

    /**
     * The hot loop: nearest centre for rows {@code from..to-1}.
     *
     * <p>Rows are taken {@value #BLOCK} at a time and transposed, so that the innermost loop runs
     * over rows with unit stride for one (centre, dimension) pair. That loop has no dependency
     * between iterations, so the JIT vectorises it, unlike a per-row reduction over dimensions.
     * Each distance is summed over dimensions in ascending order, exactly as a scalar loop would.
     */
    static double assignRange(float[] x, int from, int to, int d, float[] centres, int k, int[] labels, float[] distances,
                              Scratch scratch) {
        double total = 0;
        for (int start = from; start < to; start += BLOCK) {
            int nb = Math.min(BLOCK, to - start);
            nearestInBlock(x, start, nb, d, centres, k, scratch);
            float[] best = scratch.best();
            System.arraycopy(scratch.bestIndex(), 0, labels, start, nb);
            if (distances != null) {
                System.arraycopy(best, 0, distances, start, nb);
            }
            for (int i = 0; i < nb; i++) {
                total += best[i];
            }
        }
        return total;
    }

    /**
     * Nearest centre of the {@code nb ≤ BLOCK} rows from {@code start}: leaves the rows transposed
     * in {@code scratch.rows}, the distances in {@code scratch.best} and the centre indices in
     * {@code scratch.bestIndex}.
     */
    private static void nearestInBlock(float[] x, int start, int nb, int d, float[] centres, int k, Scratch scratch) {
        float[][] xt = scratch.rows(d);
        // Gathering one dimension at a time writes each destination array sequentially,
        // which measured faster than scattering every row across d arrays.
        for (int j = 0; j < d; j++) {
            float[] xj = xt[j];
            for (int i = 0, src = start * d + j; i < nb; i++, src += d) {
                xj[i] = x[src];
            }
        }
        if (VECTOR) {
            VectorNearest.nearest(xt, nb, d, centres, k, scratch.best(), scratch.bestIndex());
        } else {
            nearestTransposed(xt, nb, d, centres, k, scratch);
        }
    }

    /** Whether {@link VectorNearest} runs; read once so the JIT folds the test away. */
    private static final boolean VECTOR = VectorSupport.AVAILABLE;

    /**
     * The plain-loop nearest-centre kernel over a transposed block, for JVMs without the Vector
     * API: one sweep of the distance arrays per band group, then a minimum and an index sweep.
     */
    static void nearestTransposed(float[][] xt, int nb, int d, float[] centres, int k, Scratch scratch) {
        float[][] dist = scratch.distances(k);
        for (int c = 0; c < k; c++) {
            float[] dc = dist[c];
            int co = c * d;
            java.util.Arrays.fill(dc, 0, nb, 0f);
            // Four, then two, then one dimension per sweep: each sweep loads and stores the
            // distances once, where one dimension per sweep made the loop bound by those loads and
            // stores. The additions stay in ascending dimension order, so the sums are bitwise
            // those of the plain scalar loop.
            int j = 0;
            for (; j + 4 <= d; j += 4) {
                float c0 = centres[co + j];
                float c1 = centres[co + j + 1];
                float c2 = centres[co + j + 2];
                float c3 = centres[co + j + 3];
                float[] x0 = xt[j];
                float[] x1 = xt[j + 1];
                float[] x2 = xt[j + 2];
                float[] x3 = xt[j + 3];
                for (int i = 0; i < nb; i++) {
                    float t0 = x0[i] - c0;
                    float t1 = x1[i] - c1;
                    float t2 = x2[i] - c2;
                    float t3 = x3[i] - c3;
                    dc[i] = (((dc[i] + t0 * t0) + t1 * t1) + t2 * t2) + t3 * t3;
                }
            }
            for (; j + 2 <= d; j += 2) {
                float c0 = centres[co + j];
                float c1 = centres[co + j + 1];
                float[] x0 = xt[j];
                float[] x1 = xt[j + 1];
                for (int i = 0; i < nb; i++) {
                    float t0 = x0[i] - c0;
                    float t1 = x1[i] - c1;
                    dc[i] = (dc[i] + t0 * t0) + t1 * t1;
                }
            }
            for (; j < d; j++) {
                float cj = centres[co + j];
                float[] xj = xt[j];
                for (int i = 0; i < nb; i++) {
                    float t = xj[i] - cj;
                    dc[i] += t * t;
                }
            }
        }
        // Minimum over centres, row-parallel and branch-free (which centre wins is
        // data-dependent; a branch per comparison would mispredict): first the minimum value,
        // then, from the last centre down, the index of a centre at exactly that value, chosen
        // with integer masks so that the lowest index wins ties. Both loops vectorise where a
        // select on two arrays did not.
        float[] best = scratch.best();
        int[] bestIndex = scratch.bestIndex();
        System.arraycopy(dist[0], 0, best, 0, nb);
        for (int c = 1; c < k; c++) {
            float[] dc = dist[c];
            for (int i = 0; i < nb; i++) {
                best[i] = Math.min(best[i], dc[i]);
            }
        }
        java.util.Arrays.fill(bestIndex, 0, nb, k - 1);
        for (int c = k - 1; c >= 0; c--) {
            float[] dc = dist[c];
            for (int i = 0; i < nb; i++) {
                int differ = Float.floatToRawIntBits(dc[i]) ^ Float.floatToRawIntBits(best[i]);
                int same = ~((differ | -differ) >> 31);
                bestIndex[i] = (bestIndex[i] & ~same) | (c & same);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Fused: each block of rows is transposed once, assigned, relabelled and accumulated while
     * it is in L1. Sums go to {@value #LANES} interleaved copies (row {@code i} into copy
     * {@code i mod LANES}): consecutive rows of the same class would otherwise wait on each
     * other's additions to the same memory, which bounded the separate {@link #accumulate} loop.
     * Copies and chunks are merged in a fixed order, so results repeat exactly for the same input
     * and thread count.
     */
    @Override
    public long lloydStep(float[] x, int n, int d, float[] centres, int k, byte[] ids, byte[] labels, double[] sums,
                          long[] counts, float[] distances) {
        int chunks = chunks((long) n * k * d, n);
        long[] changed = new long[chunks];
        if (chunks == 1) {
            changed[0] = lloydRange(x, 0, n, d, centres, k, ids, labels, distances, scratch[0]);
        } else {
            runChunks(chunks, n, (c, from, to) ->
                    changed[c] = lloydRange(x, from, to, d, centres, k, ids, labels, distances, scratch[c]));
        }
        long total = 0;
        for (int c = 0; c < chunks; c++) {
            total += changed[c];
            scratch[c].drainSums(k, d, sums, counts);
        }
        return total;
    }

    /**
     * The CPU keeps class sums between steps and updates them for changed rows only; see
     * {@link IncrementalLloydSession}.
     */
    @Override
    public LloydSession openLloyd(LloydRows rows) {
        return openLloyd(rows, 0);
    }

    @Override
    public LloydSession openLloyd(LloydRows rows, double tolerance) {
        return new IncrementalLloydSession(this, rows, tolerance, IncrementalLloydSession.MIN_BOUNDED_ROWS);
    }

    /**
     * The incremental Lloyd step: assigns every row like {@link #lloydStep}, and for each row whose
     * class id changed from {@code a} to {@code b} subtracts it from {@code a}'s sum and count
     * (unless {@code a} is 255, unassigned) and adds it to {@code b}'s.
     *
     * @param classSums sums per class id, {@code 256 × d}, updated
     * @param classCounts counts per class id, 256, updated
     * @return the number of rows whose class id changed
     */
    long lloydDelta(float[] x, int n, int d, float[] centres, int k, byte[] ids, byte[] labels, double[] classSums,
                    long[] classCounts) {
        int chunks = chunks((long) n * k * d, n);
        long[] changed = new long[chunks];
        if (chunks == 1) {
            changed[0] = lloydDeltaRange(x, 0, n, d, centres, k, ids, labels, scratch[0]);
        } else {
            runChunks(chunks, n, (c, from, to) ->
                    changed[c] = lloydDeltaRange(x, from, to, d, centres, k, ids, labels, scratch[c]));
        }
        long total = 0;
        for (int c = 0; c < chunks; c++) {
            total += changed[c];
            scratch[c].drainDeltas(d, classSums, classCounts);
        }
        return total;
    }

    private static long lloydDeltaRange(float[] x, int from, int to, int d, float[] centres, int k, byte[] ids,
                                        byte[] labels, Scratch scratch) {
        double[] delta = scratch.deltaSums(d);
        long[] deltaCounts = scratch.deltaCounts();
        int[] bestIndex = scratch.bestIndex();
        long changed = 0;
        for (int start = from; start < to; start += BLOCK) {
            int nb = Math.min(BLOCK, to - start);
            nearestInBlock(x, start, nb, d, centres, k, scratch);
            for (int i = 0; i < nb; i++) {
                int row = start + i;
                byte id = ids[bestIndex[i]];
                byte old = labels[row];
                if (id == old) {
                    continue; // the common case once the clustering settles: nothing to add
                }
                changed++;
                labels[row] = id;
                moveRow(x, row, d, old, id, delta, deltaCounts);
            }
        }
        return changed;
    }

    /**
     * The bounded incremental Lloyd step of {@link IncrementalLloydSession}: a row is assigned
     * again only when its bound says its class could have changed, and for each row whose class id
     * changed from {@code a} to {@code b} the row is subtracted from {@code a}'s sum and count
     * (unless {@code a} is 255, unassigned) and added to {@code b}'s.
     *
     * <p><b>Bounds:</b> {@code keys[row] − offsets[label]} is a lower bound of how much nearer the
     * row's centre is than any other (in distance, not squared): the session adds each class's
     * worst-case centre movement to {@code offsets} every step, so a key stays valid, untouched,
     * until the row is assigned again. A row is assigned again when {@code keys} is null, when
     * {@code all} is set, or when its key is not above its class's offset; its new key is its
     * margin (second-nearest distance minus nearest, shrunk by a relative {@value #MARGIN_SLACK}
     * to cover float rounding) plus its new class's offset, rounded down.
     *
     * @param keys per-row bound keys, updated; null to assign every row and keep no bound
     * @param offsets per class id, the accumulated centre movement ({@code +∞} for ids that are not
     *        live, so their rows are always assigned)
     * @param cumulative per class id, the same offsets in double, from which new keys are made
     * @param all assign every row (when the bounds are new, or were invalidated)
     * @param classSums sums per class id, {@code 256 × d}, updated
     * @param classCounts counts per class id, 256, updated
     * @param assigned receives at [0] the number of rows assigned again
     * @return the number of rows whose class id changed
     */
    long lloydBounded(float[] x, int n, int d, float[] centres, int k, byte[] ids, byte[] labels, float[] keys,
                      float[] offsets, double[] cumulative, boolean all, double[] classSums, long[] classCounts,
                      long[] assigned) {
        int chunks = chunks((long) n * k * d, n);
        long[] changed = new long[chunks];
        long[] recomputed = new long[chunks];
        ChunkTask task = (c, from, to) -> {
            long[] r = lloydBoundedRange(x, from, to, d, centres, k, ids, labels, keys, offsets, cumulative,
                    all || keys == null, scratch[c]);
            changed[c] = r[0];
            recomputed[c] = r[1];
        };
        if (chunks == 1) {
            task.run(0, 0, n);
        } else {
            runChunks(chunks, n, task);
        }
        long total = 0;
        for (int c = 0; c < chunks; c++) {
            total += changed[c];
            assigned[0] += recomputed[c];
            scratch[c].drainDeltas(d, classSums, classCounts);
        }
        return total;
    }

    /** Relative shrink of a stored margin, far above float rounding of a squared distance (≈ d·6e-8). */
    static final double MARGIN_SLACK = 1e-5;

    /** {@link #lloydBounded} over rows {@code from..to-1}; returns {changed, assigned}. */
    private static long[] lloydBoundedRange(float[] x, int from, int to, int d, float[] centres, int k, byte[] ids,
                                            byte[] labels, float[] keys, float[] offsets, double[] cumulative,
                                            boolean all, Scratch scratch) {
        int[] list = scratch.rowList();
        long changed = 0;
        long assigned = 0;
        for (int start = from; start < to; start += BLOCK) {
            int nb = Math.min(BLOCK, to - start);
            int nf = 0;
            if (all) {
                for (int i = 0; i < nb; i++) {
                    list[i] = start + i;
                }
                nf = nb;
            } else {
                // Once the centres settle nearly every key passes: this loop, reading 5 bytes per
                // row, is then all a step costs.
                for (int row = start, end = start + nb; row < end; row++) {
                    if (!(keys[row] > offsets[labels[row] & 0xFF])) {
                        list[nf++] = row;
                    }
                }
            }
            if (nf > 0) {
                // A small method the JIT compiles once, where one loop over the whole range was
                // compiled on the stack again and again as its branches first ran.
                changed += assignBlock(x, start, nb, nf, d, centres, k, ids, labels, keys, cumulative, scratch);
                assigned += nf;
            }
        }
        return new long[] {changed, assigned};
    }

    /**
     * Assigns the {@code nf} rows listed in {@code scratch.rowList} (of the block of {@code nb}
     * rows from {@code start}: all of them when {@code nf == nb}), stores their keys, and moves
     * the rows that changed class between the sums; returns how many changed.
     */
    private static long assignBlock(float[] x, int start, int nb, int nf, int d, float[] centres, int k, byte[] ids,
                                    byte[] labels, float[] keys, double[] cumulative, Scratch scratch) {
        double[] delta = scratch.deltaSums(d);
        long[] deltaCounts = scratch.deltaCounts();
        int[] list = scratch.rowList();
        float[][] xt = scratch.rows(d);
        float[] best = scratch.best();
        float[] second = scratch.second();
        float[] margin = scratch.margin();
        int[] bestIndex = scratch.bestIndex();
        long changed = 0;
        if (nf == nb) {
            for (int j = 0; j < d; j++) {
                float[] xj = xt[j];
                for (int f = 0, src = start * d + j; f < nb; f++, src += d) {
                    xj[f] = x[src];
                }
            }
        } else {
            for (int j = 0; j < d; j++) {
                float[] xj = xt[j];
                for (int f = 0; f < nf; f++) {
                    xj[f] = x[list[f] * d + j];
                }
            }
        }
        if (VECTOR) {
            // The plain step's kernel, asked for margins too.
            VectorNearest.nearest(xt, nf, d, centres, k, best, margin, bestIndex);
        } else {
            nearestTransposed(xt, nf, d, centres, k, scratch);
            secondTransposed(nf, k, scratch);
            for (int f = 0; f < nf; f++) {
                margin[f] = margin(best[f], second[f]);
            }
        }
        if (keys != null) {
            for (int f = 0; f < nf; f++) {
                // Rounded down: a bound may only ever be tightened by rounding.
                keys[list[f]] = Math.nextDown((float) (margin[f] + cumulative[ids[bestIndex[f]] & 0xFF]));
            }
        }
        for (int f = 0; f < nf; f++) {
            int row = list[f];
            byte id = ids[bestIndex[f]];
            byte old = labels[row];
            if (id == old) {
                continue; // the common case once the clustering settles: nothing to add
            }
            changed++;
            labels[row] = id;
            moveRow(x, row, d, old, id, delta, deltaCounts);
        }
        return changed;
    }

    /**
     * Moves row {@code row} from class {@code old}'s sum and count to class {@code id}'s (the
     * updates of the incremental steps); {@code old} 255, unassigned, has no sum to leave.
     */
    private static void moveRow(float[] x, int row, int d, byte old, byte id, double[] delta, long[] deltaCounts) {
        int src = row * d;
        int to0 = (id & 0xFF) * d;
        deltaCounts[id & 0xFF]++;
        for (int j = 0; j < d; j++) {
            delta[to0 + j] += x[src + j];
        }
        if (old != (byte) 0xFF) {
            int from0 = (old & 0xFF) * d;
            deltaCounts[old & 0xFF]--;
            for (int j = 0; j < d; j++) {
                delta[from0 + j] -= x[src + j];
            }
        }
    }

    /**
     * The margin of a row from its two smallest squared distances by the direct formula: the
     * distances' difference, each shrunk or stretched by {@link #MARGIN_SLACK}.
     */
    static float margin(float s1, float s2) {
        return (float) (Math.sqrt(s2) * (1 - MARGIN_SLACK) - Math.sqrt(s1) * (1 + MARGIN_SLACK));
    }

    /**
     * Second-smallest distance of each row of the plain kernel's last block, into
     * {@code scratch.second}: the smallest over every centre but the chosen one.
     */
    static void secondTransposed(int nb, int k, Scratch scratch) {
        float[][] dist = scratch.distances(k);
        float[] second = scratch.second();
        int[] bestIndex = scratch.bestIndex();
        java.util.Arrays.fill(second, 0, nb, Float.POSITIVE_INFINITY);
        for (int c = 0; c < k; c++) {
            float[] dc = dist[c];
            for (int i = 0; i < nb; i++) {
                second[i] = bestIndex[i] == c ? second[i] : Math.min(second[i], dc[i]);
            }
        }
    }

    /** Interleaved accumulator copies of {@link #lloydStep}. */
    static final int LANES = 4;

    private static long lloydRange(float[] x, int from, int to, int d, float[] centres, int k, byte[] ids,
                                   byte[] labels, float[] distances, Scratch scratch) {
        double[][] acc = scratch.sums(k, d);
        long[][] cnt = scratch.counts(k);
        int[] bestIndex = scratch.bestIndex();
        long changed = 0;
        for (int start = from; start < to; start += BLOCK) {
            int nb = Math.min(BLOCK, to - start);
            nearestInBlock(x, start, nb, d, centres, k, scratch);
            if (distances != null) {
                System.arraycopy(scratch.best(), 0, distances, start, nb);
            }
            for (int i = 0; i < nb; i++) {
                int p = bestIndex[i];
                byte id = ids[p];
                int row = start + i;
                changed += id != labels[row] ? 1 : 0;
                labels[row] = id;
                double[] a = acc[i & (LANES - 1)];
                cnt[i & (LANES - 1)][p]++;
                int base = p * d;
                int src = row * d;
                for (int j = 0; j < d; j++) {
                    a[base + j] += x[src + j];
                }
            }
        }
        return changed;
    }

    /**
     * Per-chunk working arrays of the assign kernel, kept between calls so that a partial fit on a
     * small batch allocates nothing. One array per dimension and per centre: the inner loop then
     * reads and writes the same index of two arrays, which the JIT vectorises without having to
     * prove that they differ.
     */
    static final class Scratch {
        private float[][] rows = new float[0][];
        private float[][] distances = new float[0][];
        private final float[] best = new float[BLOCK];
        private final int[] bestIndex = new int[BLOCK];
        /** Second-smallest distances, margins and the rows gathered by the bounded step. */
        private final float[] second = new float[BLOCK];
        private final float[] margin = new float[BLOCK];
        private final int[] rowList = new int[BLOCK];

        float[] second() {
            return second;
        }

        float[] margin() {
            return margin;
        }

        int[] rowList() {
            return rowList;
        }

        float[] best() {
            return best;
        }

        int[] bestIndex() {
            return bestIndex;
        }

        float[][] rows(int d) {
            if (rows.length < d) {
                rows = new float[d][BLOCK];
            }
            return rows;
        }

        float[][] distances(int k) {
            if (distances.length < k) {
                distances = new float[k][BLOCK];
            }
            return distances;
        }

        private double[][] sums = new double[LANES][0];
        private long[][] counts = new long[LANES][0];

        /** Zeroed accumulator copies of at least {@code k × d} sums. */
        double[][] sums(int k, int d) {
            if (sums[0].length < k * d) {
                sums = new double[LANES][k * d];
            }
            return sums;
        }

        /** Zeroed count copies of at least {@code k} entries. */
        long[][] counts(int k) {
            if (counts[0].length < k) {
                counts = new long[LANES][k];
            }
            return counts;
        }

        private double[] deltaSums = new double[0];
        private final long[] deltaCounts = new long[256];

        /** Zeroed per-class-id sum updates, {@code 256 × d}. */
        double[] deltaSums(int d) {
            if (deltaSums.length < 256 * d) {
                deltaSums = new double[256 * d];
            }
            return deltaSums;
        }

        /** Zeroed per-class-id count updates. */
        long[] deltaCounts() {
            return deltaCounts;
        }

        /** Adds the updates into the class sums and counts and zeroes them. */
        void drainDeltas(int d, double[] classSums, long[] classCounts) {
            for (int i = 0; i < 256 * d; i++) {
                classSums[i] += deltaSums[i];
                deltaSums[i] = 0;
            }
            for (int i = 0; i < 256; i++) {
                classCounts[i] += deltaCounts[i];
                deltaCounts[i] = 0;
            }
        }

        /** Adds the copies into {@code sums}/{@code counts} in copy order and zeroes them. */
        void drainSums(int k, int d, double[] out, long[] outCounts) {
            for (int l = 0; l < LANES; l++) {
                double[] a = sums[l];
                for (int i = 0; i < k * d && i < a.length; i++) {
                    out[i] += a[i];
                    a[i] = 0;
                }
                long[] c = counts[l];
                for (int i = 0; i < k && i < c.length; i++) {
                    outCounts[i] += c[i];
                    c[i] = 0;
                }
            }
        }
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
        if (workers.length == 0 || work < PARALLEL_THRESHOLD) {
            return 1;
        }
        return (int) Math.max(1, Math.min(threads, n / MIN_CHUNK_ROWS));
    }

    @FunctionalInterface
    private interface ChunkTask {
        void run(int chunk, int from, int to);
    }

    private void runChunks(int chunks, int n, ChunkTask task) {
        for (int c = 1; c < chunks; c++) {
            int chunk = c;
            workers[c - 1].submit(() -> task.run(chunk, bound(chunk, chunks, n), bound(chunk + 1, chunks, n)));
        }
        // The calling thread takes the first chunk itself instead of idling.
        RuntimeException failure = null;
        try {
            task.run(0, 0, bound(1, chunks, n));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int c = 1; c < chunks; c++) {
            Throwable t = workers[c - 1].await();
            if (t != null && failure == null) {
                failure = new IllegalStateException("a compute thread failed", t);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static int bound(int chunk, int chunks, int n) {
        return (int) ((long) n * chunk / chunks);
    }

    @Override
    public void close() {
        for (SpinWorker w : workers) {
            w.shutdown();
        }
    }

    /**
     * A compute thread that takes one task at a time and spins briefly between tasks. A partial
     * fit on a batch of 256 rows takes about 10 µs, less than parking and waking a pool thread
     * costs; spinning for a few hundred microseconds after each task keeps the hand-off under a
     * microsecond while batches keep coming, and the thread parks once they stop.
     */
    private static final class SpinWorker extends Thread {
        private static final long SPIN_NANOS = 200_000;
        private volatile Runnable task;
        private volatile boolean done = true;
        private volatile boolean stopped;
        private volatile Throwable failure;

        SpinWorker(String name) {
            super(name);
            setDaemon(true);
        }

        void submit(Runnable r) {
            failure = null;
            done = false;
            task = r;
            LockSupport.unpark(this);
        }

        /** Waits for the task and returns what it threw, if anything. */
        Throwable await() {
            while (!done) {
                Thread.onSpinWait();
            }
            return failure;
        }

        void shutdown() {
            stopped = true;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (!stopped) {
                Runnable r = task;
                if (r != null) {
                    task = null;
                    try {
                        r.run();
                    } catch (Throwable t) {
                        failure = t;
                    }
                    done = true;
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
