package io.geocluster.plugin.spi;

import io.geocluster.engine.FeatureBatch;
import java.io.IOException;

/**
 * Writes the rows of one result layer, then publishes it with its style. Closing without
 * committing discards everything written.
 */
public interface LayerWriter extends AutoCloseable {
    /**
     * Appends the rows of a batch.
     *
     * @param rows ids and coordinates of the rows (values are not written)
     * @param labels cluster per row, -1 when the row was not clustered
     * @param split split code per row ({@code io.geocluster.engine.kmeans.TrainTestSplit} codes)
     * @param kept the kept attribute values of the same rows
     */
    void write(FeatureBatch rows, int[] labels, byte[] split, KeptValues kept) throws IOException;

    /**
     * Makes the layer and its style visible in one step.
     *
     * @param sld the SLD 1.0 document styling the layer
     * @return where the layer went
     */
    PublishedLayer commit(String sld) throws IOException;

    /** Discards the layer unless it was committed. */
    @Override
    void close() throws IOException;
}
