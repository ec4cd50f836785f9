package io.geocluster.engine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuBackendAggregateTest {
    /** A CSR graph whose targets index a separate feature array of {@code xRows} rows. */
    private record Csr(int[] offsets, int[] targets, float[] weights) {
    }

    private static Csr randomCsr(Random r, int n, int xRows, int maxDegree) {
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + r.nextInt(maxDegree + 1); // degree 0 included
        }
        int edges = offsets[n];
        int[] targets = new int[edges];
        float[] weights = new float[edges];
        for (int e = 0; e < edges; e++) {
            targets[e] = r.nextInt(xRows);
            weights[e] = (float) (r.nextDouble() * 2 - 0.5);
        }
        return new Csr(offsets, targets, weights);
    }

    @ParameterizedTest(name = "threads={0} n={1} xRows={2} d={3} rows=[{4},{5})")
    @CsvSource({
            "1, 50, 40, 1, 0, 50",
            "1, 50, 40, 3, 7, 31",
            "2, 50, 70, 7, 7, 31",
            "1, 3000, 2500, 7, 313, 2999",
            "2, 3000, 2500, 7, 313, 2999",
            "2, 5000, 5000, 16, 1, 5000",
            "3, 4000, 100, 5, 1000, 3001"})
    void matchesBruteForce(int threads, int n, int xRows, int d, int rowFrom, int rowTo) {
        Random r = new Random(n * 131L + d * 7L + rowFrom);
        Csr g = randomCsr(r, n, xRows, 10);
        float[] x = new float[xRows * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 4 - 2);
        }
        int rows = rowTo - rowFrom;
        float sentinel = 12345f;
        float[] out = new float[rows * d + 5];
        Arrays.fill(out, sentinel);
        try (CpuBackend backend = new CpuBackend(threads)) {
            backend.aggregate(g.offsets, g.targets, g.weights, rowFrom, rowTo, x, d, out);
        }
        for (int i = rowFrom; i < rowTo; i++) {
            for (int j = 0; j < d; j++) {
                double expected = 0;
                double scale = 0; // Σ|w·x|: the size float rounding is relative to when terms cancel
                for (int e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
                    double term = (double) g.weights[e] * x[g.targets[e] * d + j];
                    expected += term;
                    scale += Math.abs(term);
                }
                assertEquals(expected, out[(i - rowFrom) * d + j], 1e-5 * (1 + scale), "row " + i + ", value " + j);
            }
        }
        for (int i = rows * d; i < out.length; i++) {
            assertEquals(sentinel, out[i], "out beyond the range must be untouched, index " + i);
        }
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        Random r = new Random(5);
        int n = 20_000;
        int d = 9;
        Csr g = randomCsr(r, n, n, 12);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        float[] one = new float[(n - 17) * d];
        float[] two = new float[(n - 17) * d];
        try (CpuBackend a = new CpuBackend(1); CpuBackend b = new CpuBackend(2)) {
            a.aggregate(g.offsets, g.targets, g.weights, 17, n, x, d, one);
            b.aggregate(g.offsets, g.targets, g.weights, 17, n, x, d, two);
        }
        // Each row is summed in edge order by one thread, so the results are bit-identical.
        assertArrayEquals(one, two);
    }

    @Test
    void badTargetOnWorkerThreadIsReportedAsOutOfBounds() {
        Random r = new Random(11);
        int n = 4000;
        Csr g = randomCsr(r, n, n, 6);
        int last = g.offsets[n] - 1; // an edge of the last rows, which the second thread computes
        g.targets[last] = -3;
        float[] x = new float[n * 4];
        try (CpuBackend backend = new CpuBackend(2)) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                    () -> backend.aggregate(g.offsets, g.targets, g.weights, 0, n, x, 4, new float[n * 4]));
            assertTrue(e.getMessage().contains("targets[" + last + "] = -3"), e.getMessage());
        }
    }

    @Test
    void rowWithoutEdgesGetsZerosAndEmptyRangeIsNoOp() {
        int[] offsets = {0, 1, 1, 2};
        int[] targets = {1, 0};
        float[] weights = {2f, 0.5f};
        float[] x = {1f, 2f, 3f, 4f}; // 2 rows of 2
        float[] out = new float[6];
        Arrays.fill(out, 9f);
        try (CpuBackend backend = new CpuBackend(1)) {
            backend.aggregate(offsets, targets, weights, 2, 2, x, 2, out);
            assertArrayEquals(new float[] {9f, 9f, 9f, 9f, 9f, 9f}, out);
            backend.aggregate(offsets, targets, weights, 0, 3, x, 2, out);
        }
        assertArrayEquals(new float[] {6f, 8f, 0f, 0f, 0.5f, 1f}, out);
    }

    @Test
    void badInputsAreRejected() {
        int[] offsets = {0, 1, 2};
        int[] targets = {1, 5};
        float[] weights = {1f, 1f};
        float[] x = new float[4];
        try (CpuBackend backend = new CpuBackend(2)) {
            IndexOutOfBoundsException oob = assertThrows(IndexOutOfBoundsException.class,
                    () -> backend.aggregate(offsets, targets, weights, 0, 2, x, 2, new float[4]));
            assertTrue(oob.getMessage().contains("targets[1] = 5"), oob.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> backend.aggregate(offsets, targets, weights, 1, 0, x, 2, new float[4]));
            assertThrows(IllegalArgumentException.class,
                    () -> backend.aggregate(offsets, targets, weights, 0, 3, x, 2, new float[6]));
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                    () -> backend.aggregate(offsets, targets, weights, 0, 2, x, 2, new float[3]));
            assertTrue(small.getMessage().contains("out holds 3"), small.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> backend.aggregate(offsets, targets, weights, 0, 1, x, 2, x));
            assertThrows(IllegalArgumentException.class,
                    () -> backend.aggregate(offsets, targets, weights, 0, 1, x, 0, new float[4]));
        }
    }
}
