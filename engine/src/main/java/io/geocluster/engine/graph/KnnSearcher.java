package io.geocluster.engine.graph;

import java.util.Arrays;

/**
 * The worker that finds the k nearest neighbours of one range of points for
 * {@link KnnGraphBuilder}, in a grid or a tree.
 *
 * <p>Searches the neighbours of the points in one range of grid cells or tree positions. Holds
 * the candidate arrays, reused for every point, and writes node {@code i}'s neighbours to
 * {@code i·k ..} of the shared output arrays and its degree to {@code offsets[i + 1]}; ranges
 * never share a node.
 */
final class KnnSearcher implements Runnable {
    /**
     * Relative and absolute (in cells) margin taken off the stopping bound, so that rounding in
     * the cell assignment and in distances can never stop a search before an equally near point.
     */
    private static final double SLACK = 1e-9;
    /** Marks an unused slot of the candidate array; it sorts after every real point. */
    private static final int NONE = Integer.MAX_VALUE;
    /** Exactly one of grid and tree is set. */
    private final KnnGrid g;
    private final KnnKdTree tree;
    private final int dim;
    private final int queries;
    private final int k;
    private final double limit;
    private final double maxLength;
    /** Cells of the grid, or positions of the tree, this searcher handles. */
    private final int from;
    private final int to;
    private final int[] offsets;
    private final int[] targets;
    private final float[] lengths;
    private final int[] start;
    private final int[] index;
    private final double[] sorted;
    /** The k best squared distances so far, ascending, and their original indexes. */
    private final double[] bestD2;
    private final int[] bestIndex;
    /** Tree search stack: node, its range of positions and a lower bound on its squared distance. */
    private final int[] stackNode;
    private final int[] stackLo;
    private final int[] stackHi;
    private final double[] stackBound;
    private final double[] query = new double[3];
    /** What stopped this searcher, read by the calling thread after joining. */
    Throwable failure;

    KnnSearcher(KnnGrid g, KnnKdTree tree, int queries, int k, double limit, double maxLength, int from, int to,
                int[] offsets, int[] targets, float[] lengths) {
        this.g = g;
        this.tree = tree;
        this.dim = g != null ? g.dim : tree.dim;
        this.queries = queries;
        this.k = k;
        this.limit = limit;
        this.maxLength = maxLength;
        this.from = from;
        this.to = to;
        this.offsets = offsets;
        this.targets = targets;
        this.lengths = lengths;
        this.start = g != null ? g.start : null;
        this.index = g != null ? g.index : tree.index;
        this.sorted = g != null ? g.sorted : tree.sorted;
        this.bestD2 = new double[k];
        this.bestIndex = new int[k];
        int stack = tree != null ? tree.depth + 2 : 0;
        this.stackNode = new int[stack];
        this.stackLo = new int[stack];
        this.stackHi = new int[stack];
        this.stackBound = new double[stack];
    }

    @Override
    public void run() {
        try {
            if (g != null) {
                for (int cell = from; cell < to; cell++) {
                    int cx = cell % g.gx;
                    int cy = (cell / g.gx) % g.gy;
                    int cz = cell / (g.gx * g.gy);
                    for (int p = start[cell], end = start[cell + 1]; p < end; p++) {
                        if (index[p] >= queries) {
                            continue; // a halo point: candidate only
                        }
                        search(p, cx, cy, cz);
                        emit(p);
                    }
                }
            } else {
                for (int p = from; p < to; p++) {
                    if (index[p] >= queries) {
                        continue;
                    }
                    searchTree(p);
                    emit(p);
                }
            }
        } catch (RuntimeException | Error e) {
            // Reported by the calling thread, in chunk order, so that the first chunk's
            // duplicate wins whichever thread finds one first.
            failure = e;
        }
    }

