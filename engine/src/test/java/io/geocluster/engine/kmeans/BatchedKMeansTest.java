package io.geocluster.engine.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.ArrayBatchStream;
import io.geocluster.engine.BatchCursor;
import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.RunCancelledException;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.CpuBackend;
import io.geocluster.engine.stats.AdjustedRandIndex;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchedKMeansTest {
    /** Blobs stored blob after blob, as a spatially sorted layer would be. */
    private static float[] sortedBlobs(int k, int per, int d, int[] truth, Random r) {
        float[] v = new float[k * per * d];
        for (int b = 0; b < k; b++) {
            for (int i = 0; i < per; i++) {
                int row = b * per + i;
                truth[row] = b;
                for (int j = 0; j < d; j++) {
                    v[row * d + j] = (float) ((j == b % d ? 8 : 0) + (j == (b + 1) % d ? 4 * (b / d) : 0) + r.nextGaussian());
                }
            }
        }
        return v;
    }

    private static int[] label(KMeansModel model, ArrayBatchStream stream, int n) throws IOException {
        int[] labels = new int[n];
        try (CpuBackend backend = new CpuBackend(2); BatchCursor c = stream.open()) {
            Labeller labeller = new Labeller(model, backend, stream.columns());
            int at = 0;
            for (FeatureBatch b; (b = c.next()) != null; ) {
                labeller.label(b);
                System.arraycopy(labeller.labels(), 0, labels, at, b.size());
                at += b.size();
            }
        }
        return labels;
    }

    @Test
    void recoversSortedBlobsAndLabelsEveryRow() throws IOException {
        int k = 6, per = 3000, d = 5;
        int[] truth = new int[k * per];
        float[] v = sortedBlobs(k, per, d, truth, new Random(3));
        ArrayBatchStream stream = ArrayBatchStream.of(v, d, 1000);
        KMeansModel model;
        try (CpuBackend backend = new CpuBackend(2)) {
            model = BatchedKMeans.fit(stream, List.of("a", "b", "c", "d", "e"), KMeansOptions.defaults(k, 1), backend, RunMonitor.NONE);
        }
        int[] labels = label(model, stream, truth.length);
        assertTrue(AdjustedRandIndex.of(truth, labels) > 0.95, "ARI " + AdjustedRandIndex.of(truth, labels));
        assertEquals(truth.length, model.counts().rows());
        assertEquals(0.2, model.counts().test() / (double) truth.length, 0.02);
        assertTrue(model.steps() > 0);
    }

    @Test
    void sameSeedGivesSameModel() throws IOException {
        int[] truth = new int[4 * 500];
        float[] v = sortedBlobs(4, 500, 3, truth, new Random(8));
        ArrayBatchStream stream = ArrayBatchStream.of(v, 3, 333);
        try (CpuBackend backend = new CpuBackend(2)) {
            KMeansModel a = BatchedKMeans.fit(stream, List.of("x", "y", "z"), KMeansOptions.defaults(4, 7), backend, RunMonitor.NONE);
            KMeansModel b = BatchedKMeans.fit(stream, List.of("x", "y", "z"), KMeansOptions.defaults(4, 7), backend, RunMonitor.NONE);
            assertArrayEquals(a.centres(), b.centres());
        }
    }

    @Test
    void missingRowsAreLabelledMinusOneAndNaNCellsImputed() throws IOException {
        int[] truth = new int[2 * 400];
        float[] v = sortedBlobs(2, 400, 2, truth, new Random(4));
        v[10 * 2] = Float.NaN;          // one missing cell: still clustered
        v[20 * 2] = Float.NaN;          // a row with no value at all
        v[20 * 2 + 1] = Float.NaN;
        ArrayBatchStream stream = ArrayBatchStream.of(v, 2, 100);
        try (CpuBackend backend = new CpuBackend(1)) {
            KMeansModel model = BatchedKMeans.fit(stream, List.of("p", "q"), KMeansOptions.defaults(2, 1), backend, RunMonitor.NONE);
            assertEquals(1, model.counts().missing());
            int[] labels = label(model, stream, truth.length);
            assertEquals(-1, labels[20]);
            assertTrue(labels[10] >= 0);
            for (float c : model.centres()) {
                assertTrue(Float.isFinite(c));
            }
        }
    }

    @Test
    void badInputGetsClearMessages() {
        try (CpuBackend backend = new CpuBackend(1)) {
            ArrayBatchStream empty = ArrayBatchStream.of(new float[0], 2, 10);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BatchedKMeans.fit(empty, List.of("a", "b"), KMeansOptions.defaults(2, 1), backend, RunMonitor.NONE));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());

            float[] v = {1, Float.NaN, 2, Float.NaN, 3, Float.NaN, 4, Float.NaN, 5, Float.NaN, 6, Float.NaN};
            e = assertThrows(IllegalArgumentException.class, () -> BatchedKMeans.fit(ArrayBatchStream.of(v, 2, 10),
                    List.of("height", "velocity"), KMeansOptions.defaults(2, 1), backend, RunMonitor.NONE));
            assertTrue(e.getMessage().contains("'velocity'"), e.getMessage());

            float[] few = {1, 2, 3, 4, 5};
            e = assertThrows(IllegalArgumentException.class, () -> BatchedKMeans.fit(ArrayBatchStream.of(few, 1, 10),
                    List.of("h"), new KMeansOptions(8, 256, 100, 1, 0, true, 1, 0), backend, RunMonitor.NONE));
            assertTrue(e.getMessage().contains("k = 8"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> KMeansOptions.defaults(1, 0));
        }
    }

    @Test
    void cancellationStopsTheRun() {
        float[] v = new float[10_000];
        RunMonitor cancelled = new RunMonitor() {
            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        try (CpuBackend backend = new CpuBackend(1)) {
            assertThrows(RunCancelledException.class, () -> BatchedKMeans.fit(ArrayBatchStream.of(v, 1, 100),
                    List.of("h"), KMeansOptions.defaults(2, 1), backend, cancelled));
        }
    }
}
