package io.geocluster.engine.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * Builds the directed k-nearest-neighbour graph of a point set: for every point its {@code k}
 * nearest other points, nearest first, ties broken by the smaller point index, without edges
 * longer than a cut-off.
 *
 * <p><b>Algorithm:</b> a uniform grid of buckets. The cell size is chosen from the bounding box
 * and the point count so that a cell holds about {@value #POINTS_PER_CELL} points on average, and
 * the grid never has more cells than points. Points are counting-sorted by cell into flat arrays
 * (coordinates copied in cell order, so a row of cells is one contiguous run of memory). Each
 * point then searches rings of cells around its own, ring {@code r} being the cells at Chebyshev
 * distance {@code r}, keeping the {@code k} best candidates in an insertion-sorted array reused
 * across points. Within a ring, cells farther than the current {@code k}-th distance are skipped.
 * The search stops once the distance from the point to the outside of the searched block exceeds
 * the current {@code k}-th distance (or the cut-off), because no unsearched point can then be
 * closer. Sides of the block at the edge of the grid do not count: nothing lies beyond them.
 * Expected time is {@code O(N·k)} for points spread over an area; the grid costs {@code O(N)}
 * time and memory. Large inputs are split by ranges of cells over all available processors; the
 * result does not depend on the split.
 *
 * <p><b>Uneven density:</b> a uniform grid assumes roughly even density at the scale of the
 * bounding box. One far outlier (a point at (0, 0), say) packs everything else into a few cells,
 * and scanning those would be quadratic. Counting the points per cell gives the mean occupancy of
 * a point's own cell for free; when it is far above the uniform case the build switches to a
 * balanced k-d tree ({@link KdTree}: {@code O(N log N)} build, {@code O(log N + k)} expected per
 * query whatever the distribution), about 1.7 times slower than the grid on even data. Both
 * return the same graph.
 *
 * <p><b>Longitude/latitude:</b> {@link #buildGeographic} converts each point to Earth-centred 3-D
 * coordinates on a sphere of radius {@value #EARTH_RADIUS_METRES} m (the IUGG mean radius), rotated
 * so that the points' mean direction is the z axis, and runs the same search on a 3-D grid. The
 * straight-line (chord) distance between two points on a sphere is a strictly increasing function
 * of their great-circle distance, so neighbours come out in exactly the order the haversine
 * formula gives, with no projection, no distortion at high latitudes and no seam at the
 * antimeridian or the poles. Longitudes are normalised first (180 is −180, 0..360 is accepted,
 * a pole has one location), so the same place written two ways counts as a duplicate. Edge
 * lengths are reported as great-circle metres, {@code 2R·asin(chord/2R)}. The sphere differs from
 * the ellipsoid by up to about 0.5% in length, which is irrelevant for choosing neighbours and
 * weighting them.
 *
 * <p><b>Duplicates:</b> two points at the same location would give an edge of length zero and an
 * infinite inverse-distance weight. Identical points always share a grid cell, which every point
 * searches first (in the tree, a node holding one has a lower bound of 0 and is never skipped),
 * so they are detected during the search at no extra cost and reported as a
 * {@link DuplicatePointsException} carrying both indexes.
 *
 * <p><b>Thread safety:</b> stateless; calls may run concurrently.
 */
public final class KnnGraphBuilder {
    /** Radius of the sphere used for longitude/latitude input, in metres (IUGG mean Earth radius). */
    public static final double EARTH_RADIUS_METRES = 6_371_008.8;

    /**
     * Average points per grid cell. Measured for k = 1 to 16: 2 to 3 are equally fast; fewer
     * means more empty cells visited, more means more candidates per cell.
     */
    static final double POINTS_PER_CELL = 2.5;
    /**
     * Relative and absolute (in cells) margin taken off the stopping bound, so that rounding in
     * the cell assignment and in distances can never stop a search before an equally near point.
     */
    private static final double SLACK = 1e-9;
    /** Points below which the search stays on the calling thread. */
    private static final int PARALLEL_THRESHOLD = 50_000;
    /** Marks an unused slot of the candidate array; it sorts after every real point. */
    private static final int NONE = Integer.MAX_VALUE;

    private KnnGraphBuilder() {
    }

    /**
     * Builds the graph for points in a projected coordinate system whose unit is the metre.
     *
     * @param x x coordinates, at least {@code n}
     * @param y y coordinates, at least {@code n}
     * @param n number of points
     * @param k neighbours per point, {@code 1 <= k < n}
     * @param maxDistance longest edge kept, in coordinate units; {@link Double#POSITIVE_INFINITY} for no cut-off
     * @return the graph; node {@code i} is point {@code i}, edge lengths are Euclidean distances
     * @throws IllegalArgumentException for bad parameters, a point without finite coordinates or
     *     two points at the same location, naming the point indexes
     */
    public static KnnGraph build(double[] x, double[] y, int n, int k, double maxDistance) {
        return build(x, y, n, n, k, maxDistance);
    }

    /**
     * Like {@link #build(double[], double[], int, int, double)}, but searches neighbours only for
     * the first {@code queries} points, among all {@code n}: the remaining points are candidates
     * only (the halo around a shard) and get no edges. The graph still has {@code n} nodes, so
     * targets index the same arrays as the input; duplicates are reported when a query point has
     * one.
     *
     * @param queries points, from the start of the arrays, whose neighbours are wanted, {@code 0 <= queries <= n}
     */
    public static KnnGraph build(double[] x, double[] y, int n, int queries, int k, double maxDistance) {
        return build(x, y, n, queries, k, maxDistance, Method.AUTO);
    }

    /** As above, with the index chosen by the caller: tests force the grid or the tree. */
    static KnnGraph build(double[] x, double[] y, int n, int queries, int k, double maxDistance, Method method) {
        checkArrays(x, y, n, "x and y");
        checkParameters(n, queries, k, maxDistance);
        double[] c = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            double yi = y[i];
            if (!Double.isFinite(xi) || !Double.isFinite(yi)) {
                throw missing(i);
            }
            c[2 * i] = xi;
            c[2 * i + 1] = yi;
        }
        // The squared limit only prunes the search, so a generous margin costs nothing; the exact
        // cut-off is applied to the final lengths.
        double limit = maxDistance * maxDistance * (1 + 1e-6);
        try {
            return search(c, 2, n, queries, k, limit, maxDistance, threads(queries), method);
        } catch (Duplicate d) {
            throw new DuplicatePointsException(d.first, d.second, "points " + d.first + " and " + d.second
                    + " have identical coordinates (" + x[d.first] + ", " + y[d.first]
                    + "); smoothing needs distinct locations");
        }
    }

    /**
     * Builds the graph for longitude/latitude points (degrees), with great-circle distances on a
     * sphere; see the class description.
     *
     * @param lon longitudes in degrees, in [-180, 360], at least {@code n}
     * @param lat latitudes in degrees, in [-90, 90], at least {@code n}
     * @param n number of points
     * @param k neighbours per point, {@code 1 <= k < n}
     * @param maxDistanceMetres longest edge kept, in great-circle metres; {@link Double#POSITIVE_INFINITY} for no cut-off
     * @return the graph; node {@code i} is point {@code i}, edge lengths are great-circle metres
     * @throws IllegalArgumentException for bad parameters, a point without finite or valid
     *     coordinates or two points at the same location, naming the point indexes
     */
    public static KnnGraph buildGeographic(double[] lon, double[] lat, int n, int k, double maxDistanceMetres) {
        return buildGeographic(lon, lat, n, n, k, maxDistanceMetres);
    }

    /**
     * Like {@link #buildGeographic(double[], double[], int, int, double)}, for the first
     * {@code queries} points only; see {@link #build(double[], double[], int, int, int, double)}.
     *
     * @param queries points, from the start of the arrays, whose neighbours are wanted, {@code 0 <= queries <= n}
     */
    public static KnnGraph buildGeographic(double[] lon, double[] lat, int n, int queries, int k, double maxDistanceMetres) {
        return buildGeographic(lon, lat, n, queries, k, maxDistanceMetres, Method.AUTO);
    }

    /** As above, with the index chosen by the caller: tests force the grid or the tree. */
    static KnnGraph buildGeographic(double[] lon, double[] lat, int n, int queries, int k, double maxDistanceMetres,
                                    Method method) {
        checkArrays(lon, lat, n, "lon and lat");
        checkParameters(n, queries, k, maxDistanceMetres);
        double[] c = new double[3 * n];
        final double r = EARTH_RADIUS_METRES;
        for (int i = 0; i < n; i++) {
            double lo = lon[i];
            double la = lat[i];
            if (!Double.isFinite(lo) || !Double.isFinite(la)) {
                throw missing(i);
            }
            if (la < -90 || la > 90 || lo < -180 || lo > 360) {
                throw new IllegalArgumentException("point " + i + " has longitude " + lo + " and latitude " + la
                        + ", outside [-180, 360] x [-90, 90]; are the coordinates really in degrees?");
            }
            // One spelling per location, so that the same place written two ways converts to
            // identical coordinates and the duplicate check sees it: 180 is -180, 0..360 becomes
            // -180..180 (exact: Sterbenz), and the longitude of a pole is irrelevant.
            double canonical = la == 90 || la == -90 ? 0 : lo >= 180 ? lo - 360 : lo;
            double phi = Math.toRadians(la);
            double lambda = Math.toRadians(canonical);
            double cosPhi = Math.cos(phi);
            c[3 * i] = r * cosPhi * Math.cos(lambda);
            c[3 * i + 1] = r * cosPhi * Math.sin(lambda);
            c[3 * i + 2] = r * Math.sin(phi);
        }
        rotateToMeanDirection(c, n);
        // Chord of the cut-off arc; past half the circumference every point is within reach.
        double chord = maxDistanceMetres >= Math.PI * r
                ? Double.POSITIVE_INFINITY
                : 2 * r * Math.sin(maxDistanceMetres / (2 * r));
        double limit = chord * chord * (1 + 1e-6);
        try {
            return search(c, 3, n, queries, k, limit, maxDistanceMetres, threads(queries), method);
        } catch (Duplicate d) {
            String a = "(lon " + lon[d.first] + ", lat " + lat[d.first] + ")";
            String b = "(lon " + lon[d.second] + ", lat " + lat[d.second] + ")";
            throw new DuplicatePointsException(d.first, d.second, "points " + d.first + " and " + d.second
                    + (a.equals(b) ? " have identical coordinates " + a : " are the same location, " + a + " and " + b)
                    + "; smoothing needs distinct locations");
        }
    }

    /**
     * Rotates Earth-centred coordinates in place so that the points' mean direction becomes the
     * z axis. Rotation preserves every distance; what it changes is the grid: a regional point set
     * then lies almost flat in the x–y plane and the grid is one or two cells thick, whereas a
     * tilted sheet cuts through many mostly empty cells and makes every search ring visit them.
     * For points spread over the globe the direction hardly matters and the search is unchanged.
     */
    static void rotateToMeanDirection(double[] c, int n) {
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (int i = 0; i < n; i++) {
            sx += c[3 * i];
            sy += c[3 * i + 1];
            sz += c[3 * i + 2];
        }
        double norm = Math.sqrt(sx * sx + sy * sy + sz * sz);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            return; // balanced around the centre: no preferred direction to rotate to
        }
        double mx = sx / norm;
        double my = sy / norm;
        double mz = sz / norm;
        // e1 = normalised (a × m) for the axis a least aligned with m, e2 = m × e1.
        double ax = 0;
        double ay = 0;
        double az = 0;
        if (Math.abs(mx) <= Math.abs(my) && Math.abs(mx) <= Math.abs(mz)) {
            ax = 1;
        } else if (Math.abs(my) <= Math.abs(mz)) {
            ay = 1;
        } else {
            az = 1;
        }
        double e1x = ay * mz - az * my;
        double e1y = az * mx - ax * mz;
        double e1z = ax * my - ay * mx;
        double e1n = Math.sqrt(e1x * e1x + e1y * e1y + e1z * e1z);
        e1x /= e1n;
        e1y /= e1n;
        e1z /= e1n;
        double e2x = my * e1z - mz * e1y;
        double e2y = mz * e1x - mx * e1z;
        double e2z = mx * e1y - my * e1x;
        for (int i = 0; i < n; i++) {
            double x = c[3 * i];
            double y = c[3 * i + 1];
            double z = c[3 * i + 2];
            c[3 * i] = x * e1x + y * e1y + z * e1z;
            c[3 * i + 1] = x * e2x + y * e2y + z * e2z;
            c[3 * i + 2] = x * mx + y * my + z * mz;
        }
    }

    /** Great-circle metres of a chord whose square is {@code d2}, on the sphere of {@link #EARTH_RADIUS_METRES}. */
    static double arcLength(double d2) {
        double r2 = 2 * EARTH_RADIUS_METRES;
        return r2 * Math.asin(Math.min(1.0, Math.sqrt(d2) / r2));
    }

    private static void checkArrays(double[] a, double[] b, int n, String names) {
        Objects.requireNonNull(a, names);
        Objects.requireNonNull(b, names);
        if (n < 0 || a.length < n || b.length < n) {
            throw new IllegalArgumentException(names + " must hold at least n = " + n + " values, not "
                    + a.length + " and " + b.length);
        }
    }

    private static void checkParameters(int n, int queries, int k, double maxDistance) {
        if (queries < 0 || queries > n) {
            throw new IllegalArgumentException("queries must be in [0, " + n + "]: " + queries);
        }
        if (k < 1) {
            throw new IllegalArgumentException("neighbours must be at least 1: " + k);
        }
        if (k >= n) {
            throw new IllegalArgumentException("neighbours = " + k + " must be smaller than the number of points ("
                    + n + ")");
        }
        // Written so that NaN fails too.
        if (!(maxDistance > 0)) {
            throw new IllegalArgumentException("maxDistance must be positive (infinite for no cut-off): " + maxDistance);
        }
        if ((long) queries * k > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(queries + " points x " + k + " neighbours is too many edges for one graph");
        }
    }

    private static IllegalArgumentException missing(int i) {
        return new IllegalArgumentException("point " + i + " has no coordinates (missing or empty geometry)");
    }

    private static int threads(int n) {
        return n < PARALLEL_THRESHOLD ? 1 : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The search proper, for {@code dim} = 2 or 3 coordinates per point in {@code c}
     * ({@code c[dim*i + a]}). {@code limit} is the squared distance beyond which candidates are
     * ignored, {@code maxLength} the exact cut-off on the reported length; only the first
     * {@code queries} points get edges. Package-private with an explicit thread count so that
     * tests can check that the split changes nothing.
     */
    /** Which index {@link #search} uses; tests force each one to check both against brute force. */
    enum Method {
        /** The grid, or the tree when the grid is too crowded. */
        AUTO,
        GRID,
        TREE
    }

    static KnnGraph search(double[] c, int dim, int n, int queries, int k, double limit, double maxLength, int threads,
                           Method method) {
        Grid grid = method == Method.TREE ? null : Grid.build(c, dim, n, method == Method.GRID);
        KdTree tree = grid == null ? new KdTree(c, dim, n) : null;
        int[] offsets = new int[n + 1];
        int[] targets = new int[queries * k];
        float[] lengths = new float[queries * k];

        int chunks = Math.max(1, Math.min(threads, grid != null ? grid.cells : n));
        Searcher[] searchers = new Searcher[chunks];
        for (int t = 0; t < chunks; t++) {
            // Chunk boundaries split the points, not the cells, evenly; they depend on n, the
            // index and the thread count only. Grid chunks are ranges of cells, tree chunks
            // ranges of positions in tree order.
            int from;
            int to;
            if (grid != null) {
                from = t == 0 ? 0 : grid.cellAtPoint((long) n * t / chunks);
                to = t + 1 == chunks ? grid.cells : grid.cellAtPoint((long) n * (t + 1) / chunks);
            } else {
                from = (int) ((long) n * t / chunks);
                to = (int) ((long) n * (t + 1) / chunks);
            }
            searchers[t] = new Searcher(grid, tree, queries, k, limit, maxLength, from, to, offsets, targets, lengths);
        }
        if (chunks == 1) {
            searchers[0].run();
        } else {
            Thread[] workers = new Thread[chunks - 1];
            for (int t = 1; t < chunks; t++) {
                workers[t - 1] = new Thread(searchers[t], "geocluster-knn-" + t);
                workers[t - 1].setDaemon(true);
                workers[t - 1].start();
            }
            // The calling thread takes the first chunk itself instead of idling.
            searchers[0].run();
            boolean interrupted = false;
            for (Thread w : workers) {
                while (true) {
                    try {
                        w.join();
                        break;
                    } catch (InterruptedException e) {
                        // Workers stop on their own soon; the output arrays must not be shared with them.
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        for (Searcher s : searchers) {
            Throwable f = s.failure;
            if (f instanceof RuntimeException e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
        }

        // offsets[i + 1] holds node i's degree and its edges start at i·k. Compact in place:
        // the new start of node i is never after i·k, so a forward copy never overwrites edges
        // not yet moved. Nodes from `queries` on have degree 0.
        for (int i = 0; i < n; i++) {
            int degree = offsets[i + 1];
            int start = offsets[i];
            if (degree > 0 && start != i * k) {
                System.arraycopy(targets, i * k, targets, start, degree);
                System.arraycopy(lengths, i * k, lengths, start, degree);
            }
            offsets[i + 1] = start + degree;
        }
        int edges = offsets[n];
        if (edges < targets.length) {
            targets = Arrays.copyOf(targets, edges);
            lengths = Arrays.copyOf(lengths, edges);
        }
        return new KnnGraph(n, offsets, targets, lengths);
    }

    /**
     * The bucket grid: points counting-sorted by cell, with their coordinates copied in that
     * order. Read-only once built, so searchers on several threads share it.
     */
    static final class Grid {
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
        static Grid build(double[] c, int dim, int n, boolean always) {
            Grid g = new Grid(c, dim, n);
            if (!always && g.crowding > CROWDED * (double) n) {
                return null;
            }
            g.fill(c);
            return g;
        }

        /**
         * Mean number of points sharing a point's own cell above which the tree is used instead.
         * Uniform points give about 1 + {@value #POINTS_PER_CELL}. Measured on mixtures of dense
         * clusters and uniform background (300 000 points, k = 8), the grid stays faster than
         * the tree up to about 80, because the pruned ring search stops early in dense cells;
         * at 900 it is twice as slow, and a lone far outlier (everything else in one cell) makes
         * it quadratic.
         */
        static final double CROWDED = 64;

        /** Sum over cells of the squared point count: points times the mean occupancy of their own cell. */
        private long crowding;
        private int[] cellOf;

        private Grid(double[] c, int dim, int n) {
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
         * cell holds {@link #POINTS_PER_CELL} points; a degenerate box falls back to the longest
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
                s = Math.sqrt(area * POINTS_PER_CELL / n);
            } else if (longest > 0) {
                s = longest * POINTS_PER_CELL / n;
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

    /**
     * The fallback index for point sets too uneven for one cell size, such as a city plus a point
     * at (0, 0): a balanced k-d tree over a permutation of the points. Each node splits its range
     * of positions at the middle by the coordinate of widest spread, using quickselect with a
     * pseudo-random pivot, so building takes {@code O(N log N)} expected time whatever the
     * distribution, and nodes are implicit (node {@code i} has children {@code 2i} and
     * {@code 2i+1}; its range follows from the root's by halving). Read-only once built.
     */
    static final class KdTree {
        /** Most points in a leaf. */
        static final int LEAF = 8;
        final int dim;
        final int n;
        /** Original index of each position in tree order. */
        final int[] index;
        /** Coordinates in tree order, {@code dim} per point. */
        final double[] sorted;
        /** Split axis per node, or -1 for a leaf. */
        final byte[] axis;
        /**
         * Split value per node: the coordinate of the node's middle point. Positions before the
         * middle are at most this, positions from it on at least this.
         */
        final double[] split;
        /** Deepest level; a search stack never holds more than one node per level. */
        final int depth;
        private long random = 0x9E3779B97F4A7C15L;

        KdTree(double[] c, int dim, int n) {
            this.dim = dim;
            this.n = n;
            int levels = 0;
            for (int m = n; m > LEAF; m = (m + 1) / 2) {
                levels++;
            }
            this.depth = levels;
            this.axis = new byte[2 << levels];
            this.split = new double[2 << levels];
            Arrays.fill(axis, (byte) -1);
            this.index = new int[n];
            for (int i = 0; i < n; i++) {
                index[i] = i;
            }
            this.sorted = Arrays.copyOf(c, dim * n);

            // Depth first with an explicit stack of (node, lo, hi): at most one pending sibling
            // per level.
            int[] stackNode = new int[levels + 2];
            int[] stackLo = new int[stackNode.length];
            int[] stackHi = new int[stackNode.length];
            stackNode[0] = 1;
            stackLo[0] = 0;
            stackHi[0] = n;
            int top = 1;
            double[] lo = new double[dim];
            double[] hi = new double[dim];
            while (top > 0) {
                top--;
                int node = stackNode[top];
                int from = stackLo[top];
                int to = stackHi[top];
                if (to - from <= LEAF) {
                    continue;
                }
                Arrays.fill(lo, Double.POSITIVE_INFINITY);
                Arrays.fill(hi, Double.NEGATIVE_INFINITY);
                for (int p = from; p < to; p++) {
                    for (int a = 0; a < dim; a++) {
                        double v = sorted[dim * p + a];
                        lo[a] = Math.min(lo[a], v);
                        hi[a] = Math.max(hi[a], v);
                    }
                }
                int best = 0;
                for (int a = 1; a < dim; a++) {
                    if (hi[a] - lo[a] > hi[best] - lo[best]) {
                        best = a;
                    }
                }
                if (!(hi[best] > lo[best])) {
                    continue; // all at one location: a leaf, where the search reports the duplicates
                }
                int mid = (from + to) >>> 1;
                select(from, to - 1, mid, best);
                axis[node] = (byte) best;
                split[node] = sorted[dim * mid + best];
                stackNode[top] = 2 * node;
                stackLo[top] = from;
                stackHi[top] = mid;
                top++;
                stackNode[top] = 2 * node + 1;
                stackLo[top] = mid;
                stackHi[top] = to;
                top++;
            }
        }

        /**
         * Quickselect (Hoare partition): afterwards position {@code kth} holds the value it would
         * hold if {@code l..r} were sorted along {@code a}, with no larger value before it and no
         * smaller one after. The pivot is pseudo-random, so no input makes it quadratic in
         * expectation, and runs of equal values split evenly.
         */
        private void select(int l, int r, int kth, int a) {
            while (r > l) {
                random ^= random << 13;
                random ^= random >>> 7;
                random ^= random << 17;
                int pick = l + (int) Long.remainderUnsigned(random, r - l + 1);
                double pivot = sorted[dim * pick + a];
                int i = l;
                int j = r;
                while (i <= j) {
                    while (sorted[dim * i + a] < pivot) {
                        i++;
                    }
                    while (sorted[dim * j + a] > pivot) {
                        j--;
                    }
                    if (i <= j) {
                        swap(i, j);
                        i++;
                        j--;
                    }
                }
                // l..j are at most the pivot, i..r at least, and anything between equals it.
                if (kth <= j) {
                    r = j;
                } else if (kth >= i) {
                    l = i;
                } else {
                    return;
                }
            }
        }

        private void swap(int i, int j) {
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
            for (int a = 0; a < dim; a++) {
                double v = sorted[dim * i + a];
                sorted[dim * i + a] = sorted[dim * j + a];
                sorted[dim * j + a] = v;
            }
        }
    }

    /**
     * Thrown inside the search when two points coincide, carrying original indexes, smaller
     * first; the public methods turn it into a {@link DuplicatePointsException} with coordinates.
     */
    private static final class Duplicate extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int first;
        final int second;

        Duplicate(int a, int b) {
            super(null, null, false, false);
            this.first = Math.min(a, b);
            this.second = Math.max(a, b);
        }
    }

    /**
     * Searches the neighbours of the points in one range of grid cells or tree positions. Holds
     * the candidate arrays, reused for every point, and writes node {@code i}'s neighbours to
     * {@code i·k ..} of the shared output arrays and its degree to {@code offsets[i + 1]}; ranges
     * never share a node.
     */
    private static final class Searcher implements Runnable {
        /** Exactly one of grid and tree is set. */
        private final Grid g;
        private final KdTree tree;
        private final int dim;
        private final int queries;
        private final int k;
        private final double limit;
        private final double maxLength;
        /** Cells of the grid, or positions of the tree, this searcher handles. */
        private final int from;
        private final int to;
        private final int[] offsets;
        private final int[] targets;
        private final float[] lengths;
        private final int[] start;
        private final int[] index;
        private final double[] sorted;
        /** The k best squared distances so far, ascending, and their original indexes. */
        private final double[] bestD2;
        private final int[] bestIndex;
        /** Tree search stack: node, its range of positions and a lower bound on its squared distance. */
        private final int[] stackNode;
        private final int[] stackLo;
        private final int[] stackHi;
        private final double[] stackBound;
        private final double[] query = new double[3];
        /** What stopped this searcher, read by the calling thread after joining. */
        Throwable failure;

        Searcher(Grid g, KdTree tree, int queries, int k, double limit, double maxLength, int from, int to,
                 int[] offsets, int[] targets, float[] lengths) {
            this.g = g;
            this.tree = tree;
            this.dim = g != null ? g.dim : tree.dim;
            this.queries = queries;
            this.k = k;
            this.limit = limit;
            this.maxLength = maxLength;
            this.from = from;
            this.to = to;
            this.offsets = offsets;
            this.targets = targets;
            this.lengths = lengths;
            this.start = g != null ? g.start : null;
            this.index = g != null ? g.index : tree.index;
            this.sorted = g != null ? g.sorted : tree.sorted;
            this.bestD2 = new double[k];
            this.bestIndex = new int[k];
            int stack = tree != null ? tree.depth + 2 : 0;
            this.stackNode = new int[stack];
            this.stackLo = new int[stack];
            this.stackHi = new int[stack];
            this.stackBound = new double[stack];
        }

        @Override
        public void run() {
            try {
                if (g != null) {
                    for (int cell = from; cell < to; cell++) {
                        int cx = cell % g.gx;
                        int cy = (cell / g.gx) % g.gy;
                        int cz = cell / (g.gx * g.gy);
                        for (int p = start[cell], end = start[cell + 1]; p < end; p++) {
                            if (index[p] >= queries) {
                                continue; // a halo point: candidate only
                            }
                            search(p, cx, cy, cz);
                            emit(p);
                        }
                    }
                } else {
                    for (int p = from; p < to; p++) {
                        if (index[p] >= queries) {
                            continue;
                        }
                        searchTree(p);
                        emit(p);
                    }
                }
            } catch (RuntimeException | Error e) {
                // Reported by the calling thread, in chunk order, so that the first chunk's
                // duplicate wins whichever thread finds one first.
                failure = e;
            }
        }

        /** Fills the candidate arrays with the k nearest points to sorted position {@code p}. */
        private void search(int p, int cx, int cy, int cz) {
            final Grid g = this.g;
            final int gx = g.gx;
            final int gy = g.gy;
            final int gz = g.gz;
            final int dim = g.dim;
            Arrays.fill(bestD2, limit);
            Arrays.fill(bestIndex, NONE);
            double px = sorted[dim * p];
            double py = sorted[dim * p + 1];
            double pz = dim == 3 ? sorted[dim * p + 2] : 0;
            // Position in cell units, computed exactly as the cell assignment did.
            double tx = (px - g.minX) * g.inverse;
            double ty = (py - g.minY) * g.inverse;
            double tz = dim == 3 ? (pz - g.minZ) * g.inverse : 0;
            final double inv2 = g.inverse * g.inverse;
            for (int r = 0; ; r++) {
                int x0 = Math.max(cx - r, 0);
                int x1 = Math.min(cx + r, gx - 1);
                int y0 = Math.max(cy - r, 0);
                int y1 = Math.min(cy + r, gy - 1);
                int z0 = Math.max(cz - r, 0);
                int z1 = Math.min(cz + r, gz - 1);
                for (int z = z0; z <= z1; z++) {
                    double gapZ = gap(z, cz, tz);
                    boolean zFace = z == cz - r || z == cz + r;
                    for (int y = y0; y <= y1; y++) {
                        // Prune with the current k-th distance: only cells that the ball around the
                        // point still reaches are scanned. Once the candidates are full this skips
                        // most corner cells of a ring. Gaps are in cells and err on the small side.
                        double gapY = gap(y, cy, ty);
                        double rest = bestD2[k - 1] * inv2 - gapZ * gapZ - gapY * gapY;
                        if (rest < 0) {
                            continue;
                        }
                        double w = Math.sqrt(rest) * (1 + SLACK) + SLACK;
                        int xs = Math.max(x0, (int) Math.floor(tx - w));
                        int xe = Math.min(x1, (int) Math.floor(tx + w));
                        int row = (z * gy + y) * gx;
                        if (zFace || y == cy - r || y == cy + r) {
                            // A row of the shell: its cells are one contiguous run of points.
                            if (xs <= xe) {
                                scan(p, start[row + xs], start[row + xe + 1], px, py, pz);
                            }
                        } else {
                            if (cx - r >= xs) {
                                scan(p, start[row + cx - r], start[row + cx - r + 1], px, py, pz);
                            }
                            if (cx + r <= xe) {
                                scan(p, start[row + cx + r], start[row + cx + r + 1], px, py, pz);
                            }
                        }
                    }
                }
                // Distance, in cells, from the point to the nearest side of the searched block
                // that has cells beyond it.
                double b = Double.POSITIVE_INFINITY;
                if (cx - r > 0) {
                    b = Math.min(b, tx - (cx - r));
                }
                if (cx + r < gx - 1) {
                    b = Math.min(b, (cx + r + 1) - tx);
                }
                if (cy - r > 0) {
                    b = Math.min(b, ty - (cy - r));
                }
                if (cy + r < gy - 1) {
                    b = Math.min(b, (cy + r + 1) - ty);
                }
                if (cz - r > 0) {
                    b = Math.min(b, tz - (cz - r));
                }
                if (cz + r < gz - 1) {
                    b = Math.min(b, (cz + r + 1) - tz);
                }
                if (b == Double.POSITIVE_INFINITY) {
                    return; // the whole grid has been searched
                }

                double reach = (b * (1 - SLACK) - SLACK) * g.size;
                // Strictly less: a point exactly at the bound could still win a tie on index.
                if (reach > 0 && bestD2[k - 1] < reach * reach) {
                    return;
                }
            }
        }

        /**
         * Distance in cells, never overestimated, from position {@code t} in cell {@code ct} to
         * cell {@code c} along one axis.
         */
        private static double gap(int c, int ct, double t) {
            double d;
            if (c < ct) {
                d = t - (c + 1);
            } else if (c > ct) {
                d = c - t;
            } else {
                return 0;
            }
            return Math.max(0, d * (1 - SLACK) - SLACK);
        }

        /**
         * Fills the candidate arrays with the k nearest points to tree position {@code p}: depth
         * first, nearer child first, the farther child kept on the stack with the squared distance
         * to the splitting plane as its bound and skipped once the k-th distance is smaller. The
         * split value is a coordinate of a point and rounding is monotone, so the computed
         * distance of any point beyond the plane is at least the computed bound: no margin is
         * needed, and equal distances are still visited for the index rule.
         */
        private void searchTree(int p) {
            final KdTree t = tree;
            final byte[] axis = t.axis;
            final double[] split = t.split;
            Arrays.fill(bestD2, limit);
            Arrays.fill(bestIndex, NONE);
            final double[] q = query;
            for (int a = 0; a < dim; a++) {
                q[a] = sorted[dim * p + a];
            }
            double px = q[0];
            double py = q[1];
            double pz = dim == 3 ? q[2] : 0;
            stackNode[0] = 1;
            stackLo[0] = 0;
            stackHi[0] = t.n;
            stackBound[0] = 0;
            int top = 1;
            while (top > 0) {
                top--;
                if (stackBound[top] > bestD2[k - 1]) {
                    continue;
                }
                int node = stackNode[top];
                int lo = stackLo[top];
                int hi = stackHi[top];
                double bound = stackBound[top];
                for (int a = axis[node]; a >= 0; a = axis[node]) {
                    int mid = (lo + hi) >>> 1;
                    double diff = q[a] - split[node];
                    double far = Math.max(bound, diff * diff);
                    boolean push = far <= bestD2[k - 1];
                    if (diff < 0) {
                        if (push) {
                            stackNode[top] = 2 * node + 1;
                            stackLo[top] = mid;
                            stackHi[top] = hi;
                            stackBound[top++] = far;
                        }
                        node = 2 * node;
                        hi = mid;
                    } else {
                        if (push) {
                            stackNode[top] = 2 * node;
                            stackLo[top] = lo;
                            stackHi[top] = mid;
                            stackBound[top++] = far;
                        }
                        node = 2 * node + 1;
                        lo = mid;
                    }
                }
                scan(p, lo, hi, px, py, pz);
            }
        }

        private void scan(int p, int from, int to, double px, double py, double pz) {
            final double[] s = sorted;
            if (dim == 2) {
                for (int q = from; q < to; q++) {
                    double dx = s[2 * q] - px;
                    double dy = s[2 * q + 1] - py;
                    double d2 = dx * dx + dy * dy;
                    if (d2 <= bestD2[k - 1]) {
                        offer(p, q, d2);
                    }
                }
            } else {
                for (int q = from; q < to; q++) {
                    double dx = s[3 * q] - px;
                    double dy = s[3 * q + 1] - py;
                    double dz = s[3 * q + 2] - pz;
                    double d2 = dx * dx + dy * dy + dz * dz;
                    if (d2 <= bestD2[k - 1]) {
                        offer(p, q, d2);
                    }
                }
            }
        }

        /** Inserts candidate {@code q} if it beats the current k-th on (distance, index). */
        private void offer(int p, int q, double d2) {

            if (d2 == 0) {
                if (q == p) {
                    return;
                }
                throw new Duplicate(index[p], index[q]);
            }
            int j = index[q];
            int last = k - 1;
            if (d2 == bestD2[last] && j > bestIndex[last]) {
                return;
            }
            int pos = last;
            while (pos > 0 && (bestD2[pos - 1] > d2 || (bestD2[pos - 1] == d2 && bestIndex[pos - 1] > j))) {
                bestD2[pos] = bestD2[pos - 1];
                bestIndex[pos] = bestIndex[pos - 1];
                pos--;
            }
            bestD2[pos] = d2;
            bestIndex[pos] = j;
        }

        /** Writes the candidates of sorted position {@code p} that are within the cut-off. */
        private void emit(int p) {
            int i = index[p];
            int base = i * k;
            int degree = 0;
            boolean sphere = dim == 3;
            for (int e = 0; e < k && bestIndex[e] != NONE; e++) {
                double d2 = bestD2[e];
                double length = sphere ? arcLength(d2) : Math.sqrt(d2);
                if (length > maxLength) {
                    break; // ascending, so every later candidate is too long as well
                }
                targets[base + degree] = bestIndex[e];
                // Distinct points are never at distance 0, but one below the smallest float would
                // round to it; the graph requires positive lengths.
                lengths[base + degree] = Math.max((float) length, Float.MIN_VALUE);
                degree++;
            }
            offsets[i + 1] = degree;
        }
    }
}