    /** Fills the candidate arrays with the k nearest points to sorted position {@code p}. */
    private void search(int p, int cx, int cy, int cz) {
        final KnnGrid g = this.g;
        final int gx = g.gx;
        final int gy = g.gy;
        final int gz = g.gz;
        final int dim = g.dim;
        Arrays.fill(bestD2, limit);
        Arrays.fill(bestIndex, NONE);
        double px = sorted[dim * p];
        double py = sorted[dim * p + 1];
        double pz = dim == 3 ? sorted[dim * p + 2] : 0;
        // Position in cell units, computed exactly as the cell assignment did.
        double tx = (px - g.minX) * g.inverse;
        double ty = (py - g.minY) * g.inverse;
        double tz = dim == 3 ? (pz - g.minZ) * g.inverse : 0;
        final double inv2 = g.inverse * g.inverse;
        for (int r = 0; ; r++) {
            int x0 = Math.max(cx - r, 0);
            int x1 = Math.min(cx + r, gx - 1);
            int y0 = Math.max(cy - r, 0);
            int y1 = Math.min(cy + r, gy - 1);
            int z0 = Math.max(cz - r, 0);
            int z1 = Math.min(cz + r, gz - 1);
            for (int z = z0; z <= z1; z++) {
                double gapZ = gap(z, cz, tz);
                boolean zFace = z == cz - r || z == cz + r;
                for (int y = y0; y <= y1; y++) {
                    // Prune with the current k-th distance: only cells that the ball around the
                    // point still reaches are scanned. Once the candidates are full this skips
                    // most corner cells of a ring. Gaps are in cells and err on the small side.
                    double gapY = gap(y, cy, ty);
                    double rest = bestD2[k - 1] * inv2 - gapZ * gapZ - gapY * gapY;
                    if (rest < 0) {
                        continue;
                    }
                    double w = Math.sqrt(rest) * (1 + SLACK) + SLACK;
                    int xs = Math.max(x0, (int) Math.floor(tx - w));
                    int xe = Math.min(x1, (int) Math.floor(tx + w));
                    int row = (z * gy + y) * gx;
                    if (zFace || y == cy - r || y == cy + r) {
                        // A row of the shell: its cells are one contiguous run of points.
                        if (xs <= xe) {
                            scan(p, start[row + xs], start[row + xe + 1], px, py, pz);
                        }
                    } else {
                        if (cx - r >= xs) {
                            scan(p, start[row + cx - r], start[row + cx - r + 1], px, py, pz);
                        }
                        if (cx + r <= xe) {
                            scan(p, start[row + cx + r], start[row + cx + r + 1], px, py, pz);
                        }
                    }
                }
            }
            // Distance, in cells, from the point to the nearest side of the searched block
            // that has cells beyond it.
            double b = Double.POSITIVE_INFINITY;
            if (cx - r > 0) {
                b = Math.min(b, tx - (cx - r));
            }
            if (cx + r < gx - 1) {
                b = Math.min(b, (cx + r + 1) - tx);
            }
            if (cy - r > 0) {
                b = Math.min(b, ty - (cy - r));
            }
            if (cy + r < gy - 1) {
                b = Math.min(b, (cy + r + 1) - ty);
            }
            if (cz - r > 0) {
                b = Math.min(b, tz - (cz - r));
            }
            if (cz + r < gz - 1) {
                b = Math.min(b, (cz + r + 1) - tz);
            }
            if (b == Double.POSITIVE_INFINITY) {
                return; // the whole grid has been searched
            }

            double reach = (b * (1 - SLACK) - SLACK) * g.size;
            // Strictly less: a point exactly at the bound could still win a tie on index.
            if (reach > 0 && bestD2[k - 1] < reach * reach) {
                return;
            }
        }
    }

    /**
     * Distance in cells, never overestimated, from position {@code t} in cell {@code ct} to
     * cell {@code c} along one axis.
     */
    private static double gap(int c, int ct, double t) {
        double d;
        if (c < ct) {
            d = t - (c + 1);
        } else if (c > ct) {
            d = c - t;
        } else {
            return 0;
        }
        return Math.max(0, d * (1 - SLACK) - SLACK);
    }

