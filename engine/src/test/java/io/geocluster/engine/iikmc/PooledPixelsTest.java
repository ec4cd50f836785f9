package io.geocluster.engine.iikmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.CpuBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PooledPixelsTest {
    @TempDir
    Path scratch;

    @Test
    void chunksBeyondTheBudgetSpillAndReadBackExactly() throws Exception {
        int bands = 3;
        float[] values = new float[1000 * bands];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.25f;
        }
        // Budget for two chunks of 128 pixels: the rest spills.
        try (PooledPixels pool = new PooledPixels(bands, 4, 2L * 128 * bands * Float.BYTES, scratch, 128)) {
            pool.append(values, 0, 300);
            pool.append(values, 300, 700);
            assertEquals(1000, pool.pixels());
            assertEquals(8, pool.chunks()); // 7 × 128 + 104
            assertTrue(pool.resident(1));
            assertFalse(pool.resident(2));
            float[] buffer = new float[128 * bands];
            byte[] labelBuffer = new byte[128];
            int at = 0;
            for (int c = 0; c < pool.chunks(); c++) {
                int n = pool.rows(c);
                float[] v = pool.values(c, buffer);
                for (int i = 0; i < n * bands; i++) {
                    assertEquals((at * bands + i) * 0.25f, v[i], "chunk " + c + " value " + i);
                }
                byte[] l = pool.labels(c, labelBuffer);
                for (int i = 0; i < n; i++) {
                    l[i] = (byte) ((at + i) % 7);
                }
                pool.storeLabels(c, l);
                at += n;
            }
            at = 0;
            for (int c = 0; c < pool.chunks(); c++) {
                byte[] l = pool.labels(c, new byte[128]);
                for (int i = 0; i < pool.rows(c); i++) {
                    assertEquals((at + i) % 7, l[i], "label of pixel " + (at + i));
                }
                at += pool.rows(c);
            }
            assertArrayEquals(new float[] {0, 0.25f, 0.5f}, pool.min());
            assertArrayEquals(new float[] {2997 * 0.25f, 2998 * 0.25f, 2999 * 0.25f}, pool.max());
            assertEquals(4, pool.distinctValues());
        }
        try (Stream<Path> left = Files.list(scratch)) {
            assertEquals(0, left.count(), "spill files are removed on close");
        }
    }

    @Test
    void nonFiniteValuesAndSpillingWithoutScratchAreRejected() {
        try (PooledPixels pool = new PooledPixels(2, 2, Long.MAX_VALUE, null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.append(new float[] {1, 2, Float.NaN, 4}, 0, 2));
            assertTrue(e.getMessage().contains("pixel 1"), e.getMessage());
        }
        try (PooledPixels pool = new PooledPixels(1, 2, 0, null, 4)) {
            assertThrows(IllegalStateException.class, () -> pool.append(new float[8], 0, 8));
        }
    }

    @Test
    void distinctValuesAreCountedUpToTheLimit() {
        try (PooledPixels pool = new PooledPixels(2, 3, Long.MAX_VALUE, null)) {
            pool.append(new float[] {1, 1, 1, 1, -0f, 2, 0f, 2}, 0, 4);
            assertEquals(2, pool.distinctValues(), "-0 and 0 are the same value");
            pool.append(new float[] {5, 5, 6, 6, 7, 7}, 0, 3);
            assertEquals(3, pool.distinctValues(), "counting stops at the limit");
        }
    }

    /**
     * Clustering a pool that lives mostly on disk gives the hand-known answer: two well separated
     * groups whose means are computed here directly.
     */
    @Test
    void lloydOverASpilledPoolFindsTheKnownMeans() {
        Random r = new Random(3);
        int n = 5000;
        float[] x = new float[n * 2];
        double[] sum = new double[4];
        long[] count = new long[2];
        for (int i = 0; i < n; i++) {
            int g = r.nextInt(2);
            count[g]++;
            for (int j = 0; j < 2; j++) {
                x[i * 2 + j] = (float) (g * 100 + r.nextDouble());
                sum[g * 2 + j] += x[i * 2 + j];
            }
        }
        try (PooledPixels pool = new PooledPixels(2, 2, 1024, scratch, 256);
             CpuBackend backend = new CpuBackend(2)) {
            pool.append(x, 0, n);
            assertFalse(pool.resident(5));
            IikmcResult result = new PooledLloyd(new IikmcOptions(2, 20, 0, EmptyClusterRule.CANCEL), backend)
                    .run(pool, RunMonitor.NONE);
            assertTrue(result.converged());
            for (int g = 0; g < 2; g++) {
                assertEquals(count[g], result.sizes()[g]);
                for (int j = 0; j < 2; j++) {
                    assertEquals(sum[g * 2 + j] / count[g], result.centres()[g * 2 + j], 1e-4);
                }
            }
            byte[] labels = pool.labels(pool.chunks() - 1, new byte[256]);
            int last = pool.rows(pool.chunks() - 1);
            for (int i = 0; i < last; i++) {
                int pixel = n - last + i;
                assertEquals(x[pixel * 2] > 50 ? 1 : 0, labels[i]);
            }
        }
    }
}
