package io.geocluster.engine.compute;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The CPU's {@link LloydSession}: per-class sums are kept between steps and updated only for the
 * rows whose class changed, and once the clustering has nearly settled each row keeps a bound that
 * skips its assignment while the centres have not moved enough to change its class, so that a
 * step then costs little more than reading five bytes per row.
 *
 * <p><b>Algorithm:</b> the first step is a plain {@link ComputeBackend#lloydStep} over every
 * chunk, whose per-position sums seed sums kept per class id. Each later step moves a row from
 * class {@code a}'s sum to class {@code b}'s only when its class id changed
 * ({@link CpuBackend#lloydDelta}). Once fewer than {@value #ENTER_BOUNDS} of the rows change class
 * in {@value #QUIET_STEPS} steps in a row (but still at least twice the run's stopping tolerance, so
 * that the run goes on for a while, and over at least {@value #MIN_BOUNDED_ROWS} resident rows),
 * the session also keeps
 * bounds ({@link CpuBackend#lloydBounded}), a one-bound form of Hamerly's (2010) acceleration: when a row is assigned, its margin m = (distance to the second
 * nearest centre) − (distance to the nearest) is stored; if since then its own centre moved by δ_a
 * and every other centre by at most δ_o, the triangle inequality keeps it nearest while
 * m − Σ(δ_a + δ_o) over the steps since stays positive. Rather than lowering every stored margin
 * each step, the session accumulates Σ(δ_a + max δ_other) per class id in an offset table and
 * stores m plus the class's offset as the row's key, so a row is touched again only when its key
 * falls to its class's offset. While the centres still move a lot the bounds spare little and
 * cost their upkeep, so the session drops them again when a bounded step had to assign more than
 * {@value #LEAVE_BOUNDS} of the rows. Either way the result is plain Lloyd's: a row is skipped
 * only when plain Lloyd would give it the same class.
 *
 * <p><b>Accuracy:</b> margins are shrunk by a relative {@value CpuBackend#MARGIN_SLACK}, movements
 * rounded up and keys rounded down, which covers the float rounding of the distances many times
 * over; exact ties have no margin and are always assigned again (to the lowest id, as plain
 * Lloyd does). A class sum is the float rows added and taken away in double, so it differs from
 * a fresh sum by double rounding only (relative 1e-16 per update); counts are exact.
 *
 * <p><b>Limitations:</b> bounds are kept for the rows of {@linkplain LloydRows#resident resident}
 * chunks only (4 bytes per row on the heap); rows of spilled chunks are assigned every step. A
 * live class id that was not live in the previous step (a reseeded centre) invalidates every
 * bound, and that step assigns every row.
 *
 * <p><b>Determinism:</b> the switches between plain and bounded steps depend on counts only, and
 * updates are merged per chunk and per thread in a fixed order, so steps repeat exactly for the
 * same input and thread count.
 */
final class IncrementalLloydSession implements LloydSession {
    /** Class ids are bytes; 255 is "unassigned" and has no sum. */
    private static final int IDS = 256;
    /** Fraction of rows changing class below which bounds are worth keeping. */
    static final double ENTER_BOUNDS = 0.01;
    /**
     * Consecutive plain steps under {@link #ENTER_BOUNDS} before bounds start: a run whose changes
     * have just dropped often ends within a step or two, before the bounds' first step repays.
     */
    static final int QUIET_STEPS = 2;

    /** Fraction of bounded rows assigned again above which bounds are dropped. */
    static final double LEAVE_BOUNDS = 0.6;

    private final CpuBackend backend;
    private final LloydRows rows;
    private final double tolerance;
    private final long minBoundedRows;
    private final double[] classSums;
    private final long[] classCounts;
    /** Per-row bound keys of resident chunks; null for spilled chunks and before bounds are used. */
    private final float[][] keys;
    /** Per class id: accumulated worst-case movement, in double and rounded up to float. */
    private final double[] cumulative = new double[IDS];
    private final float[] offsets = new float[IDS];
    /** The centres of the previous step by class id, and which ids were live. */
    private final float[] previous;
    private final boolean[] wasLive = new boolean[IDS];
    private final long[] assigned = new long[1];
    private final long residentRows;
    private final long totalRows;
    private boolean seeded;
    private boolean useBounds;
    private int quietSteps;
    private boolean boundsValid;

    /**
     * Fewest resident rows for bounds. Bounds pay for their first step (every row assigned and its
     * bound stored, 4 bytes per row allocated) and, once per JVM, for recompiling the kernel with
     * margins (measured at 0.3–0.6 s in a fresh JVM) only over many rows: on 2 M pixels a whole run
     * took longer with bounds than without, on 5 M about as long, and a plain step over a smaller
     * pool takes a few milliseconds anyway.
     */
    static final long MIN_BOUNDED_ROWS = 1 << 22;

    /**
     * @param tolerance the run stops after a step in which fewer than this fraction of rows change
     *        class; bounds are only started while at least twice that fraction change, since they
     *        pay for their first step (which assigns every row and stores its bound) only over
     *        several later ones
     * @param minBoundedRows fewest resident rows for which bounds are kept ({@link #MIN_BOUNDED_ROWS})
     */
    IncrementalLloydSession(CpuBackend backend, LloydRows rows, double tolerance, long minBoundedRows) {
        this.backend = backend;
        this.tolerance = tolerance;
        this.minBoundedRows = minBoundedRows;
        this.rows = rows;
        this.classSums = new double[IDS * rows.d()];
        this.classCounts = new long[IDS];
        this.keys = new float[rows.chunks()][];
        this.previous = new float[IDS * rows.d()];
        long resident = 0;
        long total = 0;
        for (int c = 0; c < rows.chunks(); c++) {
            total += rows.rows(c);
            resident += rows.resident(c) ? rows.rows(c) : 0;
        }
        this.residentRows = resident;
        this.totalRows = total;
    }

    @Override
    public long step(float[] centres, int k, byte[] ids, double[] sums, long[] counts, IntConsumer progress) {
        int d = rows.d();
        long changed;
        if (!seeded) {
            changed = seed(centres, k, ids, d, progress);
            seeded = true;
        } else if (useBounds) {
            changed = boundedStep(centres, k, ids, d, progress);
        } else {
            changed = 0;
            for (int c = 0; c < rows.chunks(); c++) {
                int n = rows.rows(c);
                byte[] labels = rows.labels(c);
                changed += backend.lloydDelta(rows.values(c), n, d, centres, k, ids, labels, classSums, classCounts);
                rows.storeLabels(c, labels);
                progress.accept(n);
            }
            assigned[0] += totalRows;
            boolean quiet = changed < ENTER_BOUNDS * totalRows && changed >= 2 * tolerance * totalRows;
            quietSteps = quiet ? quietSteps + 1 : 0;
            useBounds = residentRows >= Math.max(1, minBoundedRows) && quietSteps >= QUIET_STEPS;
        }
        Arrays.fill(wasLive, false);
        for (int p = 0; p < k; p++) {
            int id = ids[p] & 0xFF;
            wasLive[id] = true;
            System.arraycopy(centres, p * d, previous, id * d, d);
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

    /** The first step: every row assigned, class sums from scratch. */
    private long seed(float[] centres, int k, byte[] ids, int d, IntConsumer progress) {
        double[] positionSums = new double[k * d];
        long[] positionCounts = new long[k];
        long changed = 0;
        for (int c = 0; c < rows.chunks(); c++) {
            int n = rows.rows(c);
            byte[] labels = rows.labels(c);
            changed += backend.lloydStep(rows.values(c), n, d, centres, k, ids, labels, positionSums,
                    positionCounts, null);
            rows.storeLabels(c, labels);
            progress.accept(n);
        }
        assigned[0] += totalRows;
        for (int p = 0; p < k; p++) {
            int id = ids[p] & 0xFF;
            System.arraycopy(positionSums, p * d, classSums, id * d, d);
            classCounts[id] = positionCounts[p];
        }
        return changed;
    }

    /**
     * A step that keeps bounds: every row when they are not valid yet (or no longer, after a class
     * appeared), else only rows whose bound fails; leaves bounds when too many failed.
     */
    private long boundedStep(float[] centres, int k, byte[] ids, int d, IntConsumer progress) {
        boolean all = !boundsValid || !advanceOffsets(centres, k, ids, d);
        if (all) {
            Arrays.fill(cumulative, 0);
        }
        Arrays.fill(offsets, Float.POSITIVE_INFINITY);
        for (int p = 0; p < k; p++) {
            int id = ids[p] & 0xFF;
            offsets[id] = Math.nextUp((float) cumulative[id]);
        }
        long before = assigned[0];
        long[] boundedAssigned = new long[1];
        long changed = 0;
        for (int c = 0; c < rows.chunks(); c++) {
            int n = rows.rows(c);
            byte[] labels = rows.labels(c);
            if (keys[c] == null && rows.resident(c)) {
                keys[c] = new float[n];
            }
            changed += backend.lloydBounded(rows.values(c), n, d, centres, k, ids, labels, keys[c], offsets,
                    cumulative, all, classSums, classCounts, keys[c] == null ? assigned : boundedAssigned);
            rows.storeLabels(c, labels);
            progress.accept(n);
        }
        assigned[0] += boundedAssigned[0];
        boundsValid = true;
        if (!all && boundedAssigned[0] > LEAVE_BOUNDS * residentRows) {
            useBounds = false;
            boundsValid = false;
        }
        assert assigned[0] - before <= totalRows;
        return changed;
    }

    /**
     * Adds this step's worst-case movement to every live class's offset: its own centre's
     * movement plus the largest movement of any other centre.
     *
     * @return false when a live id was not live before, so no bound holds
     */
    private boolean advanceOffsets(float[] centres, int k, byte[] ids, int d) {
        double[] moved = new double[k];
        int largest = -1;
        double max1 = 0;
        double max2 = 0;
        for (int p = 0; p < k; p++) {
            int id = ids[p] & 0xFF;
            if (!wasLive[id]) {
                return false;
            }
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = (double) centres[p * d + j] - previous[id * d + j];
                s += t * t;
            }
            // Rounded up: a bound may only ever be loosened by rounding.
            moved[p] = Math.nextUp(Math.sqrt(s) * (1 + CpuBackend.MARGIN_SLACK));
            if (moved[p] > max1) {
                max2 = max1;
                max1 = moved[p];
                largest = p;
            } else if (moved[p] > max2) {
                max2 = moved[p];
            }
        }
        for (int p = 0; p < k; p++) {
            int id = ids[p] & 0xFF;
            cumulative[id] = Math.nextUp(cumulative[id] + moved[p] + (p == largest ? max2 : max1));
        }
        return true;
    }

    /** Rows assigned again since the session opened, skipped ones not counted (for tests and the bench). */
    long assignedRows() {
        return assigned[0];
    }

    @Override
    public void close() {
        Arrays.fill(classCounts, 0);
    }
}
