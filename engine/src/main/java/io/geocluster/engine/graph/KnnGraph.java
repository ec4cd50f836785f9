package io.geocluster.engine.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * A directed neighbour graph over {@code n} nodes in compressed sparse row (CSR) form: the edges
 * leaving node {@code i} are {@code offsets()[i] .. offsets()[i+1]-1}, each with a target node and
 * a length in metres.
 *
 * <p>{@link KnnGraphBuilder} lists each node's neighbours nearest first; this class itself only
 * requires a valid CSR layout (see the constructor).
 *
 * <p>The graph is immutable by contract, not by copying: the arrays are exposed without copying
 * because the smoothing loops read them directly (as {@link io.geocluster.engine.FeatureBatch}
 * does), and callers must not modify them. The constructor takes ownership of its arrays.
 */
public final class KnnGraph {
    private final int nodes;
    private final int[] offsets;
    private final int[] targets;
    private final float[] lengths;

    /**
     * Wraps CSR arrays, checking that they describe a graph: {@code offsets} holds {@code nodes + 1}
     * non-decreasing values from 0 to the edge count, {@code targets} and {@code lengths} hold
     * exactly one value per edge, every target is another node (no self-loops) and every length
     * is finite and positive, since inverse-distance weights divide by it.
     *
     * @param nodes number of nodes, at least 0
     * @param offsets edge offsets per node, {@code nodes + 1} long
     * @param targets target node of each edge
     * @param lengths length of each edge in metres
     * @throws IllegalArgumentException naming the first offending node or edge
     */
    public KnnGraph(int nodes, int[] offsets, int[] targets, float[] lengths) {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(lengths, "lengths");
        if (nodes < 0) {
            throw new IllegalArgumentException("nodes must be non-negative: " + nodes);
        }
        if (offsets.length != nodes + 1 || offsets[0] != 0) {
            throw new IllegalArgumentException("offsets must hold " + (nodes + 1) + " values starting at 0");
        }
        int edges = offsets[nodes];
        if (targets.length != edges || lengths.length != edges) {
            throw new IllegalArgumentException("targets and lengths must hold offsets[nodes] = " + edges
                    + " values, not " + targets.length + " and " + lengths.length);
        }
        for (int i = 0; i < nodes; i++) {
            int from = offsets[i];
            int to = offsets[i + 1];
            if (to < from) {
                throw new IllegalArgumentException("offsets decrease at node " + i + ": " + from + " > " + to);
            }
            for (int e = from; e < to; e++) {
                int t = targets[e];
                if (t < 0 || t >= nodes || t == i) {
                    throw new IllegalArgumentException("edge " + e + " of node " + i + " has target " + t
                            + (t == i ? " (a self-loop)" : " outside [0, " + nodes + ")"));
                }
                float len = lengths[e];
                // Written so that NaN fails too.
                if (!(len > 0f) || len == Float.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("edge " + e + " of node " + i + " has length " + len
                            + "; lengths must be finite and positive");
                }
            }
        }
        this.nodes = nodes;
        this.offsets = offsets;
        this.targets = targets;
        this.lengths = lengths;
    }

    /** Number of nodes. */
    public int nodes() {
        return nodes;
    }

    /** Number of directed edges. */
    public int edges() {
        return offsets[nodes];
    }

    /** Edge offsets, {@code nodes() + 1} values: node {@code i}'s edges are {@code offsets[i] .. offsets[i+1]-1}. Not copied. */
    public int[] offsets() {
        return offsets;
    }

    /** Target node of each edge. Not copied. */
    public int[] targets() {
        return targets;
    }

    /** Length of each edge in metres. Not copied. */
    public float[] lengths() {
        return lengths;
    }

    /** Number of edges leaving {@code node}. */
    public int degree(int node) {
        Objects.checkIndex(node, nodes);
        return offsets[node + 1] - offsets[node];
    }

    /**
     * Degree and edge-length statistics. The percentiles are exact: they sort a copy of the
     * lengths, which costs {@code O(E log E)} time and {@code 4E} bytes, so call this once per graph.
     */
    public GraphStatistics statistics() {
        long isolated = 0;
        for (int i = 0; i < nodes; i++) {
            if (offsets[i + 1] == offsets[i]) {
                isolated++;
            }
        }
        int edges = edges();
        float[] sorted = Arrays.copyOf(lengths, edges);
        Arrays.sort(sorted);
        double meanDegree = nodes == 0 ? Double.NaN : (double) edges / nodes;
        return new GraphStatistics(nodes, edges, meanDegree, percentile(sorted, 0.5), percentile(sorted, 0.9), isolated);
    }

    /** Linear interpolation between the order statistics around rank {@code p·(m−1)}; see {@link GraphStatistics}. */
    static double percentile(float[] sorted, double p) {
        int m = sorted.length;
        if (m == 0) {
            return Double.NaN;
        }
        double rank = p * (m - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, m - 1);
        double frac = rank - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        // a + frac·(b − a) rather than a mix of both, so that equal neighbours give back exactly a.
        return a + frac * (b - a);
    }

    @Override
    public String toString() {
        return "KnnGraph[nodes=" + nodes + ", edges=" + edges() + "]";
    }
}
