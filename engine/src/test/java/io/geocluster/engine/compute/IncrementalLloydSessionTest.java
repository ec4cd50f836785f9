package io.geocluster.engine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        public boolean resident(int c) {
            return c != 1; // the middle chunk stands for a spilled one: no bounds kept
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
    /**
     * Over a whole Lloyd run, every row's class after every step is the one a brute-force scan of
     * the centres gives (nearest, lowest id on ties), although most rows are skipped by their
     * bounds once the centres settle; the spilled middle chunk, which keeps no bounds, too.
     */
    @ParameterizedTest(name = "{0} bands")
    @ValueSource(ints = {6, 11})
    void boundedStepsLabelEveryRowAsABruteForceScanDoes(int d) {
        Random r = new Random(5);
        Rows rows = new Rows(r, d, 20000, 3001, 9000);
        int k = 8;
        // Eight overlapping blobs, so that the run settles after a few steps but rows near the
        // boundaries keep changing class for a while.
        float[] blobs = new float[k * d];
        for (int i = 0; i < blobs.length; i++) {
            blobs[i] = (float) (4 * r.nextDouble());
        }
        for (float[] chunk : rows.values) {
            for (int i = 0; i < chunk.length / d; i++) {
                int b = r.nextInt(k);
                for (int j = 0; j < d; j++) {
                    chunk[i * d + j] = blobs[b * d + j] + (float) (0.5 * r.nextGaussian());
                }
            }
        }
        float[] centres = new float[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) (4 * r.nextDouble());
        }
        byte[] ids = {0, 1, 2, 3, 4, 5, 6, 7};
        long total = 0;
        try (CpuBackend backend = new CpuBackend(2);
             IncrementalLloydSession session = new IncrementalLloydSession(backend, rows, 0, 1)) {
            for (int step = 0; step < 25; step++) {
                double[] sums = new double[k * d];
                long[] counts = new long[k];
                session.step(centres, k, ids, sums, counts, n -> { });
                total += 32001;
                for (int c = 0; c < rows.chunks(); c++) {
                    for (int i = 0; i < rows.rows(c); i++) {
                        assertEquals(bruteForceNearest(rows.values[c], i, d, centres, k), rows.labels[c][i],
                                "step " + step + ", chunk " + c + ", row " + i);
                    }
                }
                for (int p = 0; p < k; p++) {
                    for (int j = 0; j < d; j++) {
                        centres[p * d + j] = (float) (sums[p * d + j] / Math.max(1, counts[p]));
                    }
                }
            }
            // The bounds must have spared most assignments, or the test proves nothing about them.
            assertTrue(session.assignedRows() < total / 2, session.assignedRows() + " of " + total + " assigned");
        }
    }

    /**
     * A run that stops at 1 % changed rows never starts bounds (they would pay for their first
     * step over later ones that do not come): every step assigns every row.
     */
    @Test
    void noBoundsWhenTheRunIsAboutToStop() {
        Random r = new Random(3);
        int d = 3;
        Rows rows = new Rows(r, d, 5000);
        float[] centres = {0, 0, 0, 4, 4, 4, 8, 8, 8};
        byte[] ids = {0, 1, 2};
        try (CpuBackend backend = new CpuBackend(1);
             IncrementalLloydSession session = new IncrementalLloydSession(backend, rows, 0.01, 1)) {
            for (int step = 0; step < 6; step++) {
                double[] sums = new double[9];
                long[] counts = new long[3];
                session.step(centres, 3, ids, sums, counts, n -> { });
                for (int p = 0; p < 3; p++) {
                    for (int j = 0; j < d; j++) {
                        centres[p * d + j] = (float) (sums[p * d + j] / Math.max(1, counts[p]));
                    }
                }
            }
            assertEquals(6 * 5000L, session.assignedRows());
        }
        try (CpuBackend backend = new CpuBackend(1);
             IncrementalLloydSession session = new IncrementalLloydSession(backend, rows, 0, 1)) {
            for (int step = 0; step < 6; step++) {
                session.step(centres, 3, ids, new double[9], new long[3], n -> { });
            }
            // Settled centres: after the first step, two quiet plain steps and the step that
            // stores the bounds, nothing is assigned again.
            assertEquals(4 * 5000L, session.assignedRows());
        }
    }

    /** Rows exactly halfway between two centres go to the lower id at every step, bounds or not. */
    @Test
    void exactTiesAlwaysGoToTheLowerId() {
        int d = 2;
        Rows rows = new Rows(new Random(1), d, 300);
        for (int i = 0; i < 300; i++) {
            rows.values[0][2 * i] = i % 3 == 0 ? 1f : (i % 3 == 1 ? 0f : 2f);
            rows.values[0][2 * i + 1] = 0f;
        }
        float[] centres = {0f, 0f, 2f, 0f};
        byte[] ids = {0, 1};
        try (CpuBackend backend = new CpuBackend(1); LloydSession session = new IncrementalLloydSession(backend, rows, 0, 1)) {
            for (int step = 0; step < 3; step++) {
                session.step(centres, 2, ids, new double[4], new long[2], n -> { });
                for (int i = 0; i < 300; i++) {
                    assertEquals(i % 3 == 2 ? 1 : 0, rows.labels[0][i], "step " + step + ", row " + i);
                }
            }
            // The centres move so that the tied rows lose their tie: now nearer centre 1.
            centres = new float[] {-0.5f, 0f, 2f, 0f};
            session.step(centres, 2, ids, new double[4], new long[2], n -> { });
            for (int i = 0; i < 300; i++) {
                assertEquals(i % 3 == 1 ? 0 : 1, rows.labels[0][i], "row " + i);
            }
        }
    }

    /** Nearest centre by a plain float scan in band order; the lowest index wins ties. */
    private static byte bruteForceNearest(float[] x, int row, int d, float[] centres, int k) {
        int best = 0;
        float bestDistance = Float.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            float s = 0;
            for (int j = 0; j < d; j++) {
                float t = x[row * d + j] - centres[c * d + j];
                s += t * t;
            }
            if (s < bestDistance) {
                bestDistance = s;
                best = c;
            }
        }
        return (byte) best;
    }
}
