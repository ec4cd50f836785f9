package io.geocluster.engine.graph;

import io.geocluster.engine.compute.ComputeBackend;
import java.util.Objects;

/**
 * H-hop smoothing of point features over a directed neighbour graph, the preprocessing step of
 * {@code cluster:SmoothedKMeans}.
 *
 * <p><b>Algorithm:</b> for h = 1..H,
 * x<sub>i</sub><sup>(h)</sup> = α·x<sub>i</sub><sup>(h−1)</sup> + (1−α)·AGG<sub>j∈N(i)</sub>
 * x<sub>j</sub><sup>(h−1)</sup>, where N(i) are the out-neighbours of i and AGG is an
 * {@link Aggregation}. Every aggregation is a weighted sum Σ w<sub>e</sub>·x<sub>j</sub> with
 * per-edge weights fixed for the whole run ({@link #weights}), so one hop is one sparse × dense
 * product ({@link ComputeBackend#aggregate}) followed by the α mix ({@link #step}). A point with no
 * neighbour keeps its own features at every hop, whatever α and the aggregation.
 *
 * <p>The graph is in compressed sparse row (CSR) form: the edges of node {@code i} are
 * {@code offsets[i]..offsets[i+1]−1}; edge {@code e} goes to node {@code targets[e]} and is
 * {@code lengths[e]} metres long. Features are row-major, {@code d} float32 values per node.
 *
 * <p><b>Accuracy:</b> weights are computed in double and stored as float; products are
 * accumulated in float in edge order (the {@link ComputeBackend#aggregate} contract) and the mix is
 * done in float. For features of one sign the relative error after H hops is of the order of
 * H·(m+1)·ε<sub>float</sub> on nodes of degree m; where terms cancel (standardised values near 0)
 * the error is that relative to Σ|w·x|, as for any float dot product.
 *
 * <p><b>Limitations:</b> {@link #smooth} holds all {@code n × d} values three times (input, output,
 * one ping-pong buffer), so {@code n·d} must fit a Java array. Larger inputs are smoothed shard by
 * shard with {@link #step}, each shard carrying a halo of H hops.
 *
 * <p><b>Thread safety:</b> stateless; parallelism, if any, comes from the backend, which takes
 * one call at a time.
 */
public final class GraphSmoother {
    private GraphSmoother() {
    }

    /**
     * Smooths {@code n} rows in memory and writes x<sup>(H)</sup> to {@code out}.
     *
     * @param offsets CSR row starts, at least {@code n + 1} non-decreasing values
     * @param targets neighbour of each edge, in {@code [0, n)}
     * @param lengths length of each edge in metres; only read by {@link Aggregation#WEIGHTED}, may
     *        be {@code null} otherwise
     * @param n number of nodes
     * @param x features, {@code n × d}, row-major; not modified
     * @param d values per node, at least 1
     * @param hops H, at least 0; 0 copies {@code x} to {@code out}
     * @param alpha weight of a node's own previous value, in [0, 1]
     * @param aggregation how neighbours are combined
     * @param backend where the sparse products run
     * @param out receives {@code n × d} smoothed values; must not be {@code x}
     * @throws IllegalArgumentException for a bad parameter, a malformed graph (naming the offending
     *         position) or a zero-length edge under {@link Aggregation#WEIGHTED}
     */
    public static void smooth(int[] offsets, int[] targets, float[] lengths, int n, float[] x, int d, int hops,
                              double alpha, Aggregation aggregation, ComputeBackend backend, float[] out) {
        checkHopsAndAlpha(hops, alpha);
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(backend, "backend");
        if (n < 0) {
            throw new IllegalArgumentException("n must be ≥ 0, got " + n);
        }
        checkD(d);
        int values = Math.multiplyExact(n, d);
        require(x.length >= values, "x holds " + x.length + " values, " + n + " rows × " + d + " need " + values);
        require(out.length >= values, "out holds " + out.length + " values, " + n + " rows × " + d + " need " + values);
        require(out != x, "out must not be x: x is left unmodified");
        checkOffsets(offsets, 0, n);
        checkTargets(offsets, targets, n);
        if (hops == 0) {
            System.arraycopy(x, 0, out, 0, values);
            return;
        }
        float[] w = weights(offsets, lengths, n, aggregation);
        // Two buffers alternate, out and one scratch array, chosen so that the last hop lands in out.
        float[] scratch = hops >= 2 ? new float[values] : null;
        float[] previous = x;
        for (int h = 1; h <= hops; h++) {
            float[] next = (hops - h) % 2 == 0 ? out : scratch;
            stepUnchecked(offsets, targets, w, 0, n, previous, previous, 0, d, alpha, backend, next);
            previous = next;
        }
    }

