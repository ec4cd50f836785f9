package io.geocluster.engine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuBackendTest {
    @ParameterizedTest
    @CsvSource({"1,100,3,2", "2,100,16,8", "2,50000,16,8", "2,20000,7,13", "3,30001,70,5"})
    void assignMatchesBruteForce(int threads, int n, int d, int k) {
        Random r = new Random(n * 31L + d);
        float[] x = randomArray(r, n * d);
        float[] centres = randomArray(r, k * d);
        int[] labels = new int[n];
        float[] dist = new float[n];
        double total;
        try (CpuBackend backend = new CpuBackend(threads)) {
            total = backend.assign(x, n, d, centres, k, labels, dist);
        }
        double expectedTotal = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double t = (double) x[i * d + j] - centres[c * d + j];
                    s += t * t;
                }
                if (s < bestDist) {
                    bestDist = s;
                    best = c;
                }
            }
            assertEquals(best, labels[i], "label of row " + i);
            assertEquals(bestDist, dist[i], 1e-4 * (1 + bestDist), "distance of row " + i);
            expectedTotal += bestDist;
        }
        assertEquals(expectedTotal, total, 1e-5 * expectedTotal);
    }

    /**
     * The fused Lloyd step against a scalar float reference: the same float arithmetic in the
     * same order gives the same nearest centre, the changed count follows from the previous
     * labels, and the sums are plain sums of the rows per centre.
     */
    @ParameterizedTest
    @CsvSource({"1,1000,6,8", "2,100003,6,8", "2,20000,7,13", "2,5000,3,2"})
    void lloydStepMatchesScalarReference(int threads, int n, int d, int k) {
        Random r = new Random(n * 17L + k);
        float[] x = randomArray(r, n * d);
        float[] centres = randomArray(r, k * d);
        byte[] ids = new byte[k];
        for (int c = 0; c < k; c++) {
            ids[c] = (byte) (2 * c + 1); // positions map to other ids, as with cancelled classes
        }
        byte[] labels = new byte[n];
        byte[] previous = new byte[n];
        for (int i = 0; i < n; i++) {
            previous[i] = (byte) (2 * r.nextInt(k) + 1);
        }
        System.arraycopy(previous, 0, labels, 0, n);
        double[] sums = new double[k * d];
        long[] counts = new long[k];
        float[] dist = new float[n];
        long changed;
        try (CpuBackend backend = new CpuBackend(threads)) {
            changed = backend.lloydStep(x, n, d, centres, k, ids, labels, sums, counts, dist);
        }
        double[] expectedSums = new double[k * d];
        long[] expectedCounts = new long[k];
        long expectedChanged = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            float bestDist = Float.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                float s = 0;
                for (int j = 0; j < d; j++) {
                    float t = x[i * d + j] - centres[c * d + j];
                    s += t * t;
                }
                if (s < bestDist) {
                    bestDist = s;
                    best = c;
                }
            }
            assertEquals(ids[best], labels[i], "label of row " + i);
            assertEquals(bestDist, dist[i], "distance of row " + i);
            expectedChanged += ids[best] != previous[i] ? 1 : 0;
            expectedCounts[best]++;
            for (int j = 0; j < d; j++) {
                expectedSums[best * d + j] += x[i * d + j];
            }
        }
        assertEquals(expectedChanged, changed);
        assertArrayEquals(expectedCounts, counts);
        assertArrayEquals(expectedSums, sums, 1e-9 * n);
    }

    /** The test JVM has the Vector API, so the tests above exercise {@link VectorNearest}. */
    @Test
    void testsRunTheVectorKernel() {
        assertTrue(VectorSupport.AVAILABLE, "surefire's argLine adds jdk.incubator.vector");
    }

    /**
     * The plain-loop kernel (which JVMs without the Vector API run) and the Vector API kernel
     * against the scalar float
     * reference: bitwise equal distances and the lowest index on ties (rows equidistant from two
     * centres included).
     */
    @ParameterizedTest
    @CsvSource({"1,3", "6,8", "7,13", "16,8", "3,2"})
    void bothKernelsMatchTheScalarReference(int d, int k) {
        Random r = new Random(d * 31L + k);
        int nb = 128;
        float[][] xt = new float[d][nb];
        float[] centres = randomArray(r, k * d);
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < nb; i++) {
                xt[j][i] = r.nextFloat();
            }
        }
        // Row 0 sits exactly between centres 0 and 1 in every band: a tie (when k > 1).
        for (int j = 0; j < d && k > 1; j++) {
            centres[d + j] = centres[j] + 0.5f;
            xt[j][0] = centres[j] + 0.25f;
        }
        CpuBackend.Scratch scratch = new CpuBackend.Scratch();
        CpuBackend.nearestTransposed(xt, nb, d, centres, k, scratch);
        float[] vectorBest = new float[nb];
        int[] vectorIndex = new int[nb];
        // 120 rows: seven full vectors plus a scalar tail with 512-bit vectors.
        VectorNearest.nearest(xt, 120, d, centres, k, vectorBest, vectorIndex);
        for (int i = 0; i < nb; i++) {
            int best = 0;
            float bestDistance = Float.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                float s = 0;
                for (int j = 0; j < d; j++) {
                    float t = xt[j][i] - centres[c * d + j];
                    s += t * t;
                }
                if (s < bestDistance) {
                    bestDistance = s;
                    best = c;
                }
            }
            assertEquals(best, scratch.bestIndex()[i], "row " + i);
            assertEquals(bestDistance, scratch.best()[i], "row " + i);
            if (i < 120) {
                assertEquals(best, vectorIndex[i], "vector kernel, row " + i);
                assertEquals(bestDistance, vectorBest[i], "vector kernel, row " + i);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1000,4,3", "2,100000,16,8"})
    void accumulateMatchesBruteForce(int threads, int n, int d, int k) {
        Random r = new Random(7);
        float[] x = randomArray(r, n * d);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(k + 1) - 1; // -1 rows are skipped
        }
        double[] sums = new double[k * d];
        long[] counts = new long[k];
        try (CpuBackend backend = new CpuBackend(threads)) {
            backend.accumulate(x, n, d, labels, k, sums, counts);
        }
        double[] expectedSums = new double[k * d];
        long[] expectedCounts = new long[k];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                continue;
            }
            expectedCounts[labels[i]]++;
            for (int j = 0; j < d; j++) {
                expectedSums[labels[i] * d + j] += x[i * d + j];
            }
        }
        assertArrayEquals(expectedCounts, counts);
        assertArrayEquals(expectedSums, sums, 1e-6 * n);
    }

    @ParameterizedTest
    @CsvSource({"2,200000,16,8"})
    void parallelResultsRepeatExactly(int threads, int n, int d, int k) {
        Random r = new Random(3);
        float[] x = randomArray(r, n * d);
        float[] centres = randomArray(r, k * d);
        int[] labels = new int[n];
        double[] a = new double[k * d];
        double[] b = new double[k * d];
        try (CpuBackend backend = new CpuBackend(threads)) {
            double t1 = backend.assign(x, n, d, centres, k, labels, null);
            backend.accumulate(x, n, d, labels, k, a, new long[k]);
            double t2 = backend.assign(x, n, d, centres, k, labels, null);
            backend.accumulate(x, n, d, labels, k, b, new long[k]);
            assertEquals(t1, t2, 0.0);
        }
        assertArrayEquals(a, b, 0.0);
    }

    static float[] randomArray(Random r, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
