package io.geocluster.engine.kmeans;

import io.geocluster.engine.compute.ComputeBackend;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mini-batch k-means state and its partial-fit step (Sculley 2010, with scikit-learn's
 * semantics).
 *
 * <p><b>Algorithm:</b> each step labels the batch against the current centres, then moves every
 * centre that received points by the counts-based learning rate:
 * {@code c ← (c·W_c + Σx)/(W_c + n_b)}, {@code W_c += n_b}. A centre that received no point is
 * unchanged. After at least {@code 10·k} rows since the last check (or while a centre has weight
 * 0), centres with {@code W_c < 0.01·max W} are moved onto distinct random rows of the batch (at
 * most half the batch) and given the smallest weight of the others, so starving centres do not
 * stay stuck in empty space.
 *
 * <p><b>Allocation:</b> none per step; scratch arrays grow to the largest batch seen.
 *
 * <p><b>Thread safety:</b> none; one instance per run.
 */
public final class MiniBatchKMeans {
    /** Fraction of the largest weight under which a centre counts as starving. */
    static final double REASSIGNMENT_RATIO = 0.01;

    private final int k;
    private final int d;
    private final ComputeBackend backend;
    private final SplittableRandom random;
    private final float[] centres;
    private final double[] weights;
    private final double[] sums;
    private final long[] counts;
    private int[] labels = new int[0];
    private long rowsSinceReassignCheck;
    private long steps;
    private long reassigned;

    /**
     * Starts from the given centres with zero weights.
     *
     * @param initial centres, {@code k × d}; copied
     */
    public MiniBatchKMeans(float[] initial, int k, int d, ComputeBackend backend, SplittableRandom random) {
        if (initial.length != k * d) {
            throw new IllegalArgumentException("expected " + k + " × " + d + " centres");
        }
        this.k = k;
        this.d = d;
        this.backend = backend;
        this.random = random;
        this.centres = initial.clone();
        this.weights = new double[k];
        this.sums = new double[k * d];
        this.counts = new long[k];
    }

    /**
     * One partial-fit step on rows {@code 0..n-1} of {@code x}.
     *
     * @return the batch inertia (sum of squared distances to the centres before the update)
     */
    public double partialFit(float[] x, int n) {
        if (n == 0) {
            return 0;
        }
        if (labels.length < n) {
            labels = new int[n];
        }
        double inertia = backend.assign(x, n, d, centres, k, labels, null);
        Arrays.fill(sums, 0);
        Arrays.fill(counts, 0);
        backend.accumulate(x, n, d, labels, k, sums, counts);
        for (int c = 0; c < k; c++) {
            long nb = counts[c];
            if (nb == 0) {
                continue;
            }
            double w = weights[c];
            double total = w + nb;
            int base = c * d;
            for (int j = 0; j < d; j++) {
                centres[base + j] = (float) ((centres[base + j] * w + sums[base + j]) / total);
            }
            weights[c] = total;
        }
        rowsSinceReassignCheck += n;
        if (rowsSinceReassignCheck >= 10L * k || hasZeroWeight()) {
            rowsSinceReassignCheck = 0;
            reassignStarving(x, n);
        }
        steps++;
        return inertia;
    }

    private boolean hasZeroWeight() {
        for (double w : weights) {
            if (w == 0) {
                return true;
            }
        }
        return false;
    }

    private void reassignStarving(float[] x, int n) {
        double maxWeight = 0;
        for (double w : weights) {
            maxWeight = Math.max(maxWeight, w);
        }
        double threshold = REASSIGNMENT_RATIO * maxWeight;
        int starving = 0;
        for (double w : weights) {
            if (w < threshold) {
                starving++;
            }
        }
        if (starving == 0) {
            return;
        }
        Integer[] order = null;
        int limit = (int) (0.5 * n);
        boolean[] move = new boolean[k];
        if (starving > limit) {
            // Only the lightest half-batch worth of centres move, as scikit-learn does.
            order = new Integer[k];
            for (int c = 0; c < k; c++) {
                order[c] = c;
            }
            Arrays.sort(order, (a, b) -> Double.compare(weights[a], weights[b]));
            for (int r = 0; r < limit; r++) {
                move[order[r]] = weights[order[r]] < threshold;
            }
        } else {
            for (int c = 0; c < k; c++) {
                move[c] = weights[c] < threshold;
            }
        }
        int moving = 0;
        double minKept = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (move[c]) {
                moving++;
            } else {
                minKept = Math.min(minKept, weights[c]);
            }
        }
        if (moving == 0) {
            return;
        }
        int[] rows = distinctRows(n, moving);
        for (int c = 0, r = 0; c < k; c++) {
            if (move[c]) {
                System.arraycopy(x, rows[r++] * d, centres, c * d, d);
                weights[c] = minKept;
            }
        }
        reassigned += moving;
    }

    /** {@code m} distinct indices in {@code [0, n)} by a partial Fisher–Yates shuffle. */
    private int[] distinctRows(int n, int m) {
        if (m <= 8) {
            int[] out = new int[m];
            for (int i = 0; i < m; i++) {
                int candidate;
                boolean duplicate;
                do {
                    candidate = random.nextInt(n);
                    duplicate = false;
                    for (int p = 0; p < i; p++) {
                        duplicate |= out[p] == candidate;
                    }
                } while (duplicate);
                out[i] = candidate;
            }
            return out;
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, m);
    }

    /** The current centres, {@code k × d}; a copy. */
    public float[] centres() {
        return centres.clone();
    }

    /** The accumulated weight (rows seen) of each centre; a copy. */
    public double[] weights() {
        return weights.clone();
    }

    /** Partial-fit steps taken. */
    public long steps() {
        return steps;
    }

    /** Centres moved by the starving-centre reassignment so far. */
    public long reassigned() {
        return reassigned;
    }
}