    /**
     * The per-edge weights that turn every {@link Aggregation} into a weighted sum: {@code 1/m}
     * for {@link Aggregation#MEAN} on a node of degree m, {@code (1/len)/Σ(1/len)} over the node's
     * edges for {@link Aggregation#WEIGHTED}, {@code 1} for {@link Aggregation#SUM}. Computed once
     * per graph and reused at every hop and by every shard.
     *
     * @param offsets CSR row starts, at least {@code n + 1} non-decreasing values
     * @param lengths edge lengths in metres, read only by {@link Aggregation#WEIGHTED}
     * @param n number of nodes
     * @param aggregation how neighbours are combined
     * @return {@code offsets[n]} weights; those before {@code offsets[0]} are unused zeros
     * @throws IllegalArgumentException for malformed offsets, or under {@link Aggregation#WEIGHTED}
     *         missing lengths or a length that is not a positive finite number — a zero length means
     *         duplicate points, which are an input error
     */
    public static float[] weights(int[] offsets, float[] lengths, int n, Aggregation aggregation) {
        Objects.requireNonNull(aggregation, "aggregation");
        if (n < 0) {
            throw new IllegalArgumentException("n must be ≥ 0, got " + n);
        }
        checkOffsets(offsets, 0, n);
        float[] w = new float[offsets[n]];
        switch (aggregation) {
            case MEAN:
                for (int i = 0; i < n; i++) {
                    int from = offsets[i];
                    int to = offsets[i + 1];
                    if (to > from) {
                        java.util.Arrays.fill(w, from, to, (float) (1.0 / (to - from)));
                    }
                }
                break;
            case SUM:
                java.util.Arrays.fill(w, offsets[0], offsets[n], 1f);
                break;
            case WEIGHTED:
                require(lengths != null, "aggregation=weighted needs edge lengths, got null");
                require(lengths.length >= offsets[n], "lengths holds " + lengths.length + " values, the graph has "
                        + offsets[n] + " edges");
                for (int i = 0; i < n; i++) {
                    int from = offsets[i];
                    int to = offsets[i + 1];
                    double sum = 0;
                    for (int e = from; e < to; e++) {
                        float len = lengths[e];
                        if (!(len > 0 && len < Float.POSITIVE_INFINITY)) {
                            throw new IllegalArgumentException("lengths[" + e + "] = " + len + " on an edge of node " + i
                                    + (len == 0 ? ": two points share coordinates; duplicate points are an input error,"
                                    + " remove or merge them before smoothing with aggregation=weighted"
                                    : ": edge lengths must be positive and finite"));
                        }
                        sum += 1.0 / len;
                    }
                    for (int e = from; e < to; e++) {
                        w[e] = (float) (1.0 / lengths[e] / sum);
                    }
                }
                break;
            default:
                throw new AssertionError(aggregation);
        }
        return w;
    }

