package io.geocluster.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StatisticsTest {
    @Test
    void momentsMatchTwoPassReferenceWithLargeOffsetAndNaN() {
        Random r = new Random(1);
        int n = 100_000, d = 3;
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            v[i * d] = (float) (4_000_000 + r.nextGaussian() * 3); // large mean, small spread
            v[i * d + 1] = i % 10 == 0 ? Float.NaN : (float) r.nextGaussian();
            v[i * d + 2] = 0f; // constant column
        }
        ColumnMoments m = new ColumnMoments(d);
        for (int from = 0; from < n; from += 777) {
            int rows = Math.min(777, n - from);
            float[] block = java.util.Arrays.copyOfRange(v, from * d, (from + rows) * d);
            m.add(block, d, rows, null);
        }
        for (int j = 0; j < d; j++) {
            double sum = 0;
            long count = 0;
            for (int i = 0; i < n; i++) {
                float x = v[i * d + j];
                if (!Float.isNaN(x)) {
                    sum += x;
                    count++;
                }
            }
            double mean = sum / count;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                float x = v[i * d + j];
                if (!Float.isNaN(x)) {
                    ss += (x - mean) * (x - mean);
                }
            }
            assertEquals(count, m.count(j));
            assertEquals(mean, m.mean(j), 1e-9 * Math.abs(mean) + 1e-12);
            assertEquals(Math.sqrt(ss / count), m.std(j), 1e-9 + 1e-9 * Math.sqrt(ss / count));
        }
        assertEquals(90_000, m.count(1));
        assertEquals(0.0, m.std(2));
    }

    @Test
    void standardizerNeverProducesNaN() {
        ColumnMoments m = new ColumnMoments(2);
        m.add(new float[] {0, 1, 0, 3, 0, Float.NaN}, 2, 3, null);
        Standardizer s = Standardizer.of(m, true);
        float[] out = new float[6];
        s.transform(new float[] {0, 1, 0, 3, 0, Float.NaN}, 2, 3, out);
        for (float f : out) {
            assertFalse(Float.isNaN(f));
        }
        assertEquals(0f, out[0]);
        assertEquals(-1f, out[1], 1e-6); // (1 − 2) / 1
        assertEquals(1f, out[3], 1e-6);
        assertEquals(0f, out[5]); // missing → column mean
        double[] back = s.inverse(new float[] {0, 1}, 0);
        assertEquals(0, back[0], 1e-12);
        assertEquals(3, back[1], 1e-12);
    }

    @Test
    void reservoirKeepsEveryRowWithEqualProbability() {
        int n = 1000, capacity = 100, trials = 3000;
        int[] hits = new int[n];
        float[] rows = new float[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        for (int t = 0; t < trials; t++) {
            RowReservoir res = new RowReservoir(capacity, 1, t);
            for (int i = 0; i < n; i++) {
                res.offer(rows, 1, i);
            }
            for (float f : res.rows()) {
                hits[(int) f]++;
            }
        }
        // Expected 300 hits per row; binomial sd ≈ 16.4. First and last deciles both near 10 %.
        long firstDecile = 0, lastDecile = 0;
        for (int i = 0; i < 100; i++) {
            firstDecile += hits[i];
            lastDecile += hits[n - 1 - i];
        }
        assertEquals(30_000, firstDecile, 1_000);
        assertEquals(30_000, lastDecile, 1_000);
        for (int h : hits) {
            assertTrue(h > 200 && h < 400, "a row was kept " + h + " times out of an expected 300");
        }
    }

    @Test
    void clusterProfilesMatchDirectComputationAndMerge() {
        float[] v = {1, 10, 3, 20, 5, Float.NaN, 100, 7};
        int[] labels = {0, 0, 0, 1};
        ClusterProfileAccumulator a = new ClusterProfileAccumulator(3, 2);
        a.add(v, 2, 0, labels, 0, 2);
        ClusterProfileAccumulator b = new ClusterProfileAccumulator(3, 2);
        b.add(v, 2, 0, labels, 2, 4);
        a.merge(b);
        ClusterProfiles p = a.result();
        assertEquals(3, p.size(0));
        assertEquals(1, p.size(1));
        assertEquals(0, p.size(2));
        assertEquals(3, p.mean(0, 0), 1e-12);
        assertEquals(Math.sqrt(8.0 / 3), p.std(0, 0), 1e-12);
        assertEquals(15, p.mean(0, 1), 1e-12); // NaN skipped
        assertEquals(5, p.std(0, 1), 1e-12);
        assertEquals(100, p.mean(1, 0), 1e-12);
        assertTrue(Double.isNaN(p.mean(2, 0)));
    }

    @Test
    void adjustedRandIndexKnownValues() {
        assertEquals(1.0, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {5, 5, 3, 3}), 1e-12);
        // Reference value from scikit-learn: adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714
        assertEquals(0.5714285714, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}), 1e-9);
        // By hand: index 0, expected 6·3/15 = 1.2, max 4.5 → (0 − 1.2)/(4.5 − 1.2) = −4/11
        assertEquals(-4.0 / 11, AdjustedRandIndex.of(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 1, 2, 0, 1, 2}), 1e-12);
    }
}
