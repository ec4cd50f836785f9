package io.geocluster.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link BatchStream} that records its first complete pass over a slow source (a GeoPackage,
 * a CSV file, a remote catalog) into a binary scratch file, and serves every later pass from that
 * file at disk or page-cache speed.
 *
 * <p>Why: a run makes at least three passes (statistics, training, labelling) and decoding rows
 * from a database or text dominates their cost; the scratch file holds the same float32 values,
 * ids and coordinates and is read back with bulk copies.
 *
 * <p><b>Limits:</b> the file takes {@code rows × (4·columns + 8 + 16)} bytes. Recording stops, and
 * later passes fall back to the source, when the file would pass {@code maxBytes} or a write
 * fails (disk full); a pass that was not read to its end is not kept either. Heap use is one batch.
 *
 * <p><b>Thread safety:</b> one pass at a time. {@link #close()} deletes the file.
 */
public final class SpillingBatchStream implements BatchStream, AutoCloseable {
    private static final int HEADER = 8;

    private final BatchStream source;
    private final Path directory;
    private final long maxBytes;
    private Path file;
    private boolean complete;

    /**
     * @param source the stream to record
     * @param directory where the scratch file goes; must exist
     * @param maxBytes the largest scratch file allowed
     */
    public SpillingBatchStream(BatchStream source, Path directory, long maxBytes) {
        this.source = source;
        this.directory = directory;
        this.maxBytes = maxBytes;
    }

    @Override
    public int columns() {
        return source.columns();
    }

    @Override
    public long sizeHint() {
        return source.sizeHint();
    }

    /** Whether a complete pass is on disk, so that further passes do not touch the source. */
    public boolean isComplete() {
        return complete;
    }

    @Override
    public BatchCursor open() throws IOException {
        if (complete) {
            return new Replay(FileChannel.open(file, StandardOpenOption.READ), source.columns());
        }
        BatchCursor cursor = source.open();
        if (file != null) {
            // An earlier pass gave up recording; do not try again.
            return cursor;
        }
        file = Files.createTempFile(directory, "geocluster-pass-", ".bin");
        file.toFile().deleteOnExit();
        return new Recorder(cursor, FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
    }

    @Override
    public void close() throws IOException {
        complete = false;
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    private static int bytes(int rows, int columns, boolean coordinates) {
        return HEADER + rows * 8 + (coordinates ? rows * 16 : 0) + Math.multiplyExact(rows, columns) * 4;
    }

    /** Passes batches through while appending them to the scratch file. */
    private final class Recorder implements BatchCursor {
        private final BatchCursor cursor;
        private FileChannel out;
        private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
        private long written;
        private boolean ended;

        Recorder(BatchCursor cursor, FileChannel out) {
            this.cursor = cursor;
            this.out = out;
        }

        @Override
        public FeatureBatch next() throws IOException {
            FeatureBatch b = cursor.next();
            if (b == null) {
                ended = true;
            } else if (out != null) {
                record(b);
            }
            return b;
        }

        private void record(FeatureBatch b) {
            int n = b.size();
            int size = bytes(n, b.columns(), b.hasCoordinates());
            if (written + size > maxBytes) {
                stopRecording();
                return;
            }
            if (buffer.capacity() < size) {
                buffer = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
            }
            buffer.clear();
            buffer.putInt(n).putInt(b.hasCoordinates() ? 1 : 0);
            buffer.asLongBuffer().put(b.ids(), 0, n);
            buffer.position(buffer.position() + n * 8);
            if (b.hasCoordinates()) {
                buffer.asDoubleBuffer().put(b.x(), 0, n).put(b.y(), 0, n);
                buffer.position(buffer.position() + n * 16);
            }
            buffer.asFloatBuffer().put(b.values(), 0, n * b.columns());
            buffer.position(buffer.position() + n * b.columns() * 4);
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                written += size;
            } catch (IOException e) {
                // Disk full or similar: the run goes on reading the source every pass.
                stopRecording();
            }
        }

        private void stopRecording() {
            try {
                out.close();
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the file is marked deleteOnExit
            }
            out = null;
        }

        @Override
        public void close() throws IOException {
            try {
                cursor.close();
            } finally {
                if (out != null) {
                    out.close();
                    if (ended) {
                        complete = true;
                    } else {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    /** Reads batches back from the scratch file. */
    private static final class Replay implements BatchCursor {
        private final FileChannel in;
        private final int columns;
        private final ByteBuffer header = ByteBuffer.allocateDirect(HEADER).order(ByteOrder.nativeOrder());
        private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
        private float[] values = new float[0];
        private long[] ids = new long[0];
        private double[] x = new double[0];
        private double[] y = new double[0];

        Replay(FileChannel in, int columns) {
            this.in = in;
            this.columns = columns;
        }

        @Override
        public FeatureBatch next() throws IOException {
            header.clear();
            if (!fill(header)) {
                return null;
            }
            header.flip();
            int n = header.getInt();
            boolean coordinates = header.getInt() != 0;
            int size = bytes(n, columns, coordinates) - HEADER;
            if (buffer.capacity() < size) {
                buffer = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
            }
            buffer.clear().limit(size);
            if (!fill(buffer)) {
                throw new IOException("scratch file ends inside a batch");
            }
            buffer.flip();
            if (ids.length < n) {
                ids = new long[n];
                x = new double[n];
                y = new double[n];
                values = new float[Math.multiplyExact(n, columns)];
            }
            buffer.asLongBuffer().get(ids, 0, n);
            buffer.position(n * 8);
            if (coordinates) {
                buffer.asDoubleBuffer().get(x, 0, n).get(y, 0, n);
                buffer.position(n * 24);
            }
            buffer.asFloatBuffer().get(values, 0, n * columns);
            return new FeatureBatch(n, columns, values, ids, coordinates ? x : null, coordinates ? y : null);
        }

        /** Reads until the buffer is full; false at a clean end of file. */
        private boolean fill(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                if (in.read(b) < 0) {
                    if (b.position() == 0) {
                        return false;
                    }
                    throw new IOException("scratch file is truncated");
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
