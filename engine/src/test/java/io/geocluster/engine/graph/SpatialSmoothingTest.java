package io.geocluster.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.ArrayBatchStream;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.CpuBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The out-of-core pipeline gives what smoothing the whole layer in memory gives. */
class SpatialSmoothingTest {
    @TempDir
    Path scratch;

    private static ArrayBatchStream layer(int n, int d, long seed, double[] x, double[] y, float[] v) {
        Random r = new Random(seed);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1000 + i;
            x[i] = 4_250_000 + r.nextDouble() * 5_000;
            y[i] = 4_050_000 + r.nextDouble() * 5_000;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (r.nextGaussian() + (x[i] > 4_252_500 ? 3 : 0));
            }
        }
        return new ArrayBatchStream(v, d, ids, x, y, 333);
    }

    @Test
    void shardedSmoothingEqualsInMemorySmoothing() throws IOException {
        int n = 3000, d = 3;
        double[] x = new double[n];
        double[] y = new double[n];
        float[] v = new float[n * d];
        ArrayBatchStream stream = layer(n, d, 7, x, y, v);
        for (Aggregation aggregation : Aggregation.values()) {
            SmoothingOptions options = new SmoothingOptions(2, 0.4, 5, Double.POSITIVE_INFINITY, aggregation, false);
            float[] expected = new float[n * d];
            try (CpuBackend backend = new CpuBackend(2)) {
                KnnGraph g = KnnGraphBuilder.build(x, y, n, 5, Double.POSITIVE_INFINITY);
                GraphSmoother.smooth(g.offsets(), g.targets(), g.lengths(), n, v, d, 2, 0.4, aggregation, backend, expected);
                // 200 rows per shard: a 4 × 4 grid, so most neighbourhoods cross shard borders.
                try (SmoothedFeatures s = SpatialSmoothing.run(stream, d, options, scratch, backend, RunMonitor.NONE, 200)) {
                    assertEquals(0, s.statistics().haloLimited());
                    assertTrue(s.statistics().shards() >= 9, "shards: " + s.statistics().shards());
                    assertEquals(5.0, s.statistics().meanDegree(), 1e-12);
                    float[] got = new float[n * d];
                    s.overwrite(0, n, got, d);
                    for (int i = 0; i < n * d; i++) {
                        assertEquals(expected[i], got[i], 1e-4 * (1 + Math.abs(expected[i])), aggregation + " value " + i);
                    }
                }
            }
        }
        try (var left = Files.list(scratch)) {
            assertEquals(0, left.count(), "scratch files are removed on close");
        }
    }

    @Test
    void cancellingInAnyPassLeavesNoScratch() throws IOException {
        int n = 3000, d = 2;
        double[] x = new double[n];
        double[] y = new double[n];
        float[] v = new float[n * d];
        ArrayBatchStream stream = layer(n, d, 5, x, y, v);
        SmoothingOptions options = new SmoothingOptions(3, 0.5, 6, Double.POSITIVE_INFINITY, Aggregation.WEIGHTED, false);
        for (String pass : new String[] {"bounds", "sharding", "graph", "smoothing 2/3"}) {
            RunMonitor cancelIn = new RunMonitor() {
                private String current = "";

                @Override
                public void passStarted(String name, long rows) {
                    current = name;
                }

                @Override
                public boolean isCanceled() {
                    return current.equals(pass);
                }
            };
            try (CpuBackend backend = new CpuBackend(2)) {
                assertThrows(io.geocluster.engine.RunCancelledException.class,
                        () -> SpatialSmoothing.run(stream, d, options, scratch, backend, cancelIn, 300), pass);
            }
            try (var left = Files.list(scratch)) {
                assertEquals(0, left.count(), "cancelled in " + pass + ": scratch files must be gone");
            }
        }
    }

    @Test
    void badInputIsNamedAndLeavesNoScratch() throws IOException {
        int n = 50, d = 1;
        double[] x = new double[n];
        double[] y = new double[n];
        float[] v = new float[n];
        layer(n, d, 3, x, y, v);
        x[7] = Double.NaN;
        SmoothingOptions options = new SmoothingOptions(1, 0.5, 4, Double.POSITIVE_INFINITY, Aggregation.MEAN, false);
        long[] ids = new long[n];
        java.util.Arrays.setAll(ids, i -> 1000 + i);
        try (CpuBackend backend = new CpuBackend(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpatialSmoothing.run(
                    new ArrayBatchStream(v, d, ids, x, y, 10), d, options, scratch, backend, RunMonitor.NONE));
            assertTrue(e.getMessage().contains("Feature 1007 has no coordinates"), e.getMessage());
            x[7] = x[8];
            y[7] = y[8];
            e = assertThrows(IllegalArgumentException.class, () -> SpatialSmoothing.run(
                    new ArrayBatchStream(v, d, ids, x, y, 10), d, options, scratch, backend, RunMonitor.NONE));
            assertTrue(e.getMessage().contains("identical coordinates"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> SpatialSmoothing.run(
                    new ArrayBatchStream(java.util.Arrays.copyOf(v, 4), d, java.util.Arrays.copyOf(ids, 4),
                            java.util.Arrays.copyOf(x, 4), java.util.Arrays.copyOf(y, 4), 10),
                    d, options, scratch, backend, RunMonitor.NONE));
            assertTrue(e.getMessage().contains("neighbours = 4 must be smaller than the number of points (4)"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new SmoothingOptions(-1, 0.5, 4, 1, Aggregation.MEAN, false));
        assertThrows(IllegalArgumentException.class, () -> new SmoothingOptions(1, 1.5, 4, 1, Aggregation.MEAN, false));
        try (var left = Files.list(scratch)) {
            assertEquals(0, left.count(), "a failed run removes its scratch folder");
        }
    }
}
