package io.geocluster.engine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IncrementalLloydSessionTest {
    /** Rows in three chunks of different sizes, held in memory. */
    private static final class Rows implements LloydRows {
        final float[][] values;
        final byte[][] labels;
        final int d;

        Rows(Random r, int d, int... sizes) {
            this.d = d;
            values = new float[sizes.length][];
            labels = new byte[sizes.length][];
            for (int c = 0; c < sizes.length; c++) {
                values[c] = new float[sizes[c] * d];
                for (int i = 0; i < values[c].length; i++) {
                    values[c][i] = (float) (r.nextGaussian() + 4 * r.nextInt(3));
                }
                labels[c] = new byte[sizes[c]];
                Arrays.fill(labels[c], (byte) 0xFF);
            }
        }

        @Override
        public int d() {
            return d;
        }

        @Override
        public int chunks() {
            return values.length;
        }

        @Override
        public int rows(int c) {
            return labels[c].length;
        }

        @Override
        public float[] values(int c) {
            return values[c];
        }

        @Override
        public byte[] labels(int c) {
            return labels[c];
        }

        @Override
        public void storeLabels(int c, byte[] l) {
            // the arrays are the rows' own
        }
    }

    /**
     * Step after step, with centres moving and one class dropped (so live positions shift), the
     * session's sums and counts equal sums recomputed from scratch over the current labels, and
     * its changed counts equal a comparison of the labels before and after.
     */
    @Test
    void incrementalSumsEqualFreshSumsOfTheCurrentLabels() {
        Random r = new Random(11);
        int d = 5;
        Rows rows = new Rows(r, d, 3000, 17, 12001);
        int k = 4;
        float[] centres = new float[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) (8 * r.nextDouble());
        }
        byte[] ids = {0, 1, 2, 3};
        try (CpuBackend backend = new CpuBackend(2); LloydSession session = backend.openLloyd(rows)) {
            for (int step = 0; step < 6; step++) {
                if (step == 3) { // class 1 is cancelled: three live positions map to ids 0, 2, 3
                    k = 3;
                    ids = new byte[] {0, 2, 3};
                    centres = new float[] {centres[0], centres[1], centres[2], centres[3], centres[4],
                        centres[10], centres[11], centres[12], centres[13], centres[14],
                        centres[15], centres[16], centres[17], centres[18], centres[19]};
                }
                byte[][] before = new byte[rows.chunks()][];
                for (int c = 0; c < rows.chunks(); c++) {
                    before[c] = rows.labels[c].clone();
                }
                double[] sums = new double[k * d];
                long[] counts = new long[k];
                long changed = session.step(centres, k, ids, sums, counts, n -> { });
                double[] expectedSums = new double[k * d];
                long[] expectedCounts = new long[k];
                long expectedChanged = 0;
                for (int c = 0; c < rows.chunks(); c++) {
                    for (int i = 0; i < rows.rows(c); i++) {
                        byte id = rows.labels[c][i];
                        expectedChanged += id != before[c][i] ? 1 : 0;
                        int p = Arrays.binarySearch(ids, id);
                        expectedCounts[p]++;
                        for (int j = 0; j < d; j++) {
                            expectedSums[p * d + j] += rows.values[c][i * d + j];
                        }
                    }
                }
                assertEquals(expectedChanged, changed, "step " + step);
                assertArrayEquals(expectedCounts, counts, "step " + step);
                assertArrayEquals(expectedSums, sums, 1e-9, "step " + step);
                for (int p = 0; p < k; p++) {
                    for (int j = 0; j < d; j++) {
                        centres[p * d + j] = (float) (sums[p * d + j] / Math.max(1, counts[p]));
                    }
                }
            }
        }
    }
}
