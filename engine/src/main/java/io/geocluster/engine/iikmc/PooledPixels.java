package io.geocluster.engine.iikmc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pooled valid pixels of an IIkMC run and their class labels, held in fixed-size chunks so
 * that a series larger than memory can be clustered.
 *
 * <p><b>Layout:</b> pixels are appended in reading order; every {@link #CHUNK_ROWS} pixels form a
 * chunk of {@code rows × bands} float32 values, pixel-major, plus one label byte per pixel. Chunks
 * stay on the heap while their values fit in the resident budget given at construction; later
 * chunks are written to a scratch file and memory-mapped, values read-only and labels
 * read-write, so the operating system pages them as memory allows. A run over 10^9 pixels of 6
 * bands thus needs about 24 GB of scratch disk and 1 GB of mapped labels, and a heap of a few
 * chunks.
 *
 * <p><b>Validation while appending:</b> the per-band range (for {@link MinMaxCentres}) and the
 * first {@code limit} distinct pixel values are tracked, and non-finite values are rejected,
 * so no separate scan pass is needed.
 *
 * <p><b>Thread safety:</b> none; one run at a time.
 */
public final class PooledPixels implements AutoCloseable {
    /** Pixels per chunk: about 6 MB of values at 6 bands, large enough that per-chunk costs vanish. */
    public static final int CHUNK_ROWS = 1 << 18;

    private final int bands;
    private final int chunkRows;
    private final long residentBytes;
    private final Path scratch;
    private final List<float[]> resident = new ArrayList<>();
    private final List<byte[]> residentLabels = new ArrayList<>();
    private final List<MappedByteBuffer> spilledValues = new ArrayList<>();
    private final List<MappedByteBuffer> spilledLabels = new ArrayList<>();
    private final List<Integer> rows = new ArrayList<>();
    private final float[] min;
    private final float[] max;
    private final DistinctValues distinct;
    private FileChannel valueFile;
    private FileChannel labelFile;
    private Path valuePath;
    private Path labelPath;
    private long spilledValueBytes;
    private long spilledLabelBytes;
    private float[] filling;
    private int filled;
    private long pixels;
    private boolean sealed;

    /**
     * Creates an empty pool.
     *
     * @param bands values per pixel
     * @param distinctLimit how many distinct pixel values to look for (the number of classes)
     * @param residentBytes pixel values kept on the heap before chunks spill to disk
     * @param scratch folder for the spill files; {@code null} forbids spilling
     */
    public PooledPixels(int bands, int distinctLimit, long residentBytes, Path scratch) {
        this(bands, distinctLimit, residentBytes, scratch, CHUNK_ROWS);
    }

    /** As above, with a chosen chunk size (small chunks let tests spill small inputs). */
    PooledPixels(int bands, int distinctLimit, long residentBytes, Path scratch, int chunkRows) {
        if (bands < 1) {
            throw new IllegalArgumentException("bands must be at least 1, got " + bands);
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be at least 1, got " + chunkRows);
        }
        this.bands = bands;
        this.chunkRows = chunkRows;
        this.residentBytes = residentBytes;
        this.scratch = scratch;
        this.min = new float[bands];
        this.max = new float[bands];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        this.distinct = new DistinctValues(distinctLimit, bands);
    }

    /** Values per pixel. */
    public int bands() {
        return bands;
    }

    /**
     * Appends {@code count} pixels.
     *
     * @param values pixel-major values, {@code bands} per pixel, from {@code offset} (in pixels)
     * @throws IllegalArgumentException for a non-finite value
     */
    public void append(float[] values, int offset, int count) {
        if (sealed) {
            throw new IllegalStateException("pixels cannot be appended once labelling has started");
        }
        int src = offset * bands;
        for (int i = 0; i < count; i++, src += bands) {
            if (filling == null) {
                filling = new float[chunkRows * bands];
            }
            int dst = filled * bands;
            for (int j = 0; j < bands; j++) {
                float v = values[src + j];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("pixel " + (pixels + i) + " has the non-finite value " + v
                            + " in band " + j);
                }
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
                filling[dst + j] = v;
            }
            distinct.offer(filling, dst);
            if (++filled == chunkRows) {
                seal(filled);
            }
        }
        pixels += count;
    }

    /** Ends appending; called by the first access to a chunk. */
    private void finish() {
        if (!sealed) {
            if (filling != null && filled > 0) {
                seal(filled);
            }
            filling = null;
            sealed = true;
        }
    }

    private void seal(int n) {
        float[] v = n == chunkRows ? filling : Arrays.copyOf(filling, n * bands);
        long bytes = (long) resident.size() * chunkRows * bands * Float.BYTES;
        if (bytes + (long) n * bands * Float.BYTES <= residentBytes && spilledValues.isEmpty()) {
            resident.add(v);
            residentLabels.add(new byte[n]);
            filling = null;
        } else {
            spill(v, n);
        }
        rows.add(n);
        filled = 0;
    }

    private void spill(float[] v, int n) {
        if (scratch == null) {
            throw new IllegalStateException("the pooled pixels exceed the memory budget of " + (residentBytes >> 20)
                    + " MiB and no scratch folder was given to spill them to");
        }
        try {
            if (valueFile == null) {
                Files.createDirectories(scratch);
                valuePath = Files.createTempFile(scratch, "iikmc-pixels-", ".f32");
                labelPath = Files.createTempFile(scratch, "iikmc-labels-", ".u8");
                valueFile = FileChannel.open(valuePath, StandardOpenOption.READ, StandardOpenOption.WRITE);
                labelFile = FileChannel.open(labelPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            long valueBytes = (long) n * bands * Float.BYTES;
            MappedByteBuffer values = valueFile.map(FileChannel.MapMode.READ_WRITE, spilledValueBytes, valueBytes);
            values.order(ByteOrder.nativeOrder()).asFloatBuffer().put(v, 0, n * bands);
            spilledValueBytes += valueBytes;
            spilledValues.add(values);
            MappedByteBuffer labels = labelFile.map(FileChannel.MapMode.READ_WRITE, spilledLabelBytes, n);
            spilledLabelBytes += n;
            spilledLabels.add(labels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill pooled pixels to " + scratch, e);
        }
    }

    /** Pooled pixels so far. */
    public long pixels() {
        return pixels;
    }

    /** Per-band minimum of the pixels so far (+∞ when there are none). */
    public float[] min() {
        return min.clone();
    }

    /** Per-band maximum of the pixels so far (−∞ when there are none). */
    public float[] max() {
        return max.clone();
    }

    /** Distinct pixel values seen, counted up to the limit given at construction. */
    public int distinctValues() {
        return distinct.count;
    }

    /** Number of chunks. */
    public int chunks() {
        finish();
        return rows.size();
    }

    /** Largest chunk, in pixels: the size of the buffers callers pass. */
    public int chunkRows() {
        return chunkRows;
    }

    /** Pixels in chunk {@code c}. */
    public int rows(int c) {
        finish();
        return rows.get(c);
    }

    /** Whether chunk {@code c} lives on the heap (then its arrays are returned without copying). */
    public boolean resident(int c) {
        finish();
        return c < resident.size();
    }

    /**
     * The values of chunk {@code c}: the resident array itself, or {@code buffer} filled from the
     * spill file. Callers must not modify a resident array.
     */
    public float[] values(int c, float[] buffer) {
        finish();
        if (c < resident.size()) {
            return resident.get(c);
        }
        MappedByteBuffer m = spilledValues.get(c - resident.size());
        m.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer().get(buffer, 0, rows.get(c) * bands);
        return buffer;
    }

    /**
     * The labels of chunk {@code c}: the resident array itself, or {@code buffer} filled from the
     * mapped label file; after changing a copy, write it back with {@link #storeLabels}.
     */
    public byte[] labels(int c, byte[] buffer) {
        finish();
        if (c < resident.size()) {
            return residentLabels.get(c);
        }
        spilledLabels.get(c - resident.size()).duplicate().get(buffer, 0, rows.get(c));
        return buffer;
    }

    /** Writes back labels returned by {@link #labels}; a no-op for resident chunks. */
    public void storeLabels(int c, byte[] labels) {
        if (c >= resident.size()) {
            spilledLabels.get(c - resident.size()).duplicate().put(labels, 0, rows.get(c));
        }
    }

    /** Sets every label to {@code value}. */
    public void fillLabels(byte value) {
        finish();
        for (byte[] l : residentLabels) {
            Arrays.fill(l, value);
        }
        byte[] buffer = new byte[chunkRows];
        Arrays.fill(buffer, value);
        for (int c = resident.size(); c < rows.size(); c++) {
            storeLabels(c, buffer);
        }
    }

    /** Removes the spill files. Mapped regions are released by the garbage collector. */
    @Override
    public void close() {
        spilledValues.clear();
        spilledLabels.clear();
        resident.clear();
        residentLabels.clear();
        try {
            if (valueFile != null) {
                valueFile.close();
                labelFile.close();
                Files.deleteIfExists(valuePath);
                Files.deleteIfExists(labelPath);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the spill files in " + scratch, e);
        }
    }

    /**
     * The first {@code limit} distinct pixel values, kept by value in a small open-addressing
     * table. Once the limit is reached nothing more is looked at, so on real data this costs a
     * few pixels; it looks at everything only when the input really has fewer distinct values.
     */
    private static final class DistinctValues {
        private final int limit;
        private final int bands;
        private final float[] table;
        private final boolean[] used;
        int count;

        DistinctValues(int limit, int bands) {
            this.limit = limit;
            this.bands = bands;
            int capacity = Integer.highestOneBit(Math.max(4, limit * 4) - 1) << 1;
            table = new float[capacity * bands];
            used = new boolean[capacity];
        }

        void offer(float[] x, int o) {
            if (count >= limit) {
                return;
            }
            int h = 1;
            for (int j = 0; j < bands; j++) {
                // +0f folds −0 into 0, matching the == comparison below.
                h = 31 * h + Float.floatToIntBits(x[o + j] + 0f);
            }
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            int mask = used.length - 1;
            for (int slot = h & mask; ; slot = (slot + 1) & mask) {
                if (!used[slot]) {
                    used[slot] = true;
                    System.arraycopy(x, o, table, slot * bands, bands);
                    count++;
                    return;
                }
                if (same(slot, x, o)) {
                    return;
                }
            }
        }

        private boolean same(int slot, float[] x, int o) {
            for (int j = 0; j < bands; j++) {
                if (table[slot * bands + j] != x[o + j]) {
                    return false;
                }
            }
            return true;
        }
    }
}
