package io.geocluster.host.io;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerCursor;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;

/**
 * One pass over a GeoPackage point table decoded by several threads, in primary-key order.
 *
 * <p>Why: sqlite-jdbc reads a value with a native call, so decoding rows costs about 0.1 µs per
 * value on one core while SQLite itself could go much faster. The key range is cut into chunks of
 * at most one batch; worker {@code t} reads chunks {@code t, t+T, t+2T, …} on its own read-only
 * connection, and the cursor takes the chunks back in order. Rows come out in the same order as a
 * single-threaded {@code ORDER BY pk} pass; only batch boundaries differ.
 *
 * <p>Memory: each worker runs at most {@value #AHEAD} chunks ahead. Closing the cursor stops and
 * joins the workers and closes their connections.
 */
final class ParallelGeoPackageCursor implements LayerCursor {
    /** Chunks a worker may have decoded but not yet handed over. */
    static final int AHEAD = 2;

    /** A decoded chunk: its batch and the cursor that holds its kept values. */
    private record Chunk(FeatureBatch batch, GeoPackageCursor cursor, Throwable error) {
    }

    private static final Chunk END = new Chunk(null, null, null);

    private final List<Worker> workers = new ArrayList<>();
    private final long chunks;
    private long next;
    private Chunk current;
    private volatile boolean closed;

    /**
     * @param select the query without WHERE and ORDER BY clauses, as {@link GeoPackageCursor} takes it
     * @param pk the quoted primary-key column
     * @param minPk smallest key
     * @param maxPk largest key
     */
    ParallelGeoPackageCursor(Path file, String select, String pk, long minPk, long maxPk, int columns,
                             AttributeType[] keptTypes, int batchRows, int threads) throws IOException {
        this.chunks = (maxPk - minPk) / batchRows + 1;
        try {
            for (int t = 0; t < threads; t++) {
                SQLiteConfig config = new SQLiteConfig();
                config.setReadOnly(true);
                Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
                workers.add(new Worker(t, threads, connection, file, select, pk, minPk, columns, keptTypes, batchRows));
            }
        } catch (SQLException e) {
            close();
            throw new IOException("Cannot open " + file + " for reading: " + e.getMessage(), e);
        }
        for (Worker w : workers) {
            w.start();
        }
    }

    @Override
    public FeatureBatch next() throws IOException {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        while (next < chunks) {
            Worker worker = workers.get((int) (next % workers.size()));
            next++;
            Chunk chunk;
            try {
                chunk = worker.output.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading", e);
            }
            if (chunk.error() != null) {
                throw chunk.error() instanceof IOException io ? io : new IOException(chunk.error().getMessage(), chunk.error());
            }
            if (chunk.batch() != null) {
                current = chunk;
                return chunk.batch();
            }
        }
        current = null;
        return null;
    }

    @Override
    public Object kept(int row, int column) {
        return current.cursor().kept(row, column);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        for (Worker w : workers) {
            w.interrupt();
        }
        for (Worker w : workers) {
            try {
                w.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                w.connection.close();
            } catch (SQLException ignored) {
                // read-only connection: nothing to lose
            }
        }
    }

    /** Decodes every T-th chunk into its queue. */
    private final class Worker extends Thread {
        final BlockingQueue<Chunk> output = new ArrayBlockingQueue<>(AHEAD);
        final Connection connection;
        private final int first;
        private final int step;
        private final Path file;
        private final String select;
        private final String pk;
        private final long minPk;
        private final int columns;
        private final AttributeType[] keptTypes;
        private final int batchRows;

        Worker(int first, int step, Connection connection, Path file, String select, String pk, long minPk, int columns,
               AttributeType[] keptTypes, int batchRows) {
            super("geocluster-gpkg-reader-" + first);
            setDaemon(true);
            this.first = first;
            this.step = step;
            this.connection = connection;
            this.file = file;
            this.select = select;
            this.pk = pk;
            this.minPk = minPk;
            this.columns = columns;
            this.keptTypes = keptTypes;
            this.batchRows = batchRows;
        }

        @Override
        public void run() {
            try {
                for (long c = first; c < chunks && !closed; c += step) {
                    long lo = minPk + c * batchRows;
                    String query = select + " WHERE " + pk + " >= " + lo + " AND " + pk + " < " + (lo + batchRows)
                            + " ORDER BY " + pk;
                    // Each chunk gets fresh arrays: the consumer may still be using the previous one.
                    GeoPackageCursor cursor = new GeoPackageCursor(connection, query, columns, keptTypes, batchRows, file);
                    FeatureBatch batch;
                    try {
                        batch = cursor.next();
                    } finally {
                        cursor.close();
                    }
                    output.put(new Chunk(batch, cursor, null));
                }
            } catch (InterruptedException e) {
                // closed by the consumer
            } catch (IOException | RuntimeException e) {
                output.offer(new Chunk(null, null, e));
            }
        }
    }
}
