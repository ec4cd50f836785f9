package io.geocluster.engine.kmeans;

import java.util.SplittableRandom;

/**
 * Decorrelates mini-batches from the order rows are read in. Layers are often stored in spatial
 * order, and spatially coherent clusters then arrive one after the other; feeding them to
 * mini-batch k-means in that order drags every centre towards the latest region.
 *
 * <p><b>Algorithm:</b> a bounded random-replacement buffer (as in streaming input pipelines): the
 * first {@code capacity} rows fill it; every later row replaces a uniformly chosen resident, and
 * the evicted row is emitted. At the end the residents are emitted in a random order. When the
 * buffer holds the whole pass, the output is a uniformly random permutation.
 *
 * <p>Memory: {@code capacity × d} floats. <b>Thread safety:</b> none.
 */
public final class ShuffleBuffer {
    /** Receives emitted rows. */
    @FunctionalInterface
    public interface RowSink {
        /** Takes row {@code row} of {@code values} ({@code d} values per row). */
        void accept(float[] values, int row);
    }

    private final int capacity;
    private final int d;
    private final float[] rows;
    private final float[] evicted;
    private final SplittableRandom random;
    private int size;

    /** Creates an empty buffer. */
    public ShuffleBuffer(int capacity, int d, SplittableRandom random) {
        this.capacity = Math.max(1, capacity);
        this.d = d;
        this.rows = new float[Math.multiplyExact(this.capacity, d)];
        this.evicted = new float[d];
        this.random = random;
    }

    /** Adds row {@code row} of {@code values}; may emit one resident row to {@code out}. */
    public void push(float[] values, int row, RowSink out) {
        if (size < capacity) {
            System.arraycopy(values, row * d, rows, size * d, d);
            size++;
            return;
        }
        int slot = random.nextInt(capacity);
        System.arraycopy(rows, slot * d, evicted, 0, d);
        System.arraycopy(values, row * d, rows, slot * d, d);
        out.accept(evicted, 0);
    }

    /** Emits every resident in random order and empties the buffer. */
    public void drain(RowSink out) {
        while (size > 0) {
            int slot = random.nextInt(size);
            System.arraycopy(rows, slot * d, evicted, 0, d);
            size--;
            System.arraycopy(rows, size * d, rows, slot * d, d);
            out.accept(evicted, 0);
        }
    }
}
