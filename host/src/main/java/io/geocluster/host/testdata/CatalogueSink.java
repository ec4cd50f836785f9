package io.geocluster.host.testdata;

import java.io.IOException;

/**
 * Destination of generated rows that becomes visible only when {@link #publish()} succeeds: rows go
 * to a temporary file beside the target, which replaces the target at the end, so a failed or
 * interrupted run never leaves a half-written catalogue under the requested name.
 */
interface CatalogueSink extends AutoCloseable {
    /** Writes one row; the row is reused by the caller afterwards, so nothing may keep it. */
    void accept(CatalogueRow row) throws IOException;

    /** Completes the temporary file; called once, after the last row. */
    void finish() throws IOException;

    /** Moves the completed temporary file over the target path. */
    void publish() throws IOException;

    /** Releases resources; unless {@link #publish()} succeeded, deletes the temporary file. */
    @Override
    void close() throws IOException;
}
