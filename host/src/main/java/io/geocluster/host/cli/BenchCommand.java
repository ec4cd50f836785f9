package io.geocluster.host.cli;

import io.geocluster.engine.compute.CpuBackend;
import io.geocluster.engine.kmeans.MiniBatchKMeans;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code geocluster bench}: measures the hot paths side by side with a plain scalar baseline run
 * in the same process, and prints ratios: partial-fit points/s at batch 256 and 4096 (d=16, k=8),
 * labelling points/s, one pooled IIkMC Lloyd iteration (5 M pixels × 6 bands, k=8, also beside
 * scikit-learn when python3 has it) and Landsat reading and masking pixels/s, kNN graph build
 * and smoothing throughput (1 M points, k=8, H=3), and
 * end-to-end points/s from a generated GeoPackage with the peak heap.
 *
 * <p>Run it with {@code JAVA_OPTS=-Xmx256m} to check the heap bound.
 */
final class BenchCommand {
    static final String NAME = "bench";
    private static final int D = 16;
    private static final int K = 8;

    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws IOException {
        CommandLine cl = CommandLine.parse(args, Set.of("help", "skip-end-to-end"));
        if (cl.flags().contains("help")) {
            out.println("Usage: geocluster bench [--points N (end to end, default 1000000)] [--seconds S (per measurement, default 2)] [--skip-end-to-end]");
            return 0;
        }
        long points = Long.parseLong(cl.options().getOrDefault("points", "1000000"));
        double seconds = Double.parseDouble(cl.options().getOrDefault("seconds", "2"));
        out.printf(Locale.ROOT, "geocluster bench: %d cores, Java %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf(Locale.ROOT, "%-34s %16s %16s %8s%n", "measurement", "geocluster", "scalar baseline", "ratio");
        float[] data = blobs(1 << 20, new Random(1));
        for (int batch : new int[] {256, 4096}) {
            double ours = partialFitRate(data, batch, seconds, new CpuBackend());
            double base = baselinePartialFitRate(data, batch, seconds);
            row("partial fit, batch " + batch + " (points/s)", ours, base);
        }
        try (CpuBackend backend = new CpuBackend()) {
            double ours = labelRate(data, seconds, backend);
            double base = baselineLabelRate(data, seconds);
            row("labelling (points/s)", ours, base);
        }
        IikmcBenchRows.print(out, seconds);
        ReservoirBench.print(out, seconds);
        // The in-memory graph and smoothing take about 700 bytes per point: fewer points under a small heap.
        int smoothingPoints = (int) Math.min(points, Math.min(1_000_000, Runtime.getRuntime().maxMemory() / 700));
        SmoothingBench.Result sm = SmoothingBench.run(smoothingPoints);
        out.printf(Locale.ROOT, "smoothing measured on %,d uniform points, k=8, H=3, d=16%n", sm.points());
        out.printf(Locale.ROOT, "%-34s %16s%n", "kNN graph build, k=8 (points/s)", fmt(sm.graphPointsPerSecond()));
        row("smoothing, H=3, d=16 (point-hops/s)", sm.smoothingPointHopsPerSecond(), sm.baselinePointHopsPerSecond());
        out.printf(Locale.ROOT, "%-34s %16s%n", "out-of-core smoothing (points/s)", fmt(sm.outOfCorePointsPerSecond()));
        if (!cl.flags().contains("skip-end-to-end")) {
            EndToEndBench.Result r = new EndToEndBench(err).run(points);
            out.printf(Locale.ROOT, "%-34s %16s%n", "end to end from GeoPackage", fmt(r.pointsPerSecond()) + " points/s");
            out.printf(Locale.ROOT, "  %d points, %d features: %s%n", r.points(), r.features(), r.passes());
        }
        GpuBenchRows.print(out, seconds);
        SparkBenchRows.print(out);
        out.printf(Locale.ROOT, "%-34s %13d MiB (max heap %d MiB)%n", "peak old-generation heap", peakHeapMiB(),
                Runtime.getRuntime().maxMemory() >> 20);
        return 0;
    }

    private void row(String name, double ours, double base) {
        out.printf(Locale.ROOT, "%-34s %16s %16s %7.1fx%n", name, fmt(ours), fmt(base), ours / base);
    }

    static String fmt(double rate) {
        return String.format(Locale.ROOT, "%.2f M", rate / 1e6);
    }

    /** Gaussian blobs around K random centres: realistic label changes, no degenerate ties. */
    static float[] blobs(int n, Random r) {
        float[] centres = new float[K * D];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) (4 * r.nextGaussian());
        }
        float[] x = new float[n * D];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(K);
            for (int j = 0; j < D; j++) {
                x[i * D + j] = (float) (centres[c * D + j] + r.nextGaussian());
            }
        }
        return x;
    }

    private static double partialFitRate(float[] data, int batch, double seconds, CpuBackend backend) {
        try (backend) {
            int n = data.length / D;
            float[] init = java.util.Arrays.copyOf(data, K * D);
            MiniBatchKMeans model = new MiniBatchKMeans(init, K, D, backend, new SplittableRandom(1));
            float[] x = new float[batch * D];
            return timeLoop(seconds, batch, step -> {
                int from = (int) ((step * batch) % (n - batch));
                System.arraycopy(data, from * D, x, 0, batch * D);
                model.partialFit(x, batch);
            });
        }
    }

    /** The textbook step, scalar and single-threaded: distances in double, a map from labels to sums. */
    private static double baselinePartialFitRate(float[] data, int batch, double seconds) {
        int n = data.length / D;
        double[] c = new double[K * D];
        for (int i = 0; i < c.length; i++) {
            c[i] = data[i];
        }
        double[] w = new double[K];
        int[] labels = new int[batch];
        return timeLoop(seconds, batch, step -> {
            int from = (int) ((step * batch) % (n - batch));
            double[] sums = new double[K * D];
            int[] counts = new int[K];
            for (int i = 0; i < batch; i++) {
                int row = (from + i) * D;
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int q = 0; q < K; q++) {
                    double s = 0;
                    for (int j = 0; j < D; j++) {
                        double t = data[row + j] - c[q * D + j];
                        s += t * t;
                    }
                    if (s < bestD) {
                        bestD = s;
                        best = q;
                    }
                }
                labels[i] = best;
                counts[best]++;
                for (int j = 0; j < D; j++) {
                    sums[best * D + j] += data[row + j];
                }
            }
            for (int q = 0; q < K; q++) {
                if (counts[q] > 0) {
                    for (int j = 0; j < D; j++) {
                        c[q * D + j] = (c[q * D + j] * w[q] + sums[q * D + j]) / (w[q] + counts[q]);
                    }
                    w[q] += counts[q];
                }
            }
        });
    }

    private static double labelRate(float[] data, double seconds, CpuBackend backend) {
        int n = data.length / D;
        float[] centres = java.util.Arrays.copyOf(data, K * D);
        int[] labels = new int[n];
        float[] dist = new float[n];
        return timeLoop(seconds, n, step -> backend.assign(data, n, D, centres, K, labels, dist));
    }

    private static double baselineLabelRate(float[] data, double seconds) {
        int n = data.length / D;
        float[] centres = java.util.Arrays.copyOf(data, K * D);
        int[] labels = new int[n];
        return timeLoop(seconds, n, step -> {
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int q = 0; q < K; q++) {
                    double s = 0;
                    for (int j = 0; j < D; j++) {
                        double t = data[i * D + j] - centres[q * D + j];
                        s += t * t;
                    }
                    if (s < bestD) {
                        bestD = s;
                        best = q;
                    }
                }
                labels[i] = best;
            }
        });
    }

    @FunctionalInterface
    private interface Step {
        void run(long step);
    }

    /** Warms up for a third of the time, then returns points per second over the rest. */
    private static double timeLoop(double seconds, int pointsPerStep, Step step) {
        long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        long s = 0;
        while (System.nanoTime() < warmEnd) {
            step.run(s++);
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long steps = 0;
        long now;
        do {
            step.run(s++);
            steps++;
            now = System.nanoTime();
        } while (now < end);
        return steps * (double) pointsPerStep / ((now - start) / 1e9);
    }

    /**
     * Peak occupancy of the old generation: what stayed alive, without the young garbage that a
     * sum of every pool's peak would count several times over.
     */
    static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && (name.contains("Old") || name.contains("Tenured"))) {
                peak = Math.max(peak, pool.getPeakUsage().getUsed());
            }
        }
        return peak >> 20;
    }
}
