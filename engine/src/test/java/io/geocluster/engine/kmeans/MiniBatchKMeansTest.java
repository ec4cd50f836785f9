package io.geocluster.engine.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.compute.CpuBackend;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MiniBatchKMeansTest {
    @Test
    void handComputedSteps() {
        try (CpuBackend backend = new CpuBackend(1)) {
            MiniBatchKMeans m = new MiniBatchKMeans(new float[] {0, 10}, 2, 1, backend, new SplittableRandom(1));
            // Labels against the old centres: 1,2 → centre 0; 9 → centre 1. With zero weights the
            // centres jump to the batch means.
            double inertia = m.partialFit(new float[] {1, 2, 9}, 3);
            assertEquals(1 + 4 + 1, inertia, 1e-9);
            assertArrayEquals(new float[] {1.5f, 9f}, m.centres());
            assertArrayEquals(new double[] {2, 1}, m.weights());
            // c0 ← (1.5·2 + 3)/(2 + 1) = 2; centre 1 got nothing and stays.
            m.partialFit(new float[] {3}, 1);
            assertArrayEquals(new float[] {2f, 9f}, m.centres());
            assertArrayEquals(new double[] {3, 1}, m.weights());
            // c1 ← (9·1 + 11 + 13)/(1 + 2) = 11
            m.partialFit(new float[] {11, 13}, 2);
            assertArrayEquals(new float[] {2f, 11f}, m.centres());
            assertEquals(0, m.reassigned());
        }
    }

    @Test
    void matchesBruteForceReferenceOverManySteps() {
        int k = 4, d = 3, batch = 64;
        Random r = new Random(5);
        float[] centres = new float[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) (10 * r.nextGaussian());
        }
        double[] ref = new double[k * d];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = centres[i];
        }
        double[] refW = new double[k];
        try (CpuBackend backend = new CpuBackend(1)) {
            MiniBatchKMeans m = new MiniBatchKMeans(centres, k, d, backend, new SplittableRandom(9));
            for (int step = 0; step < 200; step++) {
                float[] x = new float[batch * d];
                for (int i = 0; i < batch; i++) {
                    int blob = i % k; // every centre keeps receiving rows: no reassignment
                    for (int j = 0; j < d; j++) {
                        x[i * d + j] = (float) (centres[blob * d + j] + r.nextGaussian());
                    }
                }
                m.partialFit(x, batch);
                referenceStep(ref, refW, x, batch, k, d);
            }
            assertEquals(0, m.reassigned());
            float[] got = m.centres();
            for (int i = 0; i < ref.length; i++) {
                assertEquals(ref[i], got[i], 1e-3, "centre value " + i);
            }
            assertArrayEquals(refW, m.weights());
        }
    }

    /** The textbook update written independently: per row, labels against the old centres. */
    private static void referenceStep(double[] c, double[] w, float[] x, int n, int k, int d) {
        double[] old = c.clone();
        double[] sum = new double[k * d];
        int[] cnt = new int[k];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int q = 0; q < k; q++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += Math.pow(x[i * d + j] - old[q * d + j], 2);
                }
                if (s < bestD) {
                    bestD = s;
                    best = q;
                }
            }
            cnt[best]++;
            for (int j = 0; j < d; j++) {
                sum[best * d + j] += x[i * d + j];
            }
        }
        for (int q = 0; q < k; q++) {
            if (cnt[q] == 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                c[q * d + j] = (old[q * d + j] * w[q] + sum[q * d + j]) / (w[q] + cnt[q]);
            }
            w[q] += cnt[q];
        }
    }

    @Test
    void starvingCentreIsMovedOntoABatchRow() {
        try (CpuBackend backend = new CpuBackend(1)) {
            // Centre 2 sits far from all data and never wins a row.
            MiniBatchKMeans m = new MiniBatchKMeans(new float[] {0, 5, 1000}, 3, 1, backend, new SplittableRandom(2));
            float[] x = new float[40];
            for (int i = 0; i < 40; i++) {
                x[i] = i % 2 == 0 ? (float) (i * 0.01) : (float) (5 + i * 0.01);
            }
            m.partialFit(x, 40);
            float[] c = m.centres();
            assertTrue(c[2] < 10, "starving centre should move onto a data row, is at " + c[2]);
            boolean onRow = false;
            for (float v : x) {
                onRow |= v == c[2];
            }
            assertTrue(onRow, "moved centre must be a batch row");
            double[] w = m.weights();
            assertEquals(Math.min(w[0], w[1]), w[2], 0.0, "moved centre takes the smallest other weight");
            assertEquals(1, m.reassigned());
        }
    }
}
