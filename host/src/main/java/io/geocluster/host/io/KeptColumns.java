package io.geocluster.host.io;

import io.geocluster.plugin.spi.KeptValues;

/**
 * The kept attribute values of one batch, stored column by column so that a cursor can refill
 * them in place for every batch.
 */
final class KeptColumns implements KeptValues {
    private final Object[][] columns;
    private int rows;

    KeptColumns(int columnCount, int capacity) {
        columns = new Object[columnCount][capacity];
    }

    /** Number of kept attributes. */
    int columnCount() {
        return columns.length;
    }

    /** Stores the value of {@code column} for {@code row} of the batch being filled. */
    void set(int row, int column, Object value) {
        columns[column][row] = value;
    }

    /** Declares how many rows the batch just filled holds. */
    void setRows(int rows) {
        this.rows = rows;
    }

    @Override
    public Object kept(int row, int column) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " outside the current batch of " + rows + " rows");
        }
        return columns[column][row];
    }
}
