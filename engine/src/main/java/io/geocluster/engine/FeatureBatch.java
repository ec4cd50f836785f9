package io.geocluster.engine;

import java.util.Objects;

/**
 * A block of rows read from a layer: dense float32 values in row-major order, one stable
 * 64-bit id per row and, for point layers, optional x/y coordinates.
 *
 * <p>A batch is a buffer, not a value: the arrays are exposed without copying because the
 * hot loops read them directly, and a {@link BatchCursor} may hand out the same instance again
 * from its next call to {@code next()}. Callers that need rows beyond the next call copy them.
 *
 * <p>Missing values (SQL NULL, an empty CSV field, a nodata value) are stored as {@code NaN}.
 */
public final class FeatureBatch {
    private final int size;
    private final int columns;
    private final float[] values;
    private final long[] ids;
    private final double[] x;
    private final double[] y;

    /**
     * Wraps arrays holding {@code size} rows.
     *
     * @param size rows in this batch
     * @param columns values per row
     * @param values row-major values, at least {@code size * columns} long
     * @param ids one stable id per row, at least {@code size} long
     * @param x x coordinates or {@code null}
     * @param y y coordinates or {@code null}; present exactly when {@code x} is
     */
    public FeatureBatch(int size, int columns, float[] values, long[] ids, double[] x, double[] y) {
        if (size < 0 || columns < 0) {
            throw new IllegalArgumentException("size and columns must be non-negative: " + size + ", " + columns);
        }
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(ids, "ids");
        if (values.length < Math.multiplyExact(size, columns) || ids.length < size) {
            throw new IllegalArgumentException("arrays too short for " + size + " rows of " + columns + " columns");
        }
        if ((x == null) != (y == null) || (x != null && (x.length < size || y.length < size))) {
            throw new IllegalArgumentException("x and y must both be absent or both hold " + size + " values");
        }
        this.size = size;
        this.columns = columns;
        this.values = values;
        this.ids = ids;
        this.x = x;
        this.y = y;
    }

    /** Number of rows. */
    public int size() {
        return size;
    }

    /** Number of values per row. */
    public int columns() {
        return columns;
    }

    /** Row-major values; row {@code i} starts at {@code i * columns()}. Not copied. */
    public float[] values() {
        return values;
    }

    /** Stable row ids. Not copied. */
    public long[] ids() {
        return ids;
    }

    /** Whether the rows carry coordinates. */
    public boolean hasCoordinates() {
        return x != null;
    }

    /** X coordinates, or {@code null}. Not copied. */
    public double[] x() {
        return x;
    }

    /** Y coordinates, or {@code null}. Not copied. */
    public double[] y() {
        return y;
    }

    /** Value of row {@code row}, column {@code column}. */
    public float value(int row, int column) {
        return values[row * columns + column];
    }
}
