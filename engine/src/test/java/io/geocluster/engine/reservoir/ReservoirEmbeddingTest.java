package io.geocluster.engine.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reservoir model space: against a scalar double-precision reference, and its properties
 * (determinism, offset and time-shift insensitivity, separation of dynamic regimes).
 */
class ReservoirEmbeddingTest {
    private static final int DATES = 80;
    private static final int PER_REGIME = 25;
    private static final int REGIMES = 4;
    private static final ReservoirOptions OPTIONS = ReservoirOptions.defaults(5);

    private static TimeGrid grid() {
        long[] days = new long[DATES];
        for (int i = 0; i < DATES; i++) {
            days[i] = 17_000 + 12L * i;
        }
        return new TimeGrid(days);
    }

    /**
     * Regime 0 seasonal (period 30 steps), 1 linear subsidence, 2 accelerating, 3 random walk;
     * each with white noise, amplitudes in millimetres varying by series.
     */
    private static float[] series(int regime, double shift, SplittableRandom rnd) {
        float[] s = new float[DATES];
        double amplitude = 6 + 3 * rnd.nextDouble();
        double walk = 0;
        for (int t = 0; t < DATES; t++) {
            double u = t + shift;
            double value = switch (regime) {
                case 0 -> amplitude * Math.sin(2 * Math.PI * u / 30);
                case 1 -> -amplitude * 0.1 * u;
                case 2 -> -amplitude * 8 * (u / DATES) * (u / DATES);
                default -> walk += 1.5 * gaussian(rnd);
            };
            s[t] = (float) (value + 0.8 * gaussian(rnd));
        }
        return s;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static float[] catalogue(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] all = new float[REGIMES * PER_REGIME * DATES];
        for (int r = 0; r < REGIMES; r++) {
            for (int i = 0; i < PER_REGIME; i++) {
                System.arraycopy(series(r, 0, rnd), 0, all, (r * PER_REGIME + i) * DATES, DATES);
            }
        }
        return all;
    }

    private static float[] embed(ReservoirModel model, float[] rows, int count) {
        float[] out = new float[count * model.features()];
        model.embedding().embed(rows, 0, DATES, count, out, 0, model.features());
        return out;
    }

    @Test
    void matchesTheScalarDoublePrecisionReference() {
        float[] data = catalogue(1);
        int n = REGIMES * PER_REGIME;
        ReservoirModel model = ReservoirModel.fit(grid(), OPTIONS, data, n, DATES);
        assertEquals(110, model.features());
        float[] features = embed(model, data, n);
        ScalarReservoirEmbedding reference = new ScalarReservoirEmbedding(model);
        for (int row : new int[] {0, 31, 57, 99}) {
            double[] expected = reference.embed(data, row * DATES);
            for (int j = 0; j < expected.length; j++) {
                float got = features[row * 110 + j];
                assertEquals(expected[j], got, 2e-3 * (1 + Math.abs(expected[j])), "row " + row + " feature " + j);
            }
        }
    }

    @Test
    void equalSeedsGiveEqualEmbeddingsAndOtherSeedsOthers() {
        float[] data = catalogue(2);
        int n = REGIMES * PER_REGIME;
        float[] first = embed(ReservoirModel.fit(grid(), OPTIONS, data, n, DATES), data, n);
        float[] again = embed(ReservoirModel.fit(grid(), ReservoirOptions.defaults(5), data, n, DATES), data, n);
        float[] other = embed(ReservoirModel.fit(grid(), ReservoirOptions.defaults(6), data, n, DATES), data, n);
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
    }

    @Test
    void blocksDoNotInfluenceEachOther() {
        float[] data = catalogue(3);
        int n = REGIMES * PER_REGIME;
        ReservoirModel model = ReservoirModel.fit(grid(), OPTIONS, data, n, DATES);
        float[] together = embed(model, data, n);
        ReservoirEmbedding single = model.embedding();
        float[] one = new float[model.features()];
        for (int row = 0; row < n; row += 7) {
            single.embed(data, row * DATES, DATES, 1, one, 0, one.length);
            assertArrayEquals(Arrays.copyOfRange(together, row * one.length, (row + 1) * one.length), one, "row " + row);
        }
    }

    @Test
    void threadsChangeNothing() {
        float[] data = catalogue(6);
        int n = REGIMES * PER_REGIME;
        ReservoirModel model = ReservoirModel.fit(grid(), OPTIONS, data, n, DATES);
        // 7 copies of the catalogue with one empty series: 700 rows, not a multiple of the lanes.
        float[] rows = new float[7 * n * DATES];
        for (int c = 0; c < 7; c++) {
            System.arraycopy(data, 0, rows, c * n * DATES, n * DATES);
        }
        Arrays.fill(rows, 333 * DATES, 334 * DATES, Float.NaN);
        float[] single = new float[7 * n * model.features()];
        float[] parallel = new float[single.length];
        assertEquals(1, model.embedding().embed(rows, 0, DATES, 7 * n, single, 0, model.features()));
        try (ParallelEmbedding threads = new ParallelEmbedding(model, 3)) {
            assertEquals(1, threads.embed(rows, 0, DATES, 7 * n, parallel, 0, model.features()));
        }
        assertArrayEquals(single, parallel);
    }

