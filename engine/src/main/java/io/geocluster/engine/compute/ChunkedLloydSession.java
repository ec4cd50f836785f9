package io.geocluster.engine.compute;

import java.util.function.IntConsumer;

/**
 * The default {@link LloydSession}: {@link ComputeBackend#lloydStep} over each chunk in order,
 * class ids written back to the rows after every chunk. Holds nothing.
 */
final class ChunkedLloydSession implements LloydSession {
    private final ComputeBackend backend;
    private final LloydRows rows;

    ChunkedLloydSession(ComputeBackend backend, LloydRows rows) {
        this.backend = backend;
        this.rows = rows;
    }

    @Override
    public long step(float[] centres, int k, byte[] ids, double[] sums, long[] counts, IntConsumer progress) {
        int d = rows.d();
        long changed = 0;
        for (int c = 0; c < rows.chunks(); c++) {
            int n = rows.rows(c);
            float[] x = rows.values(c);
            byte[] labels = rows.labels(c);
            changed += backend.lloydStep(x, n, d, centres, k, ids, labels, sums, counts, null);
            rows.storeLabels(c, labels);
            progress.accept(n);
        }
        return changed;
    }

    @Override
    public void close() {
    }
}