    /**
     * One hop for the rows {@code [rowFrom, rowTo)}: {@code out = α·own + (1−α)·Σ w·previous[target]},
     * or {@code own} unchanged for a row without edges. This is the unit of out-of-core smoothing:
     * a caller holding one shard plus its halo in a local numbering calls it once per hop and
     * shard, with {@code previous} the shard's and halo's values of the last hop.
     *
     * <p>Row {@code i} of the range reads its own previous value at
     * {@code own[(ownRow + i − rowFrom)·d ..]} and writes {@code out[(i − rowFrom)·d ..]}. When the
     * rows themselves are part of {@code previous}, pass {@code own = previous} and
     * {@code ownRow = rowFrom}.
     *
     * @param offsets CSR row starts; {@code offsets[rowFrom..rowTo]} must be non-decreasing
     * @param targets neighbour of each edge, a row of {@code previous}
     * @param weights per-edge weights, from {@link #weights}
     * @param rowFrom first row smoothed
     * @param rowTo one past the last row smoothed
     * @param previous last hop's values of every row that {@code targets} names, {@code d} each
     * @param own last hop's values of the rows themselves
     * @param ownRow row of {@code own} holding row {@code rowFrom}
     * @param d values per row, at least 1
     * @param alpha weight of a row's own previous value, in [0, 1]
     * @param backend where the sparse product runs
     * @param out receives {@code (rowTo − rowFrom) × d} values from index 0; must be neither
     *        {@code previous} nor {@code own}
     * @throws IllegalArgumentException for a bad parameter, a reversed range, decreasing offsets or
     *         arrays too short for the range
     * @throws IndexOutOfBoundsException for a target outside {@code previous} (raised by the backend)
     */
    public static void step(int[] offsets, int[] targets, float[] weights, int rowFrom, int rowTo, float[] previous,
                            float[] own, int ownRow, int d, double alpha, ComputeBackend backend, float[] out) {
        checkHopsAndAlpha(0, alpha);
        Objects.requireNonNull(backend, "backend");
        checkD(d);
        require(rowFrom >= 0 && rowFrom <= rowTo, "row range [" + rowFrom + ", " + rowTo + ") is reversed or negative");
        checkOffsets(offsets, rowFrom, rowTo);
        int rows = rowTo - rowFrom;
        require(offsets[rowTo] <= targets.length && offsets[rowTo] <= weights.length, "edges up to " + offsets[rowTo]
                + " exceed targets (" + targets.length + ") or weights (" + weights.length + ")");
        require(ownRow >= 0 && ((long) ownRow + rows) * d <= own.length, "own holds " + own.length / d
                + " rows, rows " + ownRow + ".." + ((long) ownRow + rows - 1) + " are needed");
        require((long) rows * d <= out.length, "out holds " + out.length + " values, " + rows + " rows × " + d
                + " need " + (long) rows * d);
        require(out != previous && out != own, "out must be neither previous nor own: they are read while out is written");
        stepUnchecked(offsets, targets, weights, rowFrom, rowTo, previous, own, ownRow, d, alpha, backend, out);
    }

    private static void stepUnchecked(int[] offsets, int[] targets, float[] weights, int rowFrom, int rowTo,
                                      float[] previous, float[] own, int ownRow, int d, double alpha,
                                      ComputeBackend backend, float[] out) {
        backend.aggregate(offsets, targets, weights, rowFrom, rowTo, previous, d, out);
        final float a = (float) alpha;
        final float b = (float) (1 - alpha);
        for (int i = rowFrom; i < rowTo; i++) {
            final int o = (i - rowFrom) * d;
            final int p = (ownRow + i - rowFrom) * d;
            if (offsets[i + 1] == offsets[i]) {
                // An isolated point has nothing to average with: AGG would be 0, not its own value.
                System.arraycopy(own, p, out, o, d);
            } else {
                for (int j = 0; j < d; j++) {
                    out[o + j] = a * own[p + j] + b * out[o + j];
                }
            }
        }
    }

    private static void checkHopsAndAlpha(int hops, double alpha) {
        if (hops < 0) {
            throw new IllegalArgumentException("hops must be ≥ 0, got " + hops);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
    }

    private static void checkD(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("d must be ≥ 1, got " + d);
        }
    }

    /** Offsets of rows {@code from..to} exist, start at 0 or more and never decrease. */
    private static void checkOffsets(int[] offsets, int from, int to) {
        require(offsets.length > to, "offsets holds " + offsets.length + " values, " + (to + 1) + " are needed for "
                + to + " rows");
        require(offsets[from] >= 0, "offsets[" + from + "] = " + offsets[from] + " is negative");
        for (int i = from; i < to; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new IllegalArgumentException("offsets[" + (i + 1) + "] = " + offsets[i + 1] + " is less than offsets["
                        + i + "] = " + offsets[i]);
            }
        }
    }

    /** Every edge of rows {@code 0..n−1} exists in {@code targets} and names a row in {@code [0, n)}. */
    private static void checkTargets(int[] offsets, int[] targets, int n) {
        require(offsets[n] <= targets.length, "targets holds " + targets.length + " values, the graph has "
                + offsets[n] + " edges");
        for (int i = 0; i < n; i++) {
            for (int e = offsets[i], end = offsets[i + 1]; e < end; e++) {
                int t = targets[e];
                if (t < 0 || t >= n) {
                    throw new IllegalArgumentException("targets[" + e + "] = " + t + " (an edge of node " + i
                            + ") is outside [0, " + n + ")");
                }
            }
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
