package io.geocluster.engine.reservoir;

/**
 * Counts what resampling will have to fill in over a stream of series: series with missing
 * values, the missing values themselves, and empty series (fewer than two valid values, whose
 * embedding is NaN). Reported to users so that interpolated data is never silent.
 *
 * <p><b>Thread safety:</b> none.
 */
public final class SeriesGaps {
    private final int dates;
    private long series;
    private long withGaps;
    private long filled;
    private long empty;
    private long firstEmptyId;

    /** @param dates values per series */
    public SeriesGaps(int dates) {
        this.dates = dates;
    }

    /**
     * Counts one series.
     *
     * @param values holds the series at {@code offset .. offset + dates − 1}
     * @param id the series' row id, remembered when it is the first empty one
     * @return whether the series is usable (at least two valid values)
     */
    public boolean offer(float[] values, int offset, long id) {
        int missing = 0;
        for (int i = 0; i < dates; i++) {
            if (Float.isNaN(values[offset + i])) {
                missing++;
            }
        }
        series++;
        if (dates - missing < 2) {
            if (empty++ == 0) {
                firstEmptyId = id;
            }
            return false;
        }
        if (missing > 0) {
            withGaps++;
            filled += missing;
        }
        return true;
    }

    /** Series counted. */
    public long series() {
        return series;
    }

    /** Usable series with at least one missing value. */
    public long seriesWithGaps() {
        return withGaps;
    }

    /** Missing values of usable series, filled by interpolation. */
    public long filledValues() {
        return filled;
    }

    /** Series with fewer than two valid values. */
    public long emptySeries() {
        return empty;
    }

    /** Row id of the first empty series; meaningful when {@link #emptySeries()} is positive. */
    public long firstEmptyId() {
        return firstEmptyId;
    }
}
