package io.geocluster.engine.compute;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The CPU's {@link LloydSession}: per-class sums are kept between steps and updated only for the
 * rows whose class changed, so that once a clustering settles a step costs the assignment alone.
 *
 * <p><b>Algorithm:</b> the first step is a plain {@link ComputeBackend#lloydStep} over every
 * chunk, whose per-position sums seed sums kept per class id. Each later step assigns every row
 * and, for a row whose class id changed from {@code a} to {@code b}, subtracts the row from class
 * {@code a}'s sum and adds it to class {@code b}'s ({@link CpuBackend#lloydDelta}); the step then
 * reports each live position's class sum. Rows that keep their class, nearly all of them after a
 * few Lloyd iterations, cost no addition at all.
 *
 * <p><b>Accuracy:</b> a class sum is the float rows added and taken away in double, so it differs
 * from a fresh sum by double rounding only (relative 1e-16 per update); counts are exact.
 *
 * <p><b>Determinism:</b> updates are merged per chunk and per thread in a fixed order, so steps
 * repeat exactly for the same input and thread count.
 */
final class IncrementalLloydSession implements LloydSession {
    /** Class ids are bytes; 255 is "unassigned" and has no sum. */
    private static final int IDS = 256;

    private final CpuBackend backend;
    private final LloydRows rows;
    private final double[] classSums;
    private final long[] classCounts;
    private boolean seeded;

    IncrementalLloydSession(CpuBackend backend, LloydRows rows) {
        this.backend = backend;
        this.rows = rows;
        this.classSums = new double[IDS * rows.d()];
        this.classCounts = new long[IDS];
    }

    @Override
    public long step(float[] centres, int k, byte[] ids, double[] sums, long[] counts, IntConsumer progress) {
        int d = rows.d();
        long changed = 0;
        if (!seeded) {
            double[] positionSums = new double[k * d];
            long[] positionCounts = new long[k];
            for (int c = 0; c < rows.chunks(); c++) {
                int n = rows.rows(c);
                byte[] labels = rows.labels(c);
                changed += backend.lloydStep(rows.values(c), n, d, centres, k, ids, labels, positionSums,
                        positionCounts, null);
                rows.storeLabels(c, labels);
                progress.accept(n);
            }
            for (int p = 0; p < k; p++) {
                int id = ids[p] & 0xFF;
                System.arraycopy(positionSums, p * d, classSums, id * d, d);
                classCounts[id] = positionCounts[p];
            }
            seeded = true;
        } else {
            for (int c = 0; c < rows.chunks(); c++) {
                int n = rows.rows(c);
                byte[] labels = rows.labels(c);
                changed += backend.lloydDelta(rows.values(c), n, d, centres, k, ids, labels, classSums, classCounts);
                rows.storeLabels(c, labels);
                progress.accept(n);
            }
        }
        for (int p = 0; p < k; p++) {
            int id = ids[p] & 0xFF;
            for (int j = 0; j < d; j++) {
                sums[p * d + j] += classSums[id * d + j];
            }
            counts[p] += classCounts[id];
        }
        return changed;
    }

    @Override
    public void close() {
        Arrays.fill(classCounts, 0);
    }
}
