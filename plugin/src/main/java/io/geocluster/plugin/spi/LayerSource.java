package io.geocluster.plugin.spi;

import java.io.IOException;
import java.util.List;

/**
 * Opens a point layer as re-iterable streams of batches. Implemented over GeoServer's catalog by
 * the plugin and over local files by the host.
 */
public interface LayerSource extends AutoCloseable {
    /** The layer's schema; cheap, may be called many times. */
    LayerSchema schema();

    /**
     * Opens a stream whose batches hold the given numeric attributes as values (in that order),
     * the feature ids, and the point coordinates, and whose cursors also hand out the values of
     * the kept attributes.
     *
     * @param numeric numeric attributes to read as float32 values; NULL or unparsable values are NaN
     * @param kept attributes of any type whose values are carried for the output layer
     * @throws IllegalArgumentException when an attribute does not exist or a numeric one is not numeric
     */
    LayerStream open(List<String> numeric, List<String> kept) throws IOException;

    @Override
    void close() throws IOException;
}
