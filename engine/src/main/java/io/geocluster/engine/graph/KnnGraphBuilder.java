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
 * balanced k-d tree ({@link KnnKdTree}: {@code O(N log N)} build, {@code O(log N + k)} expected per
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
    /** Points below which the search stays on the calling thread. */
    private static final int PARALLEL_THRESHOLD = 50_000;

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
        KnnGrid grid = method == Method.TREE ? null : KnnGrid.build(c, dim, n, method == Method.GRID);
        KnnKdTree tree = grid == null ? new KnnKdTree(c, dim, n) : null;
        int[] offsets = new int[n + 1];
        int[] targets = new int[queries * k];
        float[] lengths = new float[queries * k];

        int chunks = Math.max(1, Math.min(threads, grid != null ? grid.cells : n));
        KnnSearcher[] searchers = new KnnSearcher[chunks];
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
            searchers[t] = new KnnSearcher(grid, tree, queries, k, limit, maxLength, from, to, offsets, targets, lengths);
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
        for (KnnSearcher s : searchers) {
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
     * Thrown inside the search when two points coincide, carrying original indexes, smaller
     * first; the public methods turn it into a {@link DuplicatePointsException} with coordinates.
     */
    static final class Duplicate extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int first;
        final int second;

        Duplicate(int a, int b) {
            super(null, null, false, false);
            this.first = Math.min(a, b);
            this.second = Math.max(a, b);
        }
    }
}
