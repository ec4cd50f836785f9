package io.geocluster.engine;

import java.io.IOException;

/**
 * One pass over a {@link BatchStream}. Always closed, typically with try-with-resources.
 */
public interface BatchCursor extends AutoCloseable {
    /**
     * Returns the next batch, or {@code null} once the pass is over. The returned batch may be
     * reused by the following call.
     */
    FeatureBatch next() throws IOException;

    @Override
    void close() throws IOException;
}
