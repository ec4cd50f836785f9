package io.geocluster.engine.graph;

import java.util.Arrays;

/**
 * The uniform bucket grid that {@link KnnGraphBuilder} searches when the points are spread
 * evenly enough.
 *
 * <p>The bucket grid: points counting-sorted by cell, with their coordinates copied in that
 * order. Read-only once built, so searchers on several threads share it.
 */
final class KnnGrid {
    final int dim;
    final int n;
    /** Cells along x, y and z; z is 1 for planar input. */
    final int gx;
    final int gy;
    final int gz;
    final int cells;
    /** Cell side, in coordinate units, and its inverse. */
    final double size;
    final double inverse;
    final double minX;
    final double minY;
    final double minZ;
    /** Points of cell {@code c} are sorted positions {@code start[c] .. start[c+1]-1}. */
    final int[] start;
    /** Original index of each sorted position; set by {@link #fill}, read-only after. */
    int[] index;
    /** Coordinates in sorted order, {@code dim} per point; set by {@link #fill}, read-only after. */
    double[] sorted;

    /**
     * Builds the grid, or returns {@code null} when it would be too crowded to search
     * quickly (see {@link #CROWDED}) unless {@code always} is set.
     */
    static KnnGrid build(double[] c, int dim, int n, boolean always) {
        KnnGrid g = new KnnGrid(c, dim, n);
        if (!always && g.crowding > CROWDED * (double) n) {
            return null;
        }
        g.fill(c);
        return g;
    }

    /**
     * Mean number of points sharing a point's own cell above which the tree is used instead.
     * Uniform points give about 1 + {@value KnnGraphBuilder#POINTS_PER_CELL}. Measured on mixtures of dense
     * clusters and uniform background (300 000 points, k = 8), the grid stays faster than
     * the tree up to about 80, because the pruned ring search stops early in dense cells;
     * at 900 it is twice as slow, and a lone far outlier (everything else in one cell) makes
     * it quadratic.
     */
    static final double CROWDED = 64;

    /** Sum over cells of the squared point count: points times the mean occupancy of their own cell. */
    private long crowding;
    private int[] cellOf;

    private KnnGrid(double[] c, int dim, int n) {
        this.dim = dim;
        this.n = n;
        double[] min = new double[3];
        double[] extent = new double[3];
        for (int a = 0; a < dim; a++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = a; i < dim * n; i += dim) {
                double v = c[i];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            min[a] = lo;
            extent[a] = hi - lo;
            if (!Double.isFinite(extent[a])) {
                throw new IllegalArgumentException("coordinates span too large a range: " + lo + " to " + hi);
            }
        }
        this.minX = min[0];
        this.minY = min[1];
        this.minZ = min[2];
        this.size = cellSize(extent, dim, n);
        this.inverse = 1 / size;
        this.gx = cellsAlong(extent[0], inverse);
        this.gy = cellsAlong(extent[1], inverse);
        this.gz = dim == 3 ? cellsAlong(extent[2], inverse) : 1;
        this.cells = gx * gy * gz;

        // Counting sort by cell. start[] first holds counts shifted by one, then begins; the
        // placement pass in fill() advances each begin to the next cell's, and one shift
        // restores them.
        int[] cellOf = new int[n];
        int[] start = new int[cells + 1];
        for (int i = 0; i < n; i++) {
            int cell = cellOf(c, i);
            cellOf[i] = cell;
            start[cell + 1]++;
        }
        long crowding = 0;
        for (int cell = 0; cell < cells; cell++) {
            long count = start[cell + 1];
            crowding += count * count;
            start[cell + 1] += start[cell];
        }
        this.crowding = crowding;
        this.cellOf = cellOf;
        this.start = start;
    }

    /** Places the points; a crowded grid is dropped before this allocates anything. */
    private void fill(double[] c) {
        index = new int[n];
        sorted = new double[dim * n];
        for (int i = 0; i < n; i++) {
            int p = start[cellOf[i]]++;
            index[p] = i;
            System.arraycopy(c, dim * i, sorted, dim * p, dim);
        }
        System.arraycopy(start, 0, start, 1, cells);
        start[0] = 0;
        cellOf = null;
    }

    /**
     * Side of a cell: the two largest extents give the area the points cover (for 3-D input
     * the points lie on the sphere's surface, so a volume would be wrong), divided so that a
     * cell holds {@link KnnGraphBuilder#POINTS_PER_CELL} points; a degenerate box falls back to the longest
     * extent. Then enlarged until the grid has at most {@code n} cells, which matters for 3-D
     * input spread over a large part of the globe, where most cells of the box are empty.
     */
    private static double cellSize(double[] extent, int dim, int n) {
        double[] e = Arrays.copyOf(extent, dim);
        Arrays.sort(e);
        double longest = e[dim - 1];
        double area = longest * e[dim - 2];
        double s;
        if (area > 0 && Double.isFinite(area)) {
            s = Math.sqrt(area * KnnGraphBuilder.POINTS_PER_CELL / n);
        } else if (longest > 0) {
            s = longest * KnnGraphBuilder.POINTS_PER_CELL / n;
        } else {
            return 1; // every point at one location: one cell, and the duplicate check reports it
        }
        s = Math.max(s, Double.MIN_NORMAL);
        while (true) {
            double count = 1;
            for (int a = 0; a < dim; a++) {
                count *= Math.floor(extent[a] / s) + 1;
            }
            if (count <= Math.max(n, 1)) {
                return s;
            }
            s *= Math.max(1.01, Math.pow(count / n, 1.0 / dim));
        }
    }

    private static int cellsAlong(double extent, double inverse) {
        return (int) Math.floor(extent * inverse) + 1;
    }

    /** Cell of a coordinate along one axis; the same expression as the searcher's bound uses. */
    private static int cellOf(double v, double min, double inverse, int cells) {
        int cell = (int) ((v - min) * inverse);
        return Math.min(cell, cells - 1); // the maximum may round onto the far edge
    }

    private int cellOf(double[] c, int i) {
        int cx = cellOf(c[dim * i], minX, inverse, gx);
        int cy = cellOf(c[dim * i + 1], minY, inverse, gy);
        int cz = dim == 3 ? cellOf(c[dim * i + 2], minZ, inverse, gz) : 0;
        return (cz * gy + cy) * gx + cx;
    }

    /** The cell holding sorted position {@code p}, or the first cell after it for {@code p = n}. */
    int cellAtPoint(long p) {
        int lo = 0;
        int hi = cells;
        // First cell whose end passes p: start[cell + 1] > p.
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid + 1] > p) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
