package io.geocluster.engine.stats;

import java.util.SplittableRandom;

/**
 * A uniform random sample of fixed capacity from a stream of rows of unknown length.
 *
 * <p><b>Algorithm:</b> reservoir sampling, Vitter's Algorithm R: the t-th offered row replaces a
 * uniformly chosen slot with probability capacity/t, so every row of the stream is kept with the
 * same probability however long it is. Memory is {@code capacity × columns} floats.
 *
 * <p><b>Thread safety:</b> none.
 */
public final class RowReservoir {
    private final int capacity;
    private final int columns;
    private final float[] rows;
    private final SplittableRandom random;
    private long offered;

    /** Creates an empty reservoir. */
    public RowReservoir(int capacity, int columns, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.columns = columns;
        this.rows = new float[Math.multiplyExact(capacity, columns)];
        this.random = new SplittableRandom(seed);
    }

    /** Offers row {@code row} of a row-major block whose rows have {@code stride} values. */
    public void offer(float[] values, int stride, int row) {
        long t = offered++;
        int slot;
        if (t < capacity) {
            slot = (int) t;
        } else {
            long r = random.nextLong(t + 1);
            if (r >= capacity) {
                return;
            }
            slot = (int) r;
        }
        System.arraycopy(values, row * stride, rows, slot * columns, columns);
    }

    /** Rows offered so far. */
    public long offered() {
        return offered;
    }

    /** Rows held: min(capacity, offered). */
    public int size() {
        return (int) Math.min(capacity, offered);
    }

    /** The held rows, row-major, {@code size() × columns}; a copy. */
    public float[] rows() {
        return java.util.Arrays.copyOf(rows, size() * columns);
    }
}
