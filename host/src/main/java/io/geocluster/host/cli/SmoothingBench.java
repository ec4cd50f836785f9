package io.geocluster.host.cli;

import io.geocluster.engine.ArrayBatchStream;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.CpuBackend;
import io.geocluster.engine.graph.Aggregation;
import io.geocluster.engine.graph.GraphSmoother;
import io.geocluster.engine.graph.KnnGraph;
import io.geocluster.engine.graph.KnnGraphBuilder;
import io.geocluster.engine.graph.SmoothedFeatures;
import io.geocluster.engine.graph.SmoothingOptions;
import io.geocluster.engine.graph.SpatialSmoothing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The smoothing part of the benchmark: k-nearest-neighbour graph build and H-hop smoothing for N
 * uniform points (8 neighbours, H = 3, d = 16), in memory and out of core, beside a plain
 * scalar smoothing loop run in the same JVM.
 */
final class SmoothingBench {
    /** What was measured. */
    record Result(int points, double graphPointsPerSecond, double smoothingPointHopsPerSecond, double baselinePointHopsPerSecond,
                  double outOfCorePointsPerSecond) {
    }

    private static final int K = 8;
    private static final int HOPS = 3;
    private static final int D = 16;

    private SmoothingBench() {
    }

    static Result run(int n) throws IOException {
        Random r = new Random(11);
        double[] x = new double[n];
        double[] y = new double[n];
        float[] v = new float[n * D];
        long[] ids = new long[n];
        double side = Math.sqrt(n) * 14; // ~14 m between points, as dense InSAR
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * side;
            y[i] = r.nextDouble() * side;
            ids[i] = i;
            for (int j = 0; j < D; j++) {
                v[i * D + j] = (float) r.nextGaussian();
            }
        }
        spatialOrder(x, y, v, side);
        // A first, smaller build lets the JIT compile the search before the timed one.
        KnnGraphBuilder.build(x, y, Math.min(n, 100_000), K, Double.POSITIVE_INFINITY);
        long t0 = System.nanoTime();
        KnnGraph g = KnnGraphBuilder.build(x, y, n, K, Double.POSITIVE_INFINITY);
        double graphSeconds = (System.nanoTime() - t0) / 1e9;
        float[] out = new float[n * D];
        double smoothSeconds;
        try (CpuBackend backend = new CpuBackend()) {
            GraphSmoother.smooth(g.offsets(), g.targets(), g.lengths(), n, v, D, 1, 0.5, Aggregation.MEAN, backend, out);
            long t1 = System.nanoTime();
            GraphSmoother.smooth(g.offsets(), g.targets(), g.lengths(), n, v, D, HOPS, 0.5, Aggregation.MEAN, backend, out);
            smoothSeconds = (System.nanoTime() - t1) / 1e9;
        }
        long t2 = System.nanoTime();
        baselineSmooth(g, v, n);
        double baselineSeconds = (System.nanoTime() - t2) / 1e9;
        Path scratch = Files.createTempDirectory("geocluster-bench-smoothing");
        double outOfCoreSeconds;
        try (CpuBackend backend = new CpuBackend()) {
            long t3 = System.nanoTime();
            try (SmoothedFeatures s = SpatialSmoothing.run(new ArrayBatchStream(v, D, ids, x, y, 4096), D,
                    new SmoothingOptions(HOPS, 0.5, K, Double.POSITIVE_INFINITY, Aggregation.MEAN, false), scratch, backend,
                    RunMonitor.NONE)) {
                outOfCoreSeconds = (System.nanoTime() - t3) / 1e9;
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
        return new Result(n, n / graphSeconds, (double) n * HOPS / smoothSeconds, (double) n * HOPS / baselineSeconds,
                n / outOfCoreSeconds);
    }

    /**
     * Reorders the points along a Morton (Z-order) curve of 50 m cells, as the sharded pipeline
     * stores them: neighbours then sit near each other in memory, as in any spatially sorted layer.
     */
    private static void spatialOrder(double[] x, double[] y, float[] v, double side) {
        int n = x.length;
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            long cx = (long) (x[i] / 50);
            long cy = (long) (y[i] / 50);
            long morton = 0;
            for (int b = 0; b < 20; b++) {
                morton |= ((cx >> b) & 1L) << (2 * b) | ((cy >> b) & 1L) << (2 * b + 1);
            }
            keyed[i] = (morton << 22) | i; // n ≤ 2^22 in the bench
        }
        java.util.Arrays.sort(keyed);
        double[] x2 = x.clone();
        double[] y2 = y.clone();
        float[] v2 = v.clone();
        for (int r = 0; r < n; r++) {
            int i = (int) (keyed[r] & ((1 << 22) - 1));
            x[r] = x2[i];
            y[r] = y2[i];
            System.arraycopy(v2, i * D, v, r * D, D);
        }
    }

    /** Textbook smoothing: per row, per neighbour, per feature, in double, one hop after another. */
    private static void baselineSmooth(KnnGraph g, float[] v, int n) {
        float[] prev = v.clone();
        float[] next = new float[n * D];
        int[] offsets = g.offsets();
        int[] targets = g.targets();
        for (int h = 0; h < HOPS; h++) {
            for (int i = 0; i < n; i++) {
                int deg = offsets[i + 1] - offsets[i];
                for (int j = 0; j < D; j++) {
                    double s = 0;
                    for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                        s += prev[targets[e] * D + j];
                    }
                    next[i * D + j] = (float) (deg == 0 ? prev[i * D + j] : 0.5 * prev[i * D + j] + 0.5 * s / deg);
                }
            }
            float[] t = prev;
            prev = next;
            next = t;
        }
    }
}
