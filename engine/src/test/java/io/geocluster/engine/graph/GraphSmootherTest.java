package io.geocluster.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.compute.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class GraphSmootherTest {
    private static CpuBackend backend;

    @BeforeAll
    static void open() {
        backend = new CpuBackend(2);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    /** A directed graph in CSR form with edge lengths. */
    private record Graph(int n, int[] offsets, int[] targets, float[] lengths) {
    }

    /** Random out-degrees 0..5 (so some nodes are isolated), distinct targets other than the node itself. */
    private static Graph randomGraph(Random r, int n) {
        int[] offsets = new int[n + 1];
        List<Integer> targets = new ArrayList<>();
        List<Float> lengths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int degree = n == 1 ? 0 : Math.min(r.nextInt(6), n - 1);
            boolean[] used = new boolean[n];
            used[i] = true;
            for (int k = 0; k < degree; k++) {
                int t;
                do {
                    t = r.nextInt(n);
                } while (used[t]);
                used[t] = true;
                targets.add(t);
                lengths.add((float) (0.5 + r.nextDouble() * 30));
            }
            offsets[i + 1] = targets.size();
        }
        int[] t = targets.stream().mapToInt(Integer::intValue).toArray();
        float[] len = new float[lengths.size()];
        for (int e = 0; e < len.length; e++) {
            len[e] = lengths.get(e);
        }
        return new Graph(n, offsets, t, len);
    }

    /** The dense n×n matrix A with AGG_{j∈N(i)} x_j = Σ_j A[i][j]·x_j, built independently of the code under test. */
    private static double[][] denseAggregation(Graph g, Aggregation aggregation) {
        double[][] a = new double[g.n][g.n];
        for (int i = 0; i < g.n; i++) {
            int from = g.offsets[i];
            int to = g.offsets[i + 1];
            double inverseSum = 0;
            for (int e = from; e < to; e++) {
                inverseSum += 1.0 / g.lengths[e];
            }
            for (int e = from; e < to; e++) {
                double w;
                switch (aggregation) {
                    case MEAN: w = 1.0 / (to - from); break;
                    case WEIGHTED: w = (1.0 / g.lengths[e]) / inverseSum; break;
                    default: w = 1.0;
                }
                a[i][g.targets[e]] += w;
            }
        }
        return a;
    }

    /** X^(h) = α·X^(h−1) + (1−α)·A·X^(h−1), in double, rows without neighbours copied. */
    private static double[][] bruteForce(double[][] a, double[][] x, int hops, double alpha, boolean[] isolated) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        double[][] cur = x;
        for (int h = 0; h < hops; h++) {
            double[][] next = new double[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    if (isolated[i]) {
                        next[i][j] = cur[i][j];
                        continue;
                    }
                    double product = 0;
                    for (int m = 0; m < n; m++) {
                        product += a[i][m] * cur[m][j];
                    }
                    next[i][j] = alpha * cur[i][j] + (1 - alpha) * product;
                }
            }
            cur = next;
        }
        return cur;
    }

    static Stream<Arguments> bruteForceCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int d : new int[] {1, 3, 7}) {
            for (int hops = 0; hops <= 3; hops++) {
                for (double alpha : new double[] {0, 0.3, 1}) {
                    for (Aggregation aggregation : Aggregation.values()) {
                        cases.add(Arguments.of(d, hops, alpha, aggregation));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "d={0} hops={1} alpha={2} {3}")
    @MethodSource("bruteForceCases")
    void matchesDenseBruteForce(int d, int hops, double alpha, Aggregation aggregation) {
        Random r = new Random(1000L * d + 100L * hops + (long) (alpha * 10) + aggregation.ordinal());
        for (int trial = 0; trial < 6; trial++) {
            int n = 1 + r.nextInt(60);
            Graph g = randomGraph(r, n);
            float[] x = new float[n * d];
            double[][] dense = new double[n][d];
            double[][] magnitude = new double[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = (float) (r.nextDouble() * 10 - 5);
                    dense[i][j] = x[i * d + j];
                    magnitude[i][j] = Math.abs(x[i * d + j]);
                }
            }
            float[] original = x.clone();
            boolean[] isolated = new boolean[n];
            for (int i = 0; i < n; i++) {
                isolated[i] = g.offsets[i] == g.offsets[i + 1];
            }
            double[][] a = denseAggregation(g, aggregation);
            double[][] expected = bruteForce(a, dense, hops, alpha, isolated);
            // Smoothing |x| gives the size of the terms behind each value: the scale that float
            // rounding is relative to when positive and negative terms cancel.
            double[][] scale = bruteForce(a, magnitude, hops, alpha, isolated);

            float[] out = new float[n * d];
            GraphSmoother.smooth(g.offsets, g.targets, g.lengths, n, x, d, hops, alpha, aggregation, backend, out);

            assertArrayEquals(original, x, "x must not be modified");
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    assertEquals(expected[i][j], out[i * d + j], 1e-4 * scale[i][j] + 1e-30,
                            "trial " + trial + ", n=" + n + ", node " + i + ", value " + j);
                }
            }
        }
    }

    // Hand-computed case. Path graph 0 — 1 — 2 with both directions of each edge:
    //   0→1 and 1→0 of length 1, 1→2 and 2→1 of length 2. Scalar features x = (0, 3, 9), α = 0.5.
    private static final int[] PATH_OFFSETS = {0, 1, 3, 4};
    private static final int[] PATH_TARGETS = {1, 0, 2, 1};
    private static final float[] PATH_LENGTHS = {1, 1, 2, 2};
    private static final float[] PATH_X = {0, 3, 9};

    private static float[] smoothPath(Aggregation aggregation, int hops) {
        float[] out = new float[3];
        GraphSmoother.smooth(PATH_OFFSETS, PATH_TARGETS, PATH_LENGTHS, 3, PATH_X, 1, hops, 0.5, aggregation, backend, out);
        return out;
    }

    @Test
    void handComputedMean() {
        // Hop 1: node 0: AGG = x1 = 3             → 0.5·0 + 0.5·3   = 1.5
        //        node 1: AGG = (x0 + x2)/2 = 4.5  → 0.5·3 + 0.5·4.5 = 3.75
        //        node 2: AGG = x1 = 3             → 0.5·9 + 0.5·3   = 6
        assertArrayEquals(new float[] {1.5f, 3.75f, 6f}, smoothPath(Aggregation.MEAN, 1), 1e-6f);
        // Hop 2: node 0: 0.5·1.5 + 0.5·3.75               = 2.625
        //        node 1: 0.5·3.75 + 0.5·(1.5 + 6)/2 = 0.5·3.75 + 0.5·3.75 = 3.75
        //        node 2: 0.5·6 + 0.5·3.75                 = 4.875
        assertArrayEquals(new float[] {2.625f, 3.75f, 4.875f}, smoothPath(Aggregation.MEAN, 2), 1e-6f);
    }

    @Test
    void handComputedWeighted() {
        // Weights 1/length normalised per node: node 1 has 1/1 towards 0 and 1/2 towards 2,
        // so 2/3 and 1/3; nodes 0 and 2 have one neighbour each, weight 1.
        // Hop 1: node 0: AGG = 3                     → 0.5·0 + 0.5·3 = 1.5
        //        node 1: AGG = 2/3·0 + 1/3·9 = 3     → 0.5·3 + 0.5·3 = 3
        //        node 2: AGG = 3                     → 0.5·9 + 0.5·3 = 6
        assertArrayEquals(new float[] {1.5f, 3f, 6f}, smoothPath(Aggregation.WEIGHTED, 1), 1e-6f);
        // Hop 2: node 0: 0.5·1.5 + 0.5·3                    = 2.25
        //        node 1: AGG = 2/3·1.5 + 1/3·6 = 1 + 2 = 3  → 0.5·3 + 0.5·3 = 3
        //        node 2: 0.5·6 + 0.5·3                      = 4.5
        assertArrayEquals(new float[] {2.25f, 3f, 4.5f}, smoothPath(Aggregation.WEIGHTED, 2), 1e-6f);
    }

    @Test
    void handComputedSum() {
        // Hop 1: node 0: AGG = 3          → 0.5·0 + 0.5·3 = 1.5
        //        node 1: AGG = 0 + 9 = 9  → 0.5·3 + 0.5·9 = 6
        //        node 2: AGG = 3          → 0.5·9 + 0.5·3 = 6
        assertArrayEquals(new float[] {1.5f, 6f, 6f}, smoothPath(Aggregation.SUM, 1), 1e-6f);
        // Hop 2: node 0: 0.5·1.5 + 0.5·6                      = 3.75
        //        node 1: AGG = 1.5 + 6 = 7.5  → 0.5·6 + 0.5·7.5 = 6.75
        //        node 2: 0.5·6 + 0.5·6                        = 6
        assertArrayEquals(new float[] {3.75f, 6.75f, 6f}, smoothPath(Aggregation.SUM, 2), 1e-6f);
    }

    @Test
    void hopsZeroCopies() {
        assertArrayEquals(PATH_X, smoothPath(Aggregation.MEAN, 0));
    }

    @ParameterizedTest
    @EnumSource(Aggregation.class)
    void isolatedNodeKeepsItsFeatures(Aggregation aggregation) {
        // Nodes 0 and 1 point at each other, node 2 has no neighbour (node 1 pointing at it does
        // not give it one: the graph is directed).
        int[] offsets = {0, 1, 3, 3};
        int[] targets = {1, 0, 2};
        float[] lengths = {4, 4, 7};
        float[] x = {1, 2, 3, 10, 20, 30, -7.25f, 0.125f, 1e6f};
        for (double alpha : new double[] {0, 0.5, 1}) {
            float[] out = new float[9];
            GraphSmoother.smooth(offsets, targets, lengths, 3, x, 3, 3, alpha, aggregation, backend, out);
            assertArrayEquals(new float[] {-7.25f, 0.125f, 1e6f}, java.util.Arrays.copyOfRange(out, 6, 9),
                    "alpha " + alpha);
        }
    }

    @ParameterizedTest
    @EnumSource(Aggregation.class)
    void shardedStepsEqualInMemorySmoothing(Aggregation aggregation) {
        // What an out-of-core caller does: every hop, smooth one row range at a time, reading the
        // rows' own values from a separate buffer. The arithmetic is the same, so results are equal.
        Random r = new Random(3);
        int n = 57;
        int d = 4;
        int hops = 3;
        double alpha = 0.4;
        Graph g = randomGraph(r, n);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        float[] expected = new float[n * d];
        GraphSmoother.smooth(g.offsets, g.targets, g.lengths, n, x, d, hops, alpha, aggregation, backend, expected);

        float[] w = GraphSmoother.weights(g.offsets, g.lengths, n, aggregation);
        int[] bounds = {0, 13, 14, 40, 57};
        float[] previous = x.clone();
        for (int h = 0; h < hops; h++) {
            float[] next = new float[n * d];
            for (int s = 0; s + 1 < bounds.length; s++) {
                int from = bounds[s];
                int to = bounds[s + 1];
                // own: this range's rows only, preceded by two padding rows to exercise ownRow.
                float[] own = new float[(to - from + 2) * d];
                System.arraycopy(previous, from * d, own, 2 * d, (to - from) * d);
                float[] shardOut = new float[(to - from) * d];
                GraphSmoother.step(g.offsets, g.targets, w, from, to, previous, own, 2, d, alpha, backend, shardOut);
                System.arraycopy(shardOut, 0, next, from * d, shardOut.length);
            }
            previous = next;
        }
        assertArrayEquals(expected, previous);
    }

    @Test
    void weightsPerAggregation() {
        assertArrayEquals(new float[] {1f, 0.5f, 0.5f, 1f}, GraphSmoother.weights(PATH_OFFSETS, null, 3, Aggregation.MEAN));
        assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, GraphSmoother.weights(PATH_OFFSETS, null, 3, Aggregation.SUM));
        assertArrayEquals(new float[] {1f, 2f / 3, 1f / 3, 1f},
                GraphSmoother.weights(PATH_OFFSETS, PATH_LENGTHS, 3, Aggregation.WEIGHTED), 1e-7f);
    }

    @Test
    void badParametersAreNamed() {
        float[] out = new float[3];
        assertMessage("hops must be ≥ 0, got -1", () -> GraphSmoother.smooth(PATH_OFFSETS, PATH_TARGETS, PATH_LENGTHS,
                3, PATH_X, 1, -1, 0.5, Aggregation.MEAN, backend, out));
        assertMessage("alpha must be in [0, 1], got 1.5", () -> GraphSmoother.smooth(PATH_OFFSETS, PATH_TARGETS,
                PATH_LENGTHS, 3, PATH_X, 1, 1, 1.5, Aggregation.MEAN, backend, out));
        assertMessage("alpha must be in [0, 1], got -0.1", () -> GraphSmoother.smooth(PATH_OFFSETS, PATH_TARGETS,
                PATH_LENGTHS, 3, PATH_X, 1, 1, -0.1, Aggregation.MEAN, backend, out));
        assertMessage("alpha must be in [0, 1], got NaN", () -> GraphSmoother.smooth(PATH_OFFSETS, PATH_TARGETS,
                PATH_LENGTHS, 3, PATH_X, 1, 1, Double.NaN, Aggregation.MEAN, backend, out));
        assertMessage("alpha must be in [0, 1], got 2.0", () -> GraphSmoother.step(PATH_OFFSETS, PATH_TARGETS,
                new float[4], 0, 3, PATH_X, PATH_X, 0, 1, 2.0, backend, out));
        assertMessage("out must not be x", () -> GraphSmoother.smooth(PATH_OFFSETS, PATH_TARGETS, PATH_LENGTHS,
                3, PATH_X, 1, 1, 0.5, Aggregation.MEAN, backend, PATH_X));
        assertMessage("x holds 3 values", () -> GraphSmoother.smooth(PATH_OFFSETS, PATH_TARGETS, PATH_LENGTHS,
                3, PATH_X, 2, 1, 0.5, Aggregation.MEAN, backend, new float[6]));
    }

    @Test
    void malformedGraphsAreRejectedWithTheirPosition() {
        float[] out = new float[3];
        assertMessage("targets[2] = 3 (an edge of node 1) is outside [0, 3)", () -> GraphSmoother.smooth(PATH_OFFSETS,
                new int[] {1, 0, 3, 1}, PATH_LENGTHS, 3, PATH_X, 1, 1, 0.5, Aggregation.MEAN, backend, out));
        assertMessage("offsets[2] = 0 is less than offsets[1] = 1", () -> GraphSmoother.smooth(new int[] {0, 1, 0, 4},
                PATH_TARGETS, PATH_LENGTHS, 3, PATH_X, 1, 1, 0.5, Aggregation.MEAN, backend, out));
        assertMessage("offsets holds 3 values", () -> GraphSmoother.smooth(new int[] {0, 1, 3},
                PATH_TARGETS, PATH_LENGTHS, 3, PATH_X, 1, 1, 0.5, Aggregation.MEAN, backend, out));
    }

    @Test
    void zeroLengthEdgeIsRejectedUnderWeighted() {
        float[] lengths = {1, 0, 2, 2};
        String message = assertMessage("lengths[1] = 0.0 on an edge of node 1", () -> GraphSmoother.smooth(PATH_OFFSETS,
                PATH_TARGETS, lengths, 3, PATH_X, 1, 1, 0.5, Aggregation.WEIGHTED, backend, new float[3]));
        assertTrue(message.contains("duplicate points"), message);
        assertMessage("lengths[3] = NaN", () -> GraphSmoother.weights(PATH_OFFSETS, new float[] {1, 1, 2, Float.NaN},
                3, Aggregation.WEIGHTED));
        assertMessage("needs edge lengths", () -> GraphSmoother.weights(PATH_OFFSETS, null, 3, Aggregation.WEIGHTED));
        // Lengths do not enter the plain mean, so a zero there is no obstacle to it.
        float[] out = new float[3];
        GraphSmoother.smooth(PATH_OFFSETS, PATH_TARGETS, lengths, 3, PATH_X, 1, 1, 0.5, Aggregation.MEAN, backend, out);
        assertArrayEquals(new float[] {1.5f, 3.75f, 6f}, out, 1e-6f);
    }

    @Test
    void stepRejectsAliasedOutput() {
        float[] w = GraphSmoother.weights(PATH_OFFSETS, null, 3, Aggregation.MEAN);
        float[] previous = PATH_X.clone();
        assertMessage("out must be neither previous nor own", () -> GraphSmoother.step(PATH_OFFSETS, PATH_TARGETS, w,
                0, 3, previous, previous, 0, 1, 0.5, backend, previous));
        assertMessage("own holds 3 rows", () -> GraphSmoother.step(PATH_OFFSETS, PATH_TARGETS, w,
                1, 3, previous, previous, 2, 1, 0.5, backend, new float[2]));
    }

    @Test
    void aggregationParsesIgnoringCase() {
        assertEquals(Aggregation.MEAN, Aggregation.parse("mean"));
        assertEquals(Aggregation.WEIGHTED, Aggregation.parse(" Weighted "));
        assertEquals(Aggregation.SUM, Aggregation.parse("SUM"));
        assertEquals("weighted", Aggregation.WEIGHTED.id());
        assertMessage("aggregation must be mean, weighted or sum, got 'median'", () -> Aggregation.parse("median"));
        assertMessage("aggregation must be mean, weighted or sum, got null", () -> Aggregation.parse(null));
    }

    private static String assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        return e.getMessage();
    }
}
