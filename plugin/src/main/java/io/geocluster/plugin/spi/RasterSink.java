package io.geocluster.plugin.spi;

import java.io.IOException;
import java.util.List;

/**
 * Creates and publishes label rasters. Like {@link LayerSink}, publishing is atomic: nothing is
 * visible until {@link RasterWriter#commit}, and a writer closed without commit leaves no trace.
 */
public interface RasterSink {
    /**
     * Fails with a clear message, before any work is done, when any of these layers cannot be
     * created (exists and overwriting was not allowed, invalid name, ...).
     */
    void checkWritable(List<String> layerNames) throws IOException;

    /** Starts one transaction that may write several label rasters and one style. */
    RasterWriter create() throws IOException;
}
