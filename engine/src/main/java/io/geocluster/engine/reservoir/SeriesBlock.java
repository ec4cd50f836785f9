package io.geocluster.engine.reservoir;

import java.util.Arrays;

/**
 * Up to {@link EchoStateReservoir#LANES} series resampled, centred and scaled into reservoir
 * inputs laid out step by step ({@code inputs[t * LANES + lane]}), with the reservoir state of the
 * block. A series with fewer than two valid values gets input 0, whose states stay exactly 0, and
 * is flagged unusable.
 *
 * <p><b>Thread safety:</b> none; one block per thread.
 */
final class SeriesBlock {
    static final int LANES = EchoStateReservoir.LANES;

    final TimeGrid grid;
    final EchoStateReservoir reservoir;
    private final float inverseScale;
    final float[] inputs;
    final float[] state;
    private final float[] work;
    private final float[] series;
    final boolean[] usable = new boolean[LANES];
    int lanes;

    SeriesBlock(TimeGrid grid, EchoStateReservoir reservoir, float inputScale) {
        this.grid = grid;
        this.reservoir = reservoir;
        this.inverseScale = 1 / inputScale;
        this.inputs = new float[grid.points() * LANES];
        this.state = new float[reservoir.size() * LANES];
        this.work = new float[reservoir.size() * LANES];
        this.series = new float[grid.dates()];
    }

    /**
     * Loads rows {@code first .. first + count − 1} (count ≤ LANES) of a row-major block whose
     * series start at {@code offset} of each row, and zeroes the state.
     *
     * @return the number of usable series loaded
     */
    int load(float[] values, int offset, int stride, int first, int count) {
        assert count <= LANES;
        int points = grid.points();
        int usableCount = 0;
        for (int b = 0; b < count; b++) {
            int filled = grid.resample(values, offset + (first + b) * stride, series, inputs, b, LANES);
            usable[b] = filled >= 0;
            if (!usable[b]) {
                for (int g = 0; g < points; g++) {
                    inputs[g * LANES + b] = 0;
                }
                continue;
            }
            usableCount++;
            // Centring removes the series' offset (EGMS series are relative to an arbitrary date);
            // one scale for the whole layer keeps amplitude differences between series.
            double sum = 0;
            for (int g = 0; g < points; g++) {
                sum += inputs[g * LANES + b];
            }
            float mean = (float) (sum / points);
            for (int g = 0; g < points; g++) {
                inputs[g * LANES + b] = (inputs[g * LANES + b] - mean) * inverseScale;
            }
        }
        lanes = count;
        Arrays.fill(state, 0);
        return usableCount;
    }

    /** Advances the state through grid step {@code t}. */
    void advance(int t) {
        reservoir.advance(inputs, t * LANES, state, work, lanes);
    }

    /**
     * Sum of squares of the centred, resampled values of one series, or −1 when it is unusable;
     * for the layer's input scale.
     */
    static double centredSumOfSquares(TimeGrid grid, float[] values, int offset, float[] series, float[] grid1) {
        if (grid.resample(values, offset, series, grid1, 0, 1) < 0) {
            return -1;
        }
        int points = grid.points();
        double sum = 0;
        for (int g = 0; g < points; g++) {
            sum += grid1[g];
        }
        double mean = sum / points;
        double ss = 0;
        for (int g = 0; g < points; g++) {
            double d = grid1[g] - mean;
            ss += d * d;
        }
        return ss;
    }
}
