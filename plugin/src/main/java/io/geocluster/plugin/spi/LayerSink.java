package io.geocluster.plugin.spi;

import java.io.IOException;

/**
 * Creates and publishes result layers. Publishing is atomic: until {@link LayerWriter#commit}
 * nothing is visible, and a writer closed without commit leaves no trace.
 */
public interface LayerSink {
    /**
     * Fails with a clear message, before any work is done, when a layer of that name cannot be
     * created (it exists and overwriting was not allowed, the name is invalid, ...).
     */
    void checkWritable(String layerName) throws IOException;

    /** Starts writing a new layer. */
    LayerWriter create(OutputLayer layer) throws IOException;
}
