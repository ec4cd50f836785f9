package io.geocluster.engine.graph;

import java.util.Arrays;

/**
 * The balanced k-d tree that {@link KnnGraphBuilder} searches when the points are too
 * unevenly spread for the grid.
 *
 * <p>The fallback index for point sets too uneven for one cell size, such as a city plus a point
 * at (0, 0): a balanced k-d tree over a permutation of the points. Each node splits its range
 * of positions at the middle by the coordinate of widest spread, using quickselect with a
 * pseudo-random pivot, so building takes {@code O(N log N)} expected time whatever the
 * distribution, and nodes are implicit (node {@code i} has children {@code 2i} and
 * {@code 2i+1}; its range follows from the root's by halving). Read-only once built.
 */
final class KnnKdTree {
    /** Most points in a leaf. */
    static final int LEAF = 8;
    final int dim;
    final int n;
    /** Original index of each position in tree order. */
    final int[] index;
    /** Coordinates in tree order, {@code dim} per point. */
    final double[] sorted;
    /** Split axis per node, or -1 for a leaf. */
    final byte[] axis;
    /**
     * Split value per node: the coordinate of the node's middle point. Positions before the
     * middle are at most this, positions from it on at least this.
     */
    final double[] split;
    /** Deepest level; a search stack never holds more than one node per level. */
    final int depth;
    private long random = 0x9E3779B97F4A7C15L;

    KnnKdTree(double[] c, int dim, int n) {
        this.dim = dim;
        this.n = n;
        int levels = 0;
        for (int m = n; m > LEAF; m = (m + 1) / 2) {
            levels++;
        }
        this.depth = levels;
        this.axis = new byte[2 << levels];
        this.split = new double[2 << levels];
        Arrays.fill(axis, (byte) -1);
        this.index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        this.sorted = Arrays.copyOf(c, dim * n);

        // Depth first with an explicit stack of (node, lo, hi): at most one pending sibling
        // per level.
        int[] stackNode = new int[levels + 2];
        int[] stackLo = new int[stackNode.length];
        int[] stackHi = new int[stackNode.length];
        stackNode[0] = 1;
        stackLo[0] = 0;
        stackHi[0] = n;
        int top = 1;
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        while (top > 0) {
            top--;
            int node = stackNode[top];
            int from = stackLo[top];
            int to = stackHi[top];
            if (to - from <= LEAF) {
                continue;
            }
            Arrays.fill(lo, Double.POSITIVE_INFINITY);
            Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            for (int p = from; p < to; p++) {
                for (int a = 0; a < dim; a++) {
                    double v = sorted[dim * p + a];
                    lo[a] = Math.min(lo[a], v);
                    hi[a] = Math.max(hi[a], v);
                }
            }
            int best = 0;
            for (int a = 1; a < dim; a++) {
                if (hi[a] - lo[a] > hi[best] - lo[best]) {
                    best = a;
                }
            }
            if (!(hi[best] > lo[best])) {
                continue; // all at one location: a leaf, where the search reports the duplicates
            }
            int mid = (from + to) >>> 1;
            select(from, to - 1, mid, best);
            axis[node] = (byte) best;
            split[node] = sorted[dim * mid + best];
            stackNode[top] = 2 * node;
            stackLo[top] = from;
            stackHi[top] = mid;
            top++;
            stackNode[top] = 2 * node + 1;
            stackLo[top] = mid;
            stackHi[top] = to;
            top++;
        }
    }

    /**
     * Quickselect (Hoare partition): afterwards position {@code kth} holds the value it would
     * hold if {@code l..r} were sorted along {@code a}, with no larger value before it and no
     * smaller one after. The pivot is pseudo-random, so no input makes it quadratic in
     * expectation, and runs of equal values split evenly.
     */
    private void select(int l, int r, int kth, int a) {
        while (r > l) {
            random ^= random << 13;
            random ^= random >>> 7;
            random ^= random << 17;
            int pick = l + (int) Long.remainderUnsigned(random, r - l + 1);
            double pivot = sorted[dim * pick + a];
            int i = l;
            int j = r;
            while (i <= j) {
                while (sorted[dim * i + a] < pivot) {
                    i++;
                }
                while (sorted[dim * j + a] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(i, j);
                    i++;
                    j--;
                }
            }
            // l..j are at most the pivot, i..r at least, and anything between equals it.
            if (kth <= j) {
                r = j;
            } else if (kth >= i) {
                l = i;
            } else {
                return;
            }
        }
    }

    private void swap(int i, int j) {
        int t = index[i];
        index[i] = index[j];
        index[j] = t;
        for (int a = 0; a < dim; a++) {
            double v = sorted[dim * i + a];
            sorted[dim * i + a] = sorted[dim * j + a];
            sorted[dim * j + a] = v;
        }
    }
}
