package io.geocluster.host.cli;

import io.geocluster.engine.compute.ComputeBackend;
import io.geocluster.engine.compute.CpuBackend;
import io.geocluster.engine.compute.GpuBackend;
import io.geocluster.engine.compute.GpuProbe;
import io.geocluster.engine.compute.LloydSession;
import io.geocluster.engine.graph.Aggregation;
import io.geocluster.engine.graph.GraphSmoother;
import io.geocluster.engine.iikmc.MinMaxCentres;
import io.geocluster.engine.iikmc.PooledLloyd;
import io.geocluster.engine.iikmc.PooledPixels;
import io.geocluster.engine.kmeans.MiniBatchKMeans;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The GPU rows of {@code geocluster bench}, each beside the CPU backend in the same run: one pooled
 * IIkMC Lloyd step with the pixels resident on the device (100 M pixels × 6 bands, k=8, fewer when
 * the heap cannot hold them), mini-batch partial fit at batch 4096 and 65 536 (d=16, k=8), and
 * smoothing (1 M points, 8 neighbours, H=3, d=16). Prints "no GPU: reason" when there is none.
 *
 * <p>Standalone, on a GPU machine without Maven:
 * {@code java -Xmx12g -cp engine/target/classes:host/target/classes:engine/target/gpu-lib/*
 * io.geocluster.host.cli.GpuBenchRows [seconds] [pixels]}.
 */
final class GpuBenchRows {
    private static final int BANDS = 6;
    private static final int K = 8;
    private static final int D = 16;
    private static final int PIXELS = 100_000_000;
    private static final int SMOOTH_POINTS = 1_000_000;

    private GpuBenchRows() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int pixels = args.length > 1 ? Integer.parseInt(args[1]) : PIXELS;
        print(System.out, seconds, pixels);
    }

    /** Prints the GPU rows, or one line saying why there are none. */
    static void print(PrintStream out, double seconds) {
        print(out, seconds, PIXELS);
    }

    static void print(PrintStream out, double seconds, int wantedPixels) {
        GpuProbe.Result probe = GpuProbe.probe();
        if (!probe.available()) {
            out.println("GPU rows: no GPU: " + probe.reason());
            return;
        }
        try (GpuBackend gpu = GpuBackend.open(); CpuBackend cpu = new CpuBackend()) {
            out.printf(Locale.ROOT, "GPU rows on %s, beside the CPU backend (%d threads)%n", gpu.device(), cpu.threads());
            out.printf(Locale.ROOT, "%-34s %16s %16s %8s%n", "measurement", "gpu", "cpu", "ratio");
            // Values and labels take 25 bytes per pixel on the heap; leave room for the rest.
            long heapPixels = (Runtime.getRuntime().maxMemory() - (1L << 30)) / 26;
            int pixels = (int) Math.max(1 << 20, Math.min(wantedPixels, heapPixels));
            try (PooledPixels pool = syntheticPool(pixels)) {
                double g = lloydSeconds(gpu, pool, seconds);
                double c = lloydSeconds(cpu, pool, seconds);
                out.printf(Locale.ROOT, "IIkMC measured on %,d pooled pixels x %d bands, k=%d, resident on the device%n",
                        pixels, BANDS, K);
                out.printf(Locale.ROOT, "%-34s %16.3f %16.3f %7.1fx%n", "IIkMC Lloyd step (ms, lower is better)",
                        g * 1e3, c * 1e3, c / g);
            }
            float[] data = blobs(1 << 20, D, K, 1);
            for (int batch : new int[] {4096, 65_536}) {
                double g = partialFitRate(gpu, data, batch, seconds);
                double c = partialFitRate(cpu, data, batch, seconds);
                row(out, "partial fit, batch " + batch + " (points/s)", g, c);
            }
            double[] sm = smoothingRates(gpu, cpu);
            row(out, "smoothing, H=3, d=16 (point-hops/s)", sm[0], sm[1]);
        } catch (RuntimeException e) {
            out.println("GPU rows: failed: " + e);
        }
    }

    private static void row(PrintStream out, String name, double gpu, double cpu) {
        out.printf(Locale.ROOT, "%-34s %16s %16s %7.1fx%n", name, millions(gpu), millions(cpu), gpu / cpu);
    }

    /** As the bench's other rates; not BenchCommand's, so that this class runs without the host's dependencies. */
    private static String millions(double rate) {
        return String.format(Locale.ROOT, "%.2f M", rate / 1e6);
    }

    /** Seconds per Lloyd step through the backend's session: the fastest of the steps in {@code seconds}. */
    static double lloydSeconds(ComputeBackend backend, PooledPixels pool, double seconds) {
        float[] centres = MinMaxCentres.of(pool.min(), pool.max(), K);
        byte[] ids = new byte[K];
        for (int i = 0; i < K; i++) {
            ids[i] = (byte) i;
        }
        double[] sums = new double[K * BANDS];
        long[] counts = new long[K];
        double best = Double.MAX_VALUE;
        try (LloydSession session = backend.openLloyd(PooledLloyd.lloydRows(pool))) {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            for (int step = 0; step < 3 || System.nanoTime() < end && step < 50; step++) {
                long t0 = System.nanoTime();
                session.step(centres, K, ids, sums, counts, n -> { });
                double t = (System.nanoTime() - t0) * 1e-9;
                if (step > 0) {
                    best = Math.min(best, t); // the first step warms up (JIT, module, caches)
                }
            }
        }
        return best;
    }

    /** Reflectance-like pixels: K spectra with uniform noise, appended piece by piece. */
    private static PooledPixels syntheticPool(int pixels) {
        SplittableRandom r = new SplittableRandom(20240101L);
        float[] spectra = new float[K * BANDS];
        for (int i = 0; i < spectra.length; i++) {
            spectra[i] = (float) (0.02 + 0.48 * r.nextDouble());
        }
        PooledPixels pool = new PooledPixels(BANDS, K, Long.MAX_VALUE, null);
        int piece = 1 << 16;
        float[] x = new float[piece * BANDS];
        for (int done = 0; done < pixels; done += piece) {
            int n = Math.min(piece, pixels - done);
            for (int i = 0; i < n; i++) {
                int c = r.nextInt(K);
                for (int j = 0; j < BANDS; j++) {
                    x[i * BANDS + j] = (float) (spectra[c * BANDS + j] + 0.06 * (r.nextDouble() - 0.5));
                }
            }
            pool.append(x, 0, n);
        }
        pool.fillLabels((byte) 0xFF);
        return pool;
    }

    private static float[] blobs(int n, int d, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] means = new float[k * d];
        for (int i = 0; i < means.length; i++) {
            means[i] = (float) (r.nextDouble() * 10 - 5);
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(k);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (means[c * d + j] + r.nextDouble() - 0.5);
            }
        }
        return x;
    }

    static double partialFitRate(ComputeBackend backend, float[] data, int batch, double seconds) {
        int n = data.length / D;
        MiniBatchKMeans model = new MiniBatchKMeans(Arrays.copyOf(data, K * D), K, D, backend, new SplittableRandom(1));
        float[] x = new float[batch * D];
        long points = 0;
        long t0 = 0;
        long end = Long.MAX_VALUE;
        for (int step = 0; System.nanoTime() < end; step++) {
            if (step == 5) { // warm-up done
                t0 = System.nanoTime();
                end = t0 + (long) (seconds * 1e9);
                points = 0;
            }
            int from = (int) (((long) step * batch) % (n - batch));
            System.arraycopy(data, from * D, x, 0, batch * D);
            model.partialFit(x, batch);
            points += batch;
        }
        return points / ((System.nanoTime() - t0) * 1e-9);
    }

    /** Point-hops per second of {@code GraphSmoother.smooth} on a random 8-neighbour graph: {gpu, cpu}. */
    static double[] smoothingRates(ComputeBackend gpu, ComputeBackend cpu) {
        int n = SMOOTH_POINTS;
        int hops = 3;
        SplittableRandom r = new SplittableRandom(7);
        int[] offsets = new int[n + 1];
        int[] targets = new int[n * 8];
        float[] lengths = new float[n * 8];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + 8;
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                // Neighbours near in index, as spatially sorted points are.
                targets[e] = Math.floorMod(i + r.nextInt(-500, 501), n);
                lengths[e] = (float) (1 + 20 * r.nextDouble());
            }
        }
        float[] x = blobs(n, D, K, 3);
        float[] out = new float[n * D];
        double[] rates = new double[2];
        ComputeBackend[] backends = {gpu, cpu};
        for (int b = 0; b < 2; b++) {
            GraphSmoother.smooth(offsets, targets, lengths, n, x, D, hops, 0.5, Aggregation.MEAN, backends[b], out);
            long t0 = System.nanoTime();
            GraphSmoother.smooth(offsets, targets, lengths, n, x, D, hops, 0.5, Aggregation.MEAN, backends[b], out);
            rates[b] = (double) n * hops / ((System.nanoTime() - t0) * 1e-9);
        }
        return rates;
    }
}
