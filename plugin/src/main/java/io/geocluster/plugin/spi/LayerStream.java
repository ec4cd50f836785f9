package io.geocluster.plugin.spi;

import io.geocluster.engine.BatchStream;
import java.io.IOException;

/** A {@link BatchStream} over a layer whose passes also carry kept attribute values. */
public interface LayerStream extends BatchStream {
    @Override
    LayerCursor open() throws IOException;
}
