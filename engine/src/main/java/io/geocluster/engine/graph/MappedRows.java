package io.geocluster.engine.graph;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Fixed-width float32 rows in a memory-mapped scratch file: the features of every point of a
 * layer, addressable by row index without holding them on the heap.
 *
 * <p>The file is mapped in segments of whole rows under 1 GiB each, so no row straddles two
 * mappings and layers larger than one mapping (2 GiB) work. The operating system pages rows in
 * and out; the heap holds only the mapping objects.
 *
 * <p><b>Thread safety:</b> distinct rows may be read and written from different threads.
 */
final class MappedRows implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final int width;
    private final long rows;
    private final long rowsPerSegment;
    private final FloatBuffer[] segments;
    private final java.nio.ByteBuffer[] bytes;

    /** Creates (or truncates) a file of {@code rows × width} floats. */
    MappedRows(Path file, long rows, int width) throws IOException {
        this.file = file;
        this.width = width;
        this.rows = rows;
        this.rowsPerSegment = Math.max(1, (1L << 30) / (4L * width));
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        int count = (int) ((rows + rowsPerSegment - 1) / rowsPerSegment);
        this.segments = new FloatBuffer[Math.max(count, 0)];
        this.bytes = new java.nio.ByteBuffer[segments.length];
        for (int s = 0; s < count; s++) {
            long first = s * rowsPerSegment;
            long n = Math.min(rowsPerSegment, rows - first);
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, first * width * 4L, n * width * 4L);
            bytes[s] = map.order(ByteOrder.nativeOrder());
            segments[s] = bytes[s].asFloatBuffer();
        }
    }

    /** Values per row. */
    int width() {
        return width;
    }

    /** Number of rows. */
    long rows() {
        return rows;
    }

    /** Copies {@code count} rows starting at {@code row} into {@code dst} at {@code offset}. */
    void read(long row, int count, float[] dst, int offset) {
        while (count > 0) {
            int s = (int) (row / rowsPerSegment);
            int within = (int) (row - s * rowsPerSegment);
            int n = (int) Math.min(count, rowsPerSegment - within);
            segments[s].get(within * width, dst, offset, n * width);
            row += n;
            count -= n;
            offset += n * width;
        }
    }

    /** Writes {@code count} rows from {@code src} at {@code offset} starting at row {@code row}. */
    void write(long row, int count, float[] src, int offset) {
        while (count > 0) {
            int s = (int) (row / rowsPerSegment);
            int within = (int) (row - s * rowsPerSegment);
            int n = (int) Math.min(count, rowsPerSegment - within);
            segments[s].put(within * width, src, offset, n * width);
            row += n;
            count -= n;
            offset += n * width;
        }
    }

    /**
     * Reads the 64-bit word {@code word} of a row, byte for byte: for ids, coordinates and indices
     * stored beside float features (a float round trip could alter NaN bit patterns).
     */
    long getLong(long row, int word) {
        int s = (int) (row / rowsPerSegment);
        return bytes[s].getLong((int) ((row - s * rowsPerSegment) * width * 4L) + 8 * word);
    }

    /** Writes the 64-bit word {@code word} of a row; see {@link #getLong}. */
    void putLong(long row, int word, long value) {
        int s = (int) (row / rowsPerSegment);
        bytes[s].putLong((int) ((row - s * rowsPerSegment) * width * 4L) + 8 * word, value);
    }

    /** Unmaps (when the JVM collects the buffers) and deletes the file. */
    @Override
    public void close() throws IOException {
        java.util.Arrays.fill(segments, null);
        java.util.Arrays.fill(bytes, null);
        channel.close();
        Files.deleteIfExists(file);
    }
}