    @Test
    void offsetAndShiftedCopiesLandCloseAndRegimesFarApart() {
        float[] data = catalogue(4);
        int n = REGIMES * PER_REGIME;
        ReservoirModel model = ReservoirModel.fit(grid(), OPTIONS, data, n, DATES);
        int f = model.features();
        float[] features = embed(model, data, n);
        double[] scale = columnStd(features, n, f);

        // Row 3 is seasonal: an offset copy (+40 mm) and a copy shifted by a quarter period
        // (different noise draw); row 28 is linear subsidence, shifted by 10 steps.
        SplittableRandom rnd = new SplittableRandom(99);
        float[] copies = new float[3 * DATES];
        for (int t = 0; t < DATES; t++) {
            copies[t] = data[3 * DATES + t] + 40;
        }
        System.arraycopy(series(0, 7.5, rnd), 0, copies, DATES, DATES);
        System.arraycopy(series(1, 10, rnd), 0, copies, 2 * DATES, DATES);
        float[] copyFeatures = new float[3 * f];
        model.embedding().embed(copies, 0, DATES, 3, copyFeatures, 0, f);

        double offset = distance(copyFeatures, 0, features, 3, f, scale);
        assertTrue(offset < 1e-3, "an offset copy embeds as the series itself: " + offset);

        double within = 0;
        double between = 0;
        long withinPairs = 0;
        long betweenPairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dist = distance(features, i, features, j, f, scale);
                if (i / PER_REGIME == j / PER_REGIME) {
                    within += dist;
                    withinPairs++;
                } else {
                    between += dist;
                    betweenPairs++;
                }
            }
        }
        within /= withinPairs;
        between /= betweenPairs;
        assertTrue(between > 2 * within, "regimes apart: mean distance " + between + " between, " + within + " within");

        // Each shifted copy is nearer its own regime than any series of another regime.
        for (int c = 1; c <= 2; c++) {
            int regime = c - 1;
            double own = Double.POSITIVE_INFINITY;
            double other = Double.POSITIVE_INFINITY;
            double ownMean = 0;
            for (int j = 0; j < n; j++) {
                double dist = distance(copyFeatures, c, features, j, f, scale);
                if (j / PER_REGIME == regime) {
                    own = Math.min(own, dist);
                    ownMean += dist / PER_REGIME;
                } else {
                    other = Math.min(other, dist);
                }
            }
            assertTrue(own < other, "shifted copy " + c + ": nearest own " + own + ", nearest other " + other);
            assertTrue(ownMean < between, "shifted copy " + c + ": mean distance to own regime " + ownMean);
        }
    }

    @Test
    void emptySeriesGetNaNFeatures() {
        float[] data = catalogue(5);
        int n = REGIMES * PER_REGIME;
        ReservoirModel model = ReservoirModel.fit(grid(), OPTIONS, data, n, DATES);
        float[] rows = Arrays.copyOf(data, 3 * DATES);
        Arrays.fill(rows, DATES, 2 * DATES, Float.NaN);
        float[] out = new float[3 * model.features()];
        assertEquals(1, model.embedding().embed(rows, 0, DATES, 3, out, 0, model.features()));
        for (int j = 0; j < model.features(); j++) {
            assertTrue(Float.isNaN(out[model.features() + j]));
            assertFalse(Float.isNaN(out[j]) || Float.isNaN(out[2 * model.features() + j]));
        }
        SeriesGaps gaps = new SeriesGaps(DATES);
        rows[5] = Float.NaN;
        rows[6] = Float.NaN;
        for (int r = 0; r < 3; r++) {
            gaps.offer(rows, r * DATES, 100 + r);
        }
        assertEquals(3, gaps.series());
        assertEquals(1, gaps.seriesWithGaps());
        assertEquals(2, gaps.filledValues());
        assertEquals(1, gaps.emptySeries());
        assertEquals(101, gaps.firstEmptyId());
    }

    @Test
    void aSampleWithoutUsableSeriesIsRefused() {
        float[] nan = new float[5 * DATES];
        Arrays.fill(nan, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReservoirModel.fit(grid(), OPTIONS, nan, 5, DATES));
        assertTrue(e.getMessage().contains("NaN at every date"), e.getMessage());
    }

    @Test
    void optionsNameTheInputThatIsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReservoirOptions(100, 0.9, 0.6, 0.1, 0.1, 101, 1.0, 0, 5));
        assertTrue(e.getMessage().startsWith("embeddingDimension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReservoirOptions(100, 0.9, 1.5, 0.1, 0.1, 10, 1.0, 0, 5));
        assertTrue(e.getMessage().startsWith("leakRate"), e.getMessage());
    }

    private static double[] columnStd(float[] x, int n, int f) {
        double[] std = new double[f];
        for (int j = 0; j < f; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * f + j] / (double) n;
            }
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double dlt = x[i * f + j] - mean;
                ss += dlt * dlt;
            }
            std[j] = Math.max(1e-12, Math.sqrt(ss / n));
        }
        return std;
    }

    private static double distance(float[] a, int i, float[] b, int j, int f, double[] scale) {
        double s = 0;
        for (int k = 0; k < f; k++) {
            double dlt = (a[i * f + k] - b[j * f + k]) / scale[k];
            s += dlt * dlt;
        }
        return Math.sqrt(s);
    }
}
