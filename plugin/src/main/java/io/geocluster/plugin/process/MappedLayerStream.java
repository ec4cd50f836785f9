package io.geocluster.plugin.process;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerStream;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * A layer stream whose batches are another stream's, transformed batch by batch; kept values, ids
 * and coordinates pass through. The layer views of the processes (smoothed features, reservoir
 * embedding) are built on it.
 */
final class MappedLayerStream implements LayerStream {
    /** Transforms the batches of one pass, in order; may keep state across the pass. */
    @FunctionalInterface
    interface Mapper {
        /** The batch to hand out instead of {@code batch}; may be {@code batch} itself, changed. */
        FeatureBatch map(FeatureBatch batch) throws IOException;

        /** Releases what the pass held; called when its cursor closes. */
        default void close() {
        }
    }

    private final LayerStream inner;
    private final int columns;
    private final Supplier<Mapper> perPass;

    /**
     * @param columns values per row of the mapped batches
     * @param perPass gives a new mapper for every pass
     */
    MappedLayerStream(LayerStream inner, int columns, Supplier<Mapper> perPass) {
        this.inner = inner;
        this.columns = columns;
        this.perPass = perPass;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public long sizeHint() {
        return inner.sizeHint();
    }

    @Override
    public LayerCursor open() throws IOException {
        LayerCursor cursor = inner.open();
        Mapper mapper = perPass.get();
        return new LayerCursor() {
            @Override
            public FeatureBatch next() throws IOException {
                FeatureBatch b = cursor.next();
                return b == null ? null : mapper.map(b);
            }

            @Override
            public Object kept(int row, int column) {
                return cursor.kept(row, column);
            }

            @Override
            public void close() throws IOException {
                try {
                    mapper.close();
                } finally {
                    cursor.close();
                }
            }
        };
    }
}
