package io.geocluster.engine;

import java.io.IOException;

/**
 * A re-iterable source of {@link FeatureBatch}es: every call to {@link #open()} starts a new pass
 * over the same rows in the same order. A run makes several passes (statistics, warm-start
 * sample, training, labelling) and never holds the whole layer.
 */
public interface BatchStream {
    /** Values per row of every batch this stream yields. */
    int columns();

    /** Rows per pass when known cheaply, otherwise -1; used for progress only. */
    default long sizeHint() {
        return -1;
    }

    /** Starts a new pass. */
    BatchCursor open() throws IOException;
}