    /**
     * Fills the candidate arrays with the k nearest points to tree position {@code p}: depth
     * first, nearer child first, the farther child kept on the stack with the squared distance
     * to the splitting plane as its bound and skipped once the k-th distance is smaller. The
     * split value is a coordinate of a point and rounding is monotone, so the computed
     * distance of any point beyond the plane is at least the computed bound: no margin is
     * needed, and equal distances are still visited for the index rule.
     */
    private void searchTree(int p) {
        final KnnKdTree t = tree;
        final byte[] axis = t.axis;
        final double[] split = t.split;
        Arrays.fill(bestD2, limit);
        Arrays.fill(bestIndex, NONE);
        final double[] q = query;
        for (int a = 0; a < dim; a++) {
            q[a] = sorted[dim * p + a];
        }
        double px = q[0];
        double py = q[1];
        double pz = dim == 3 ? q[2] : 0;
        stackNode[0] = 1;
        stackLo[0] = 0;
        stackHi[0] = t.n;
        stackBound[0] = 0;
        int top = 1;
        while (top > 0) {
            top--;
            if (stackBound[top] > bestD2[k - 1]) {
                continue;
            }
            int node = stackNode[top];
            int lo = stackLo[top];
            int hi = stackHi[top];
            double bound = stackBound[top];
            for (int a = axis[node]; a >= 0; a = axis[node]) {
                int mid = (lo + hi) >>> 1;
                double diff = q[a] - split[node];
                double far = Math.max(bound, diff * diff);
                boolean push = far <= bestD2[k - 1];
                if (diff < 0) {
                    if (push) {
                        stackNode[top] = 2 * node + 1;
                        stackLo[top] = mid;
                        stackHi[top] = hi;
                        stackBound[top++] = far;
                    }
                    node = 2 * node;
                    hi = mid;
                } else {
                    if (push) {
                        stackNode[top] = 2 * node;
                        stackLo[top] = lo;
                        stackHi[top] = mid;
                        stackBound[top++] = far;
                    }
                    node = 2 * node + 1;
                    lo = mid;
                }
            }
            scan(p, lo, hi, px, py, pz);
        }
    }

    private void scan(int p, int from, int to, double px, double py, double pz) {
        final double[] s = sorted;
        if (dim == 2) {
            for (int q = from; q < to; q++) {
                double dx = s[2 * q] - px;
                double dy = s[2 * q + 1] - py;
                double d2 = dx * dx + dy * dy;
                if (d2 <= bestD2[k - 1]) {
                    offer(p, q, d2);
                }
            }
        } else {
            for (int q = from; q < to; q++) {
                double dx = s[3 * q] - px;
                double dy = s[3 * q + 1] - py;
                double dz = s[3 * q + 2] - pz;
                double d2 = dx * dx + dy * dy + dz * dz;
                if (d2 <= bestD2[k - 1]) {
                    offer(p, q, d2);
                }
            }
        }
    }

    /** Inserts candidate {@code q} if it beats the current k-th on (distance, index). */
    private void offer(int p, int q, double d2) {

        if (d2 == 0) {
            if (q == p) {
                return;
            }
            throw new KnnGraphBuilder.Duplicate(index[p], index[q]);
        }
        int j = index[q];
        int last = k - 1;
        if (d2 == bestD2[last] && j > bestIndex[last]) {
            return;
        }
        int pos = last;
        while (pos > 0 && (bestD2[pos - 1] > d2 || (bestD2[pos - 1] == d2 && bestIndex[pos - 1] > j))) {
            bestD2[pos] = bestD2[pos - 1];
            bestIndex[pos] = bestIndex[pos - 1];
            pos--;
        }
        bestD2[pos] = d2;
        bestIndex[pos] = j;
    }

    /** Writes the candidates of sorted position {@code p} that are within the cut-off. */
    private void emit(int p) {
        int i = index[p];
        int base = i * k;
        int degree = 0;
        boolean sphere = dim == 3;
        for (int e = 0; e < k && bestIndex[e] != NONE; e++) {
            double d2 = bestD2[e];
            double length = sphere ? KnnGraphBuilder.arcLength(d2) : Math.sqrt(d2);
            if (length > maxLength) {
                break; // ascending, so every later candidate is too long as well
            }
            targets[base + degree] = bestIndex[e];
            // Distinct points are never at distance 0, but one below the smallest float would
            // round to it; the graph requires positive lengths.
            lengths[base + degree] = Math.max((float) length, Float.MIN_VALUE);
            degree++;
        }
        offsets[i + 1] = degree;
    }
}
