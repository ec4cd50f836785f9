package io.geocluster.host.cli;

import io.geocluster.engine.reservoir.ParallelEmbedding;
import io.geocluster.engine.reservoir.ReservoirEmbedding;
import io.geocluster.engine.reservoir.ReservoirModel;
import io.geocluster.engine.reservoir.ReservoirOptions;
import io.geocluster.engine.reservoir.ScalarReservoirEmbedding;
import io.geocluster.engine.reservoir.TimeGrid;
import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The reservoir embedding's throughput for the bench command: embeddings per second of 100-date
 * series with R = 100 and D = 10, against the plain scalar computation run in the same process
 * ({@link ScalarReservoirEmbedding}: one series at a time, the same sparse weights, doubles,
 * {@link Math#tanh}).
 */
final class ReservoirBench {
    static final int DATES = 100;
    static final int SERIES = 4096;

    /**
     * Embeddings per second: ours on one thread, ours on every core, and the baseline's (one thread).
     */
    record Result(double embeddingsPerSecond, double allThreadsPerSecond, double baselinePerSecond) {
    }

    private ReservoirBench() {
    }

    /** Prints the bench rows: one thread against the baseline, then every core. */
    static void print(PrintStream out, double seconds) {
        Result r = run(seconds);
        out.printf(Locale.ROOT, "%-34s%n", "reservoir embedding, 100 dates, R=100, D=10 (embeddings/s)");
        out.printf(Locale.ROOT, "%-34s %16s %16s %7.1fx%n", "  one thread", thousands(r.embeddingsPerSecond()),
                thousands(r.baselinePerSecond()), r.embeddingsPerSecond() / r.baselinePerSecond());
        out.printf(Locale.ROOT, "%-34s %16s %16s %7.1fx%n", "  " + Runtime.getRuntime().availableProcessors() + " threads",
                thousands(r.allThreadsPerSecond()), thousands(r.baselinePerSecond()), r.allThreadsPerSecond() / r.baselinePerSecond());
    }

    private static String thousands(double rate) {
        return String.format(Locale.ROOT, "%.1f k", rate / 1e3);
    }

    static Result run(double seconds) {
        long[] days = new long[DATES];
        for (int i = 0; i < DATES; i++) {
            days[i] = 17_500 + 12L * i;
        }
        TimeGrid grid = new TimeGrid(days);
        float[] data = series(new SplittableRandom(11));
        ReservoirModel model = ReservoirModel.fit(grid, ReservoirOptions.defaults(1), data, SERIES, DATES);
        ReservoirEmbedding embedding = model.embedding();
        int f = model.features();
        float[] out = new float[SERIES * f];
        double ours = rate(seconds, SERIES, () -> embedding.embed(data, 0, DATES, SERIES, out, 0, f));
        double all;
        try (ParallelEmbedding threads = new ParallelEmbedding(model, Runtime.getRuntime().availableProcessors())) {
            all = rate(seconds, SERIES, () -> threads.embed(data, 0, DATES, SERIES, out, 0, f));
        }
        ScalarReservoirEmbedding scalar = new ScalarReservoirEmbedding(model);
        double base = rate(seconds, SERIES, () -> {
            for (int s = 0; s < SERIES; s++) {
                double[] features = scalar.embed(data, s * DATES);
                for (int j = 0; j < f; j++) {
                    out[s * f + j] = (float) features[j];
                }
            }
        });
        return new Result(ours, all, base);
    }

    /** Seasonal, trending and random-walk series with noise, in millimetres. */
    private static float[] series(SplittableRandom rnd) {
        float[] x = new float[SERIES * DATES];
        for (int s = 0; s < SERIES; s++) {
            double amplitude = 2 + 8 * rnd.nextDouble();
            double phase = rnd.nextDouble() * 2 * Math.PI;
            double trend = -0.3 + 0.6 * rnd.nextDouble();
            double walk = 0;
            for (int t = 0; t < DATES; t++) {
                walk += (s % 3 == 0 ? 1 : 0) * (rnd.nextDouble() - 0.5);
                x[s * DATES + t] = (float) (amplitude * Math.sin(2 * Math.PI * t / 30 + phase) + trend * t + walk
                        + rnd.nextDouble() - 0.5);
            }
        }
        return x;
    }

    /** Warms up for a third of the time, then returns series per second over the rest. */
    private static double rate(double seconds, int perStep, Runnable step) {
        long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        while (System.nanoTime() < warmEnd) {
            step.run();
        }
        long start = System.nanoTime();
        long steps = 0;
        long now;
        do {
            step.run();
            steps++;
            now = System.nanoTime();
        } while (now < start + (long) (seconds * 1e9));
        return steps * (double) perStep / ((now - start) / 1e9);
    }
}
