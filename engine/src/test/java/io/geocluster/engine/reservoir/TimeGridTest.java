package io.geocluster.engine.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Regular grids and linear interpolation, against hand-computed values. */
class TimeGridTest {
    @Test
    void regularDatesGiveTheSameGrid() {
        long[] days = new long[12];
        for (int i = 0; i < days.length; i++) {
            days[i] = 100 + 12 * i;
        }
        TimeGrid grid = new TimeGrid(days);
        assertEquals(12, grid.points());
        assertEquals(12.0, grid.stepDays());
        assertEquals(0, grid.irregularIntervals());
        float[] v = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        float[] out = new float[12];
        assertEquals(0, grid.resample(v, 0, new float[12], out, 0, 1));
        assertArrayEquals(v, out);
    }

    @Test
    void aMissedAcquisitionIsPutBackByInterpolation() {
        // A 6-day repeat with the acquisition of day 30 missing: 10 dates, 11 grid points.
        long[] days = {0, 6, 12, 18, 24, 36, 42, 48, 54, 60};
        TimeGrid grid = new TimeGrid(days);
        assertEquals(6.0, grid.stepDays());
        assertEquals(11, grid.points());
        assertEquals(1, grid.irregularIntervals());
        assertEquals(12, grid.longestIntervalDays());
        // Values are 2 × day / 6, except a NaN at day 42 and at both ends of a second series.
        float[] v = {0, 2, 4, 6, 8, 12, Float.NaN, 16, 18, 20};
        float[] out = new float[11];
        assertEquals(1, grid.resample(v, 0, new float[10], out, 0, 1));
        assertArrayEquals(new float[] {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20}, out, 1e-6f);

        float[] ends = {Float.NaN, Float.NaN, 4, 6, 8, 12, 14, 16, Float.NaN, Float.NaN};
        assertEquals(4, grid.resample(ends, 0, new float[10], out, 0, 1));
        // Constant beyond the first and last valid values.
        assertArrayEquals(new float[] {4, 4, 4, 6, 8, 10, 12, 14, 16, 16, 16}, out, 1e-6f);
    }

    @Test
    void irregularDatesAreReadOnTheLineBetweenAcquisitions() {
        long[] days = {0, 10, 20, 30, 40, 50, 60, 70, 80, 95};
        TimeGrid grid = new TimeGrid(days);
        // Median interval 10: 95 days become 10 steps of 9.5 days (11 points).
        assertEquals(11, grid.points());
        assertEquals(9.5, grid.stepDays(), 1e-12);
        float[] v = {0, 10, 20, 30, 40, 50, 60, 70, 80, 50};
        float[] out = new float[11];
        grid.resample(v, 0, new float[10], out, 0, 1);
        // Grid time 85.5 lies between day 80 (80) and day 95 (50): 80 − 30 × 5.5/15 = 69.
        assertEquals(76, out[8], 1e-4f);
        assertEquals(69, out[9], 1e-4f);
        assertEquals(50, out[10], 1e-4f);
        assertEquals(47.5f, out[5], 1e-4f);
    }

    @Test
    void emptySeriesAreNotResampled() {
        long[] days = new long[10];
        for (int i = 0; i < 10; i++) {
            days[i] = i;
        }
        TimeGrid grid = new TimeGrid(days);
        float[] nan = new float[10];
        java.util.Arrays.fill(nan, Float.NaN);
        assertEquals(-1, grid.resample(nan, 0, new float[10], new float[10], 0, 1));
        nan[3] = 1;
        assertEquals(-1, grid.resample(nan, 0, new float[10], new float[10], 0, 1), "one value is no series");
    }

    @Test
    void tooFewOrUnsortedDatesAreRefused() {
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> new TimeGrid(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        assertTrue(few.getMessage().contains("at least 10") && few.getMessage().contains("got 9"), few.getMessage());
        IllegalArgumentException unsorted = assertThrows(IllegalArgumentException.class,
                () -> new TimeGrid(new long[] {1, 2, 3, 4, 6, 5, 7, 8, 9, 10}));
        assertTrue(unsorted.getMessage().contains("date 5") && unsorted.getMessage().contains("not after"),
                unsorted.getMessage());
    }
}
