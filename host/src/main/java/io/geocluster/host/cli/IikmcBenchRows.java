package io.geocluster.host.cli;

import io.geocluster.engine.iikmc.IikmcBench;
import io.geocluster.host.raster.LandsatSceneSource;
import io.geocluster.plugin.raster.QaMask;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The IIkMC measurements of {@code geocluster bench}: one pooled Lloyd iteration (5 M pixels ×
 * 6 bands, k = 8, DESIGN §7) beside a scalar loop in the same JVM and, when {@code python3} with
 * scikit-learn is on the machine, beside scikit-learn's Lloyd timed by {@code bench/sklearn_lloyd.py};
 * and the rate of reading and masking Landsat scenes.
 */
final class IikmcBenchRows {
    /** Pixels of the pooled iteration, as in DESIGN §7. */
    static final int PIXELS = 5_000_000;
    private static final int BANDS = 6;
    private static final int K = 8;
    private static final Path SKLEARN_SCRIPT = Path.of("bench", "sklearn_lloyd.py");
    private static final Path SCENES = Path.of("test-data", "landsat");

    private IikmcBenchRows() {
    }

    /** Measures and prints the IIkMC rows in the bench table's layout. */
    static void print(PrintStream out, double seconds) throws IOException {
        IikmcBenchRows.Result ik = IikmcBenchRows.run(seconds);
        IikmcBench.Times t = ik.times();
        out.printf(Locale.ROOT, "IIkMC measured on %,d uniform pooled pixels x 6 bands, k=8, from the min-max centres"
                + " (seconds per Lloyd iteration: (t(%d) - t(1)) / %d)%n", ik.pixels(), IikmcBench.ITERATIONS,
                t.iterations() - 1);
        out.printf(Locale.ROOT, "%-34s %16.4f %16.4f %7.1fx%n", "IIkMC iteration (s, lower is better)", t.perIteration(),
                t.scalarPerIteration(), t.scalarPerIteration() / t.perIteration());
        out.printf(Locale.ROOT, "%-34s %16.4f%n", "  1-iteration run (every pixel new)", t.firstIteration());
        double[] sk = ik.sklearnSeconds();
        if (Double.isFinite(sk[0])) {
            out.printf(Locale.ROOT, "%-34s %16.4f %16s %7.1fx%n", "  scikit-learn Lloyd, float32 data", sk[0], "",
                    sk[0] / t.perIteration());
            out.printf(Locale.ROOT, "%-34s %16.4f %16s %7.1fx%n", "  scikit-learn Lloyd, float64 data", sk[1], "",
                    sk[1] / t.perIteration());
            out.printf(Locale.ROOT, "  (the same pixels and start for both; iterations run: geocluster %d, scikit-learn %d)%n",
                    t.iterations(), (int) sk[2]);
        } else {
            out.printf(Locale.ROOT, "  (no python3 with scikit-learn, or no bench/sklearn_lloyd.py here: scikit-learn not timed)%n");
        }
        IikmcBench.Convergence c = ik.convergence();
        out.printf(Locale.ROOT, "IIkMC to convergence on %,d clustered pixels (8 spectra +-0.03), from the min-max centres"
                + " (seconds of a whole run)%n", ik.pixels());
        out.printf(Locale.ROOT, "%-34s %16.4f %16s %7s   (%d iterations)%n", "IIkMC run (s, lower is better)",
                c.seconds(), "", "", c.iterations());
        double[] skc = ik.sklearnConvergence();
        if (Double.isFinite(skc[0])) {
            out.printf(Locale.ROOT, "%-34s %16.4f %16s %7.1fx  (%d iterations)%n", "  scikit-learn Lloyd, float32 data",
                    skc[0], "", skc[0] / c.seconds(), (int) skc[1]);
            out.printf(Locale.ROOT, "%-34s %16.4f %16s %7.1fx  (%d iterations)%n", "  scikit-learn Lloyd, float64 data",
                    skc[2], "", skc[2] / c.seconds(), (int) skc[3]);
        }
        if (Double.isFinite(ik.readPixelsPerSecond())) {
            out.printf(Locale.ROOT, "%-34s %16s%n", "Landsat read + QA mask (pixels/s)", BenchCommand.fmt(ik.readPixelsPerSecond()));
        }
    }

