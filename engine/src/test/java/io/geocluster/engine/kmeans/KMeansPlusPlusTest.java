package io.geocluster.engine.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansPlusPlusTest {
    @Test
    void localTrialsFollowScikitLearn() {
        assertEquals(2, KMeansPlusPlus.localTrials(2));
        assertEquals(4, KMeansPlusPlus.localTrials(8));
        assertEquals(4, KMeansPlusPlus.localTrials(20));
        assertEquals(5, KMeansPlusPlus.localTrials(21));
    }

    @Test
    void picksOneCentrePerWellSeparatedBlob() {
        int k = 6, d = 2, per = 200;
        float[] x = new float[k * per * d];
        Random r = new Random(1);
        for (int b = 0; b < k; b++) {
            for (int i = 0; i < per; i++) {
                int row = b * per + i;
                x[row * d] = (float) (b * 100 + r.nextGaussian());
                x[row * d + 1] = (float) (r.nextGaussian());
            }
        }
        for (int seed = 0; seed < 50; seed++) {
            float[] c = KMeansPlusPlus.seed(x, k * per, d, k, new SplittableRandom(seed));
            Set<Long> blobs = new HashSet<>();
            for (int q = 0; q < k; q++) {
                blobs.add(Math.round(c[q * d] / 100.0));
                assertTrue(isRow(x, d, c, q), "centre " + q + " must be a data row");
            }
            assertEquals(k, blobs.size(), "seed " + seed + ": one centre per blob");
        }
    }

    @Test
    void choosesEveryDistinctRowWhenKEqualsDistinctCount() {
        // Three distinct rows, many duplicates: after two centres, only the third has potential.
        float[] x = {0, 0, 0, 0, 5, 5, 5, 9};
        float[] c = KMeansPlusPlus.seed(x, 8, 1, 3, new SplittableRandom(4));
        Set<Float> chosen = new HashSet<>();
        for (float v : c) {
            chosen.add(v);
        }
        assertEquals(Set.of(0f, 5f, 9f), chosen);
    }

    @Test
    void sameSeedSameCentres() {
        float[] x = new float[3000];
        Random r = new Random(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] a = KMeansPlusPlus.seed(x, 1000, 3, 8, new SplittableRandom(11));
        float[] b = KMeansPlusPlus.seed(x, 1000, 3, 8, new SplittableRandom(11));
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    }

    private static boolean isRow(float[] x, int d, float[] c, int q) {
        for (int i = 0; i < x.length / d; i++) {
            boolean same = true;
            for (int j = 0; j < d; j++) {
                same &= x[i * d + j] == c[q * d + j];
            }
            if (same) {
                return true;
            }
        }
        return false;
    }
}
