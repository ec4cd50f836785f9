package io.geocluster.plugin.spi;

import io.geocluster.engine.BatchCursor;

/** One pass over a layer; besides numeric batches it gives the kept attribute values. */
public interface LayerCursor extends BatchCursor, KeptValues {
}
