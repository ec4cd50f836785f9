package io.geocluster.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KnnGraphTest {
    /** 0 → 1 (1 m), 2 (2 m); 1 → 0 (1 m); 2 → 3 (4 m); 3 has no edges. */
    private static KnnGraph fourNodes() {
        return new KnnGraph(4, new int[] {0, 2, 3, 4, 4}, new int[] {1, 2, 0, 3}, new float[] {1f, 2f, 1f, 4f});
    }

    @Test
    void statisticsOfHandMadeGraph() {
        GraphStatistics s = fourNodes().statistics();
        assertEquals(4, s.nodes());
        assertEquals(4, s.edges());
        assertEquals(1.0, s.meanDegree(), 0.0);
        // Sorted lengths 1, 1, 2, 4: the median is the mean of the middle two, the 90th
        // percentile lies at rank 0.9·3 = 2.7, between 2 and 4.
        assertEquals(1.5, s.medianEdgeLength(), 1e-12);
        assertEquals(3.4, s.p90EdgeLength(), 1e-12);
        assertEquals(1, s.isolated());
    }

    @Test
    void statisticsOfOddCountAndOfGraphWithoutEdges() {
        KnnGraph three = new KnnGraph(3, new int[] {0, 1, 2, 3}, new int[] {1, 2, 0}, new float[] {5f, 3f, 7f});
        assertEquals(5.0, three.statistics().medianEdgeLength(), 0.0);
        assertEquals(6.6, three.statistics().p90EdgeLength(), 1e-12);
        assertEquals(0, three.statistics().isolated());

        GraphStatistics none = new KnnGraph(2, new int[] {0, 0, 0}, new int[0], new float[0]).statistics();
        assertEquals(0, none.edges());
        assertEquals(0.0, none.meanDegree(), 0.0);
        assertTrue(Double.isNaN(none.medianEdgeLength()));
        assertTrue(Double.isNaN(none.p90EdgeLength()));
        assertEquals(2, none.isolated());
    }

    @Test
    void accessorsExposeArraysWithoutCopying() {
        int[] offsets = {0, 2, 3, 4, 4};
        int[] targets = {1, 2, 0, 3};
        float[] lengths = {1f, 2f, 1f, 4f};
        KnnGraph g = new KnnGraph(4, offsets, targets, lengths);
        assertEquals(4, g.nodes());
        assertEquals(4, g.edges());
        assertSame(offsets, g.offsets());
        assertSame(targets, g.targets());
        assertSame(lengths, g.lengths());
        assertEquals(2, g.degree(0));
        assertEquals(1, g.degree(1));
        assertEquals(1, g.degree(2));
        assertEquals(0, g.degree(3));
        assertThrows(IndexOutOfBoundsException.class, () -> g.degree(4));
    }

    @Test
    void constructorRejectsInvalidLayouts() {
        assertMessage("offsets must hold 3 values", () -> new KnnGraph(2, new int[] {0, 1}, new int[] {1}, new float[] {1f}));
        assertMessage("targets and lengths must hold", () -> new KnnGraph(2, new int[] {0, 1, 2}, new int[] {1}, new float[] {1f}));
        assertMessage("offsets decrease at node 0", () -> new KnnGraph(2, new int[] {0, -1, 0}, new int[0], new float[0]));
        assertMessage("edge 0 of node 0 has target 0 (a self-loop)",
                () -> new KnnGraph(2, new int[] {0, 1, 1}, new int[] {0}, new float[] {1f}));
        assertMessage("edge 1 of node 1 has target 2 outside [0, 2)",
                () -> new KnnGraph(2, new int[] {0, 1, 2}, new int[] {1, 2}, new float[] {1f, 1f}));
        assertMessage("has length 0.0", () -> new KnnGraph(2, new int[] {0, 1, 1}, new int[] {1}, new float[] {0f}));
        assertMessage("has length NaN", () -> new KnnGraph(2, new int[] {0, 1, 1}, new int[] {1}, new float[] {Float.NaN}));
        assertMessage("nodes must be non-negative", () -> new KnnGraph(-1, new int[] {0}, new int[0], new float[0]));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
