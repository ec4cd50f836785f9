package io.geocluster.engine.graph;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The result of {@link SpatialSmoothing}: the smoothed features of every row of the layer, looked
 * up by the row's position in the layer's reading order, in scratch files that
 * {@link #close()} removes.
 */
public final class SmoothedFeatures implements AutoCloseable {
    private final Path dir;
    private final MappedRows rowMap;
    private final long[] shardStart;
    private final MappedRows features;
    private final SmoothingStatistics statistics;

    SmoothedFeatures(Path dir, MappedRows rowMap, long[] shardStart, MappedRows features, SmoothingStatistics statistics) {
        this.dir = dir;
        this.rowMap = rowMap;
        this.shardStart = shardStart;
        this.features = features;
        this.statistics = statistics;
    }

    /** Rows in the layer. */
    public long rows() {
        return rowMap.rows();
    }

    /** Features per row. */
    public int dimensions() {
        return features.width();
    }

    /** How the graph looked. */
    public SmoothingStatistics statistics() {
        return statistics;
    }

    /**
     * Overwrites the first {@link #dimensions()} values of {@code count} rows of a row-major block
     * with the smoothed features of the layer rows {@code first .. first+count-1} (reading order).
     */
    public void overwrite(long first, int count, float[] values, int stride) {
        for (int i = 0; i < count; i++) {
            long where = rowMap.getLong(first + i, 0);
            int shard = (int) (where >>> 32);
            int position = (int) where;
            // Only the first d values of the row are replaced; further columns keep their values.
            features.read(shardStart[shard] + position, 1, values, i * stride);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            rowMap.close();
            features.close();
        } finally {
            SpatialSmoothing.deleteTree(dir);
        }
    }
}