    /** The measured values; NaN where a measurement could not run. */
    record Result(int pixels, IikmcBench.Times times, double[] sklearnSeconds, IikmcBench.Convergence convergence,
                  double[] sklearnConvergence, double readPixelsPerSecond) {
    }

    static Result run(double seconds) throws IOException {
        // One copy of the pixels must fit: 4 bytes per value, a label byte and a 4-byte bound per pixel.
        long room = (Runtime.getRuntime().maxMemory() - (96L << 20)) / (BANDS * 4 + 5);
        int pixels = (int) Math.max(1 << 18, Math.min(PIXELS, room));
        Path data = Files.createTempFile("geocluster-bench-pixels", ".f32");
        int threads = Runtime.getRuntime().availableProcessors();
        try {
            IikmcBench.Times t = IikmcBench.measure(pixels, BANDS, K, threads, data);
            double[] sk = sklearn(pixels, data, false);
            IikmcBench.Convergence c = IikmcBench.converge(pixels, BANDS, K, threads, data);
            return new Result(pixels, t, sk, c, sklearn(pixels, data, true), readRate(seconds));
        } finally {
            Files.deleteIfExists(data);
        }
    }

    /**
     * What {@code bench/sklearn_lloyd.py} prints for the pixels in {@code data}: seconds per Lloyd
     * iteration on float32 and on float64 data and the iterations it ran, or with
     * {@code converge} seconds and iterations of a whole run to convergence on float32 then
     * float64 data; NaNs without python3 and scikit-learn.
     */
    static double[] sklearn(int pixels, Path data, boolean converge) {
        double[] none = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        if (!Files.exists(SKLEARN_SCRIPT)) {
            return none;
        }
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, SKLEARN_SCRIPT.toString(), Integer.toString(pixels),
                        Integer.toString(BANDS), Integer.toString(K), data.toString(), converge ? "converge" : "iteration")
                        .redirectErrorStream(true).start();
                if (!p.waitFor(600, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    continue;
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (p.exitValue() == 0) {
                    String[] v = out.substring(out.lastIndexOf('\n') + 1).strip().split("\\s+");
                    double[] values = new double[none.length];
                    java.util.Arrays.fill(values, Double.NaN);
                    for (int i = 0; i < Math.min(v.length, values.length); i++) {
                        values[i] = Double.parseDouble(v[i]);
                    }
                    return values;
                }
            } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // this python is missing or lacks scikit-learn: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return none;
            }
        }
        return none;
    }

    /** Pixels per second read from the bundled scenes with the default QA mask, or NaN without them. */
    static double readRate(double seconds) throws IOException {
        if (!Files.isDirectory(SCENES)) {
            return Double.NaN;
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(SCENES)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        if (folders.isEmpty()) {
            return Double.NaN;
        }
        long pixels = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        do {
            // Opening is part of the cost: the band files are decoded at open.
            for (Path f : folders) {
                LandsatSceneSource scene = LandsatSceneSource.open(f, null, QaMask.defaults());
                int rows = scene.blockHeight() * Math.max(1, 64 / scene.blockHeight());
                float[] values = new float[rows * scene.width() * scene.bands().size()];
                boolean[] valid = new boolean[rows * scene.width()];
                for (int first = 0; first < scene.height(); first += rows) {
                    int n = Math.min(rows, scene.height() - first);
                    scene.readRows(first, n, values, valid);
                    pixels += (long) n * scene.width();
                }
            }
        } while (System.nanoTime() < end);
        return pixels / ((System.nanoTime() - t0) * 1e-9);
    }
}
