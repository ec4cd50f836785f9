package io.geocluster.engine.reservoir;

import java.util.Arrays;

/**
 * A regular time grid over the acquisition dates of a catalogue, and the linear interpolation of a
 * series onto it.
 *
 * <p><b>Algorithm:</b> the grid step is the median interval between consecutive acquisitions, so
 * a catalogue with a regular repeat and a few missed acquisitions gets its nominal repeat back;
 * the grid then runs from the first date to the last with that step (rounded so that it ends
 * exactly on the last date). A series is first completed at its own dates, each missing value
 * (NaN) taken on the straight line between the nearest valid values before and after it (the
 * nearest valid value beyond either end), and then read at the grid times on the same polyline.
 * This equals linear interpolation over the valid acquisitions evaluated at the grid times.
 *
 * <p><b>Limitations:</b> the grid holds at most {@link #MAX_POINTS} points; a catalogue whose
 * dates are very irregular gets a coarser step than its median interval.
 *
 * <p><b>Thread safety:</b> immutable; {@link #resample} writes only to the arrays it is given.
 */
public final class TimeGrid {
    /** Fewest acquisition dates a series may have: fewer leave no dynamics to model. */
    public static final int MIN_DATES = 10;
    /** Most grid points. */
    public static final int MAX_POINTS = 4096;

    private final long[] days;
    private final double step;
    private final int points;
    private final int[] lower;
    private final float[] weight;
    private final int irregularIntervals;
    private final long longestInterval;

    /**
     * @param days acquisition dates as day numbers (e.g. {@code LocalDate.toEpochDay()}), strictly
     *        increasing, at least {@value #MIN_DATES} of them
     * @throws IllegalArgumentException naming the first date out of order, or saying how many
     *         dates there are when too few
     */
    public TimeGrid(long[] days) {
        if (days.length < MIN_DATES) {
            throw new IllegalArgumentException("a displacement series needs at least " + MIN_DATES
                    + " dated columns for its dynamics to be modelled, got " + days.length + ".");
        }
        for (int i = 1; i < days.length; i++) {
            if (days[i] <= days[i - 1]) {
                throw new IllegalArgumentException("dates must be strictly increasing: date " + i + " (day " + days[i]
                        + ") is not after date " + (i - 1) + " (day " + days[i - 1] + ").");
            }
        }
        this.days = days.clone();
        long[] intervals = new long[days.length - 1];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = days[i + 1] - days[i];
        }
        long[] sorted = intervals.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        long longest = sorted[sorted.length - 1];
        int irregular = 0;
        for (long d : intervals) {
            if (d != median) {
                irregular++;
            }
        }
        long span = days[days.length - 1] - days[0];
        int n = (int) Math.min(MAX_POINTS, Math.max(2, Math.round((double) span / median) + 1));
        this.points = n;
        this.step = (double) span / (n - 1);
        this.irregularIntervals = irregular;
        this.longestInterval = longest;
        // Bracketing acquisitions and weights of every grid time, fixed for the catalogue.
        lower = new int[n];
        weight = new float[n];
        int i = 0;
        for (int g = 0; g < n; g++) {
            double t = days[0] + g * step;
            while (i < days.length - 2 && days[i + 1] <= t) {
                i++;
            }
            lower[g] = i;
            weight[g] = (float) Math.min(1, Math.max(0, (t - days[i]) / (days[i + 1] - days[i])));
        }
    }

    /** Number of acquisition dates. */
    public int dates() {
        return days.length;
    }

    /** Number of grid points. */
    public int points() {
        return points;
    }

    /** Grid step in days. */
    public double stepDays() {
        return step;
    }

    /** Intervals between consecutive acquisitions that differ from the median interval. */
    public int irregularIntervals() {
        return irregularIntervals;
    }

    /** Longest interval between consecutive acquisitions, in days. */
    public long longestIntervalDays() {
        return longestInterval;
    }

    /**
     * Interpolates one series onto the grid.
     *
     * @param values holds the series at {@code offset .. offset + dates() − 1}; NaN marks a missing value
     * @param work scratch of at least {@link #dates()} floats
     * @param out receives grid point g at {@code outOffset + g * outStride}
     * @return the number of missing values filled in, or −1 when the series has fewer than two
     *         valid values (nothing is written then)
     */
    public int resample(float[] values, int offset, float[] work, float[] out, int outOffset, int outStride) {
        int n = days.length;
        int previous = -1;
        int filled = 0;
        for (int i = 0; i < n; i++) {
            float v = values[offset + i];
            if (Float.isNaN(v)) {
                filled++;
                continue;
            }
            work[i] = v;
            if (i - previous > 1) {
                fillGap(work, previous, i);
            }
            previous = i;
        }
        if (n - filled < 2) {
            return -1;
        }
        if (previous < n - 1) {
            Arrays.fill(work, previous + 1, n, work[previous]);
        }
        for (int g = 0; g < points; g++) {
            int i = lower[g];
            float a = work[i];
            out[outOffset + g * outStride] = a + weight[g] * (work[i + 1] - a);
        }
        return filled;
    }

    /** Fills {@code work[from + 1 .. to − 1]} on the line between the valid values at both ends. */
    private void fillGap(float[] work, int from, int to) {
        if (from < 0) {
            Arrays.fill(work, 0, to, work[to]);
            return;
        }
        double a = work[from];
        double slope = (work[to] - a) / (days[to] - days[from]);
        for (int i = from + 1; i < to; i++) {
            work[i] = (float) (a + slope * (days[i] - days[from]));
        }
    }
}
