package io.geocluster.engine.compute;

/**
 * The rows of a Lloyd run in chunks, as {@code iikmc.PooledPixels} holds them, seen by a
 * {@link LloydSession}; the compute package sees numbers only.
 *
 * <p>Chunks are read in order, any number of times; the arrays returned may be the holder's own
 * (resident chunks) or a buffer it reuses, so they are valid until the next call.
 */
public interface LloydRows {
    /** Values per row. */
    int d();

    /** Number of chunks. */
    int chunks();

    /** Rows in chunk {@code c}. */
    int rows(int c);

    /** The values of chunk {@code c}, {@code rows(c) × d()} row-major; not to be modified. */
    float[] values(int c);

    /** The class ids of chunk {@code c}; after changing them, hand them back with {@link #storeLabels}. */
    byte[] labels(int c);

    /**
     * Whether chunk {@code c} lives on the heap. The CPU session keeps a 4-byte bound per row of
     * resident chunks only, so that a pool spilled to disk does not grow the heap by its size.
     */
    boolean resident(int c);

    /** Writes back the class ids returned by {@link #labels} (a no-op for resident chunks). */
    void storeLabels(int c, byte[] labels);
}
