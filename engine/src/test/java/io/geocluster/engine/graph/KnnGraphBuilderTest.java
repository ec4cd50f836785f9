package io.geocluster.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.graph.KnnGraphBuilder.Method;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class KnnGraphBuilderTest {
    private static final double R = KnnGraphBuilder.EARTH_RADIUS_METRES;
    private static final double INF = Double.POSITIVE_INFINITY;

    // ---- references ---------------------------------------------------------------------

    /** Neighbour lists and lengths of a brute-force search, nearest first, ties to the smaller index. */
    private record Reference(int[][] targets, double[][] lengths) {
    }

    /** O(n²·k) planar reference: squared distances computed exactly as the builder does. */
    private static Reference bruteForce(double[] x, double[] y, int n, int k, double maxDistance) {
        int[][] targets = new int[n][];
        double[][] lengths = new double[n][];
        double[] bestD = new double[k];
        int[] bestJ = new int[k];
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double dx = x[j] - x[i];
                double dy = y[j] - y[i];
                m = insert(bestD, bestJ, m, k, dx * dx + dy * dy, j);
            }
            int keep = 0;
            while (keep < m && Math.sqrt(bestD[keep]) <= maxDistance) {
                keep++;
            }
            targets[i] = Arrays.copyOf(bestJ, keep);
            lengths[i] = new double[keep];
            for (int e = 0; e < keep; e++) {
                lengths[i][e] = Math.sqrt(bestD[e]);
            }
        }
        return new Reference(targets, lengths);
    }

    /** O(n²·k) reference with the haversine formula, independent of the builder's 3-D chords. */
    private static Reference haversine(double[] lon, double[] lat, int n, int k, double maxDistance) {
        int[][] targets = new int[n][];
        double[][] lengths = new double[n][];
        double[] bestD = new double[k];
        int[] bestJ = new int[k];
        for (int i = 0; i < n; i++) {
            int m = 0;
            double p1 = Math.toRadians(lat[i]);
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double p2 = Math.toRadians(lat[j]);
                double dp = p2 - p1;
                double dl = Math.toRadians(lon[j] - lon[i]);
                double sp = Math.sin(dp / 2);
                double sl = Math.sin(dl / 2);
                double h = sp * sp + Math.cos(p1) * Math.cos(p2) * sl * sl;
                double d = 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
                m = insert(bestD, bestJ, m, k, d, j);
            }
            int keep = 0;
            while (keep < m && bestD[keep] <= maxDistance) {
                keep++;
            }
            targets[i] = Arrays.copyOf(bestJ, keep);
            lengths[i] = Arrays.copyOf(bestD, keep);
        }
        return new Reference(targets, lengths);
    }

    /** Insertion into the k best on (distance, index); returns the new count. */
    private static int insert(double[] bestD, int[] bestJ, int m, int k, double d, int j) {
        if (m == k && (d > bestD[k - 1] || (d == bestD[k - 1] && j > bestJ[k - 1]))) {
            return m;
        }
        int pos = m == k ? k - 1 : m;
        while (pos > 0 && (bestD[pos - 1] > d || (bestD[pos - 1] == d && bestJ[pos - 1] > j))) {
            bestD[pos] = bestD[pos - 1];
            bestJ[pos] = bestJ[pos - 1];
            pos--;
        }
        bestD[pos] = d;
        bestJ[pos] = j;
        return Math.min(m + 1, k);
    }

    /**
     * Same neighbours in the same order; planar lengths equal the reference rounded to float (the
     * graph stores float, so that is within 1e-9 of the float-rounded exact value: it is equal).
     */
    private static void assertPlanar(Reference ref, KnnGraph g, String what) {
        assertEquals(ref.targets.length, g.nodes(), what);
        for (int i = 0; i < g.nodes(); i++) {
            int from = g.offsets()[i];
            int to = g.offsets()[i + 1];
            assertArrayEquals(ref.targets[i], Arrays.copyOfRange(g.targets(), from, to), what + ": node " + i);
            for (int e = from; e < to; e++) {
                double expected = (float) ref.lengths[i][e - from];
                assertEquals(expected, g.lengths()[e], 1e-9 * expected, what + ": node " + i + " edge " + (e - from));
            }
        }
    }

    private static void assertGeographic(Reference ref, KnnGraph g, String what) {
        assertEquals(ref.targets.length, g.nodes(), what);
        for (int i = 0; i < g.nodes(); i++) {
            int from = g.offsets()[i];
            int to = g.offsets()[i + 1];
            assertArrayEquals(ref.targets[i], Arrays.copyOfRange(g.targets(), from, to), what + ": node " + i);
            for (int e = from; e < to; e++) {
                double expected = ref.lengths[i][e - from];
                assertEquals(expected, g.lengths()[e], 1e-6 * expected, what + ": node " + i + " edge " + (e - from));
            }
        }
    }

    // ---- point sets ---------------------------------------------------------------------

    /** Uniform over a square, offset like UTM coordinates so that rounding is realistic. */
    private static double[][] uniform(int n, long seed) {
        Random r = new Random(seed);
        double side = Math.sqrt(n) * 12;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 500_000 + r.nextDouble() * side;
            y[i] = 6_600_000 + r.nextDouble() * side;
        }
        return new double[][] {x, y};
    }

    /** Tight Gaussian clusters, a sparse background and two far outliers: uneven cell occupancy. */
    private static double[][] clustered(int n, long seed) {
        Random r = new Random(seed);
        int centres = 7;
        double[] cx = new double[centres];
        double[] cy = new double[centres];
        for (int c = 0; c < centres; c++) {
            cx[c] = r.nextDouble() * 10_000;
            cy[c] = r.nextDouble() * 10_000;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            if (i % 20 == 0) {
                x[i] = r.nextDouble() * 10_000;
                y[i] = r.nextDouble() * 10_000;
            } else {
                int c = r.nextInt(centres);
                double sigma = 5 + 40 * (c % 3);
                x[i] = cx[c] + r.nextGaussian() * sigma;
                y[i] = cy[c] + r.nextGaussian() * sigma;
            }
        }
        x[1] = -250_000;
        y[1] = 40_000;
        x[2] = 300_000;
        y[2] = -90_000;
        return new double[][] {x, y};
    }

    // ---- planar -------------------------------------------------------------------------

    @Test
    void matchesBruteForceOnUniformAndClusteredPoints() {
        int[] ks = {1, 5, 8, 16};
        long[] seeds = {1, 2, 3};
        int[] sizes = {5000, 1500, 200};
        for (int s = 0; s < seeds.length; s++) {
            for (boolean cluster : new boolean[] {false, true}) {
                int n = sizes[s];
                double[][] p = cluster ? clustered(n, seeds[s]) : uniform(n, seeds[s]);
                for (int k : ks) {
                    String what = (cluster ? "clustered" : "uniform") + " n=" + n + " k=" + k + " seed=" + seeds[s];
                    KnnGraph g = KnnGraphBuilder.build(p[0], p[1], n, k, INF);
                    assertPlanar(bruteForce(p[0], p[1], n, k, INF), g, what);
                    assertEquals((long) n * k, g.edges(), what);
                }
            }
        }
    }

    @Test
    void threadSplitDoesNotChangeTheGraph() {
        double[][] p = clustered(4000, 11);
        int n = 4000;
        double[] c = new double[2 * n];
        for (int i = 0; i < n; i++) {
            c[2 * i] = p[0][i];
            c[2 * i + 1] = p[1][i];
        }
        for (Method method : new Method[] {Method.GRID, Method.TREE}) {
            KnnGraph one = KnnGraphBuilder.search(c.clone(), 2, n, n, 8, INF, INF, 1, method);
            for (int threads : new int[] {2, 3, 7}) {
                KnnGraph many = KnnGraphBuilder.search(c.clone(), 2, n, n, 8, INF, INF, threads, method);
                assertArrayEquals(one.offsets(), many.offsets());
                assertArrayEquals(one.targets(), many.targets());
                assertArrayEquals(one.lengths(), many.lengths());
            }
            assertPlanar(bruteForce(p[0], p[1], n, 8, INF), one, "clustered, one thread, " + method);
        }
    }

    /** The k-d tree, forced, gives exactly the brute-force graph too, ties and cut-offs included. */
    @Test
    void treeMatchesBruteForce() {
        for (long seed : new long[] {31, 32}) {
            for (boolean cluster : new boolean[] {false, true}) {
                int n = seed == 31 ? 3000 : 400;
                double[][] p = cluster ? clustered(n, seed) : uniform(n, seed);
                for (int k : new int[] {1, 5, 8, 16}) {
                    String what = "tree " + (cluster ? "clustered" : "uniform") + " n=" + n + " k=" + k;
                    assertPlanar(bruteForce(p[0], p[1], n, k, INF), KnnGraphBuilder.build(p[0], p[1], n, n, k, INF, Method.TREE), what);
                }
                assertPlanar(bruteForce(p[0], p[1], n, 8, 25), KnnGraphBuilder.build(p[0], p[1], n, n, 8, 25, Method.TREE),
                        "tree cut 25");
            }
        }
        double[][] lattice = lattice(7, 3);
        for (int k : new int[] {1, 4, 8, 12}) {
            assertPlanar(bruteForce(lattice[0], lattice[1], 49, k, INF),
                    KnnGraphBuilder.build(lattice[0], lattice[1], 49, 49, k, INF, Method.TREE), "tree lattice k=" + k);
        }
        Random r = new Random(33);
        int n = 1500;
        double[] lon = new double[n];
        double[] lat = new double[n];
        for (int i = 0; i < n; i++) {
            double l = 179.9 + r.nextDouble() * 0.2;
            lon[i] = l > 180 ? l - 360 : l;
            lat[i] = 64.9 + r.nextDouble() * 0.2;
        }
        assertGeographic(haversine(lon, lat, n, 8, INF),
                KnnGraphBuilder.buildGeographic(lon, lat, n, n, 8, INF, Method.TREE), "tree antimeridian");
        double[] dx = lattice[0].clone();
        double[] dy = lattice[1].clone();
        dx[40] = dx[11];
        dy[40] = dy[11];
        assertMessage("points 11 and 40 have identical coordinates",
                () -> KnnGraphBuilder.build(dx, dy, 49, 49, 3, INF, Method.TREE));
    }

    /**
     * A dense city and one point at (0, 0), the classic mis-geocoded feature: the grid would put
     * the city into a handful of cells, so the build switches to the tree.
     */
    @Test
    void aFarOutlierSwitchesToTheTree() {
        double[][] p = uniform(5000, 41);
        p[0][123] = 0;
        p[1][123] = 0;
        double[] c = new double[2 * 5000];
        for (int i = 0; i < 5000; i++) {
            c[2 * i] = p[0][i];
            c[2 * i + 1] = p[1][i];
        }
        assertEquals(null, KnnGrid.build(c, 2, 5000, false), "the grid is too crowded");
        KnnGraph g = KnnGraphBuilder.build(p[0], p[1], 5000, 8, INF);
        assertPlanar(bruteForce(p[0], p[1], 5000, 8, INF), g, "outlier");
        assertTrue(g.lengths()[g.offsets()[123]] > 6_000_000, "the outlier's nearest neighbour is far away");
    }

    /**
     * A square lattice with 10 m spacing (exact distances, many ties), numbered in a shuffled
     * order so that index order is unrelated to position; the third array is the point id at
     * each lattice site, row by row.
     */
    private static double[][] lattice(int side, long seed) {
        int n = side * side;
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = id[i];
            id[i] = id[j];
            id[j] = t;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] site = new double[n];
        for (int row = 0; row < side; row++) {
            for (int col = 0; col < side; col++) {
                x[id[row * side + col]] = 1000 + 10 * col;
                y[id[row * side + col]] = 2000 + 10 * row;
                site[row * side + col] = id[row * side + col];
            }
        }
        return new double[][] {x, y, site};
    }

    @Test
    void tiesGoToTheSmallerIndex() {
        int side = 6;
        int n = side * side;
        double[][] l = lattice(side, 5);
        double[] x = l[0];
        double[] y = l[1];
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            id[i] = (int) l[2][i];
        }
        for (int k : new int[] {1, 3, 4, 8, 12}) {
            assertPlanar(bruteForce(x, y, n, k, INF), KnnGraphBuilder.build(x, y, n, k, INF), "lattice k=" + k);
        }
        // By hand for the corner (0, 0): two at 10 m, one at 14.1 m, then two at 20 m of which
        // the smaller index wins.
        KnnGraph g = KnnGraphBuilder.build(x, y, n, 4, INF);
        int corner = id[0];
        int right = id[1];
        int up = id[side];
        int[] expected = {Math.min(right, up), Math.max(right, up), id[side + 1], Math.min(id[2], id[2 * side])};
        int from = g.offsets()[corner];
        assertArrayEquals(expected, Arrays.copyOfRange(g.targets(), from, from + 4));
        assertEquals(10f, g.lengths()[from]);
        assertEquals((float) Math.sqrt(200), g.lengths()[from + 2]);
        assertEquals(20f, g.lengths()[from + 3]);
    }

    @Test
    void maxDistanceDropsLongerEdgesAndKeepsEqualOnes() {
        double[][] p = uniform(3000, 7);
        // Mean spacing is 12 m; 9 m leaves some points without any neighbour.
        for (double cut : new double[] {9, 15, 40}) {
            KnnGraph g = KnnGraphBuilder.build(p[0], p[1], 3000, 8, cut);
            assertPlanar(bruteForce(p[0], p[1], 3000, 8, cut), g, "cut " + cut);
            for (float len : g.lengths()) {
                assertTrue(len <= cut);
            }
            if (cut == 9) {
                assertTrue(g.statistics().isolated() > 0);
            }
        }
        // Lattice with 10 m spacing and a 10 m cut-off: exactly the four axis neighbours survive.
        int side = 5;
        double[] x = new double[side * side];
        double[] y = new double[side * side];
        for (int i = 0; i < side * side; i++) {
            x[i] = 10 * (i % side);
            y[i] = 10 * (i / side);
        }
        KnnGraph g = KnnGraphBuilder.build(x, y, side * side, 8, 10);
        assertEquals(4, g.degree(2 * side + 2)); // centre
        assertEquals(3, g.degree(2)); // edge
        assertEquals(2, g.degree(0)); // corner
    }

    @Test
    void queriesRestrictEdgesToTheFirstPoints() {
        double[][] p = clustered(2000, 9);
        KnnGraph all = KnnGraphBuilder.build(p[0], p[1], 2000, 6, 300);
        KnnGraph first = KnnGraphBuilder.build(p[0], p[1], 2000, 700, 6, 300);
        assertEquals(2000, first.nodes());
        for (int i = 0; i < 2000; i++) {
            if (i < 700) {
                assertArrayEquals(Arrays.copyOfRange(all.targets(), all.offsets()[i], all.offsets()[i + 1]),
                        Arrays.copyOfRange(first.targets(), first.offsets()[i], first.offsets()[i + 1]));
            } else {
                assertEquals(0, first.degree(i));
            }
        }
        assertEquals(all.offsets()[700], first.edges());
    }

    @Test
    void pointsOnALineAndTinyInputs() {
        int n = 400;
        double[] x = new double[n];
        double[] y = new double[n];
        Random r = new Random(3);
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * 1000;
            y[i] = 42; // every point on one horizontal line: a degenerate bounding box
        }
        assertPlanar(bruteForce(x, y, n, 5, INF), KnnGraphBuilder.build(x, y, n, 5, INF), "line");
        double[] two = {0, 3};
        double[] zero = {0, 4};
        KnnGraph g = KnnGraphBuilder.build(two, zero, 2, 1, INF);
        assertArrayEquals(new int[] {0, 1, 2}, g.offsets());
        assertArrayEquals(new int[] {1, 0}, g.targets());
        assertArrayEquals(new float[] {5f, 5f}, g.lengths());
    }

    // ---- geographic ---------------------------------------------------------------------

    @Test
    void geographicNearOsloMatchesHaversine() {
        Random r = new Random(21);
        int n = 3000;
        double[] lon = new double[n];
        double[] lat = new double[n];
        for (int i = 0; i < n; i++) {
            lon[i] = 10.65 + r.nextDouble() * 0.2;
            lat[i] = 59.87 + r.nextDouble() * 0.1;
        }
        for (int k : new int[] {1, 8, 16}) {
            KnnGraph g = KnnGraphBuilder.buildGeographic(lon, lat, n, k, INF);
            assertGeographic(haversine(lon, lat, n, k, INF), g, "Oslo k=" + k);
        }
        KnnGraph cut = KnnGraphBuilder.buildGeographic(lon, lat, n, 8, 150);
        assertGeographic(haversine(lon, lat, n, 8, 150), cut, "Oslo cut 150 m");
    }

    @Test
    void geographicAcrossTheAntimeridianMatchesHaversine() {
        Random r = new Random(22);
        int n = 2000;
        double[] lon = new double[n];
        double[] lat = new double[n];
        for (int i = 0; i < n; i++) {
            double l = 179.99 + r.nextDouble() * 0.02; // 179.99 .. 180.01
            lon[i] = l > 180 ? l - 360 : l; // written as 179.99 .. 180 and -180 .. -179.99
            lat[i] = -17.01 + r.nextDouble() * 0.02;
        }
        KnnGraph g = KnnGraphBuilder.buildGeographic(lon, lat, n, 8, INF);
        assertGeographic(haversine(lon, lat, n, 8, INF), g, "antimeridian");
        int crossing = 0;
        for (int i = 0; i < n; i++) {
            for (int e = g.offsets()[i]; e < g.offsets()[i + 1]; e++) {
                if ((lon[i] > 0) != (lon[g.targets()[e]] > 0)) {
                    crossing++;
                    assertTrue(g.lengths()[e] < 200, "an edge across the antimeridian is short: " + g.lengths()[e]);
                }
            }
        }
        assertTrue(crossing > 50, "edges across the antimeridian: " + crossing);
    }

    @Test
    void geographicAroundThePoleAndOverTheGlobeMatchesHaversine() {
        Random r = new Random(23);
        int n = 1500;
        double[] lon = new double[n];
        double[] lat = new double[n];
        for (int i = 0; i < n; i++) {
            lon[i] = -180 + 360 * r.nextDouble();
            lat[i] = 89.95 + 0.05 * r.nextDouble();
        }
        assertGeographic(haversine(lon, lat, n, 8, INF), KnnGraphBuilder.buildGeographic(lon, lat, n, 8, INF), "pole");
        for (int i = 0; i < n; i++) {
            lon[i] = -180 + 360 * r.nextDouble();
            lat[i] = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1)); // uniform on the sphere
        }
        assertGeographic(haversine(lon, lat, n, 5, INF), KnnGraphBuilder.buildGeographic(lon, lat, n, 5, INF), "globe");
        assertGeographic(haversine(lon, lat, n, 5, 300_000),
                KnnGraphBuilder.buildGeographic(lon, lat, n, 5, 300_000), "globe cut 300 km");
    }

    // ---- bad input ----------------------------------------------------------------------

    @Test
    void badInputIsReportedWithTheOffendingPoints() {
        double[][] p = uniform(30, 4);
        double[] x = p[0];
        double[] y = p[1];

        double[] nanX = x.clone();
        nanX[17] = Double.NaN;
        assertMessage("point 17 has no coordinates (missing or empty geometry)", () -> KnnGraphBuilder.build(nanX, y, 30, 5, INF));
        double[] infY = y.clone();
        infY[4] = Double.NEGATIVE_INFINITY;
        assertMessage("point 4 has no coordinates (missing or empty geometry)", () -> KnnGraphBuilder.build(x, infY, 30, 5, INF));

        assertMessage("neighbours must be at least 1: 0", () -> KnnGraphBuilder.build(x, y, 30, 0, INF));
        assertMessage("neighbours = 8 must be smaller than the number of points (5)", () -> KnnGraphBuilder.build(x, y, 5, 8, INF));
        assertMessage("neighbours = 5 must be smaller than the number of points (5)", () -> KnnGraphBuilder.build(x, y, 5, 5, INF));
        for (double bad : new double[] {0, -1, Double.NaN}) {
            assertMessage("maxDistance must be positive", () -> KnnGraphBuilder.build(x, y, 30, 5, bad));
            assertMessage("maxDistance must be positive", () -> KnnGraphBuilder.buildGeographic(x, y, 30, 5, bad));
        }

        double[] dx = x.clone();
        double[] dy = y.clone();
        dx[9] = dx[3];
        dy[9] = dy[3];
        IllegalArgumentException e = assertMessage("points 3 and 9 have identical coordinates (" + x[3] + ", " + y[3]
                + "); smoothing needs distinct locations", () -> KnnGraphBuilder.build(dx, dy, 30, 5, INF));
        DuplicatePointsException d = assertInstanceOf(DuplicatePointsException.class, e);
        assertEquals(3, d.first());
        assertEquals(9, d.second());
        // Even when the cut-off is shorter than any real edge and k = 1.
        assertMessage("points 3 and 9 have identical coordinates", () -> KnnGraphBuilder.build(dx, dy, 30, 1, 1e-3));
    }

    @Test
    void badGeographicInputIsReportedWithTheOffendingPoints() {
        double[] lon = {10.70, 10.71, 10.72, 180.0, 10.74, -180.0, 10.76};
        double[] lat = {59.90, 59.91, 59.92, 5.00, 59.94, 5.00, 59.96};
        DuplicatePointsException d = assertInstanceOf(DuplicatePointsException.class,
                assertMessage("points 3 and 5 are the same location, (lon 180.0, lat 5.0) and (lon -180.0, lat 5.0)",
                        () -> KnnGraphBuilder.buildGeographic(lon, lat, 7, 2, INF)));
        assertEquals(3, d.first());
        assertEquals(5, d.second());

        double[] same = lon.clone();
        same[5] = 180.0;
        assertMessage("points 3 and 5 have identical coordinates (lon 180.0, lat 5.0); smoothing needs distinct locations",
                () -> KnnGraphBuilder.buildGeographic(same, lat, 7, 2, INF));

        double[] missing = lat.clone();
        missing[6] = Double.NaN;
        assertMessage("point 6 has no coordinates (missing or empty geometry)",
                () -> KnnGraphBuilder.buildGeographic(lon, missing, 7, 2, INF));
        double[] projected = lat.clone();
        projected[2] = 6_600_000;
        assertMessage("point 2 has longitude 10.72 and latitude 6600000.0",
                () -> KnnGraphBuilder.buildGeographic(lon, projected, 7, 2, INF));
        assertMessage("neighbours = 7 must be smaller than the number of points (7)",
                () -> KnnGraphBuilder.buildGeographic(lon, lat, 7, 7, INF));
    }

    private static IllegalArgumentException assertMessage(String part, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
        return e;
    }

    // ---- scale --------------------------------------------------------------------------

    /**
     * A million uniform points must simply finish: a quadratic search would not. No timing is
     * asserted; on two cores this takes about a second.
     */
    @Test
    void aMillionPointsFinish() {
        int n = 1_000_000;
        double[][] p = uniform(n, 99);
        KnnGraph g = KnnGraphBuilder.build(p[0], p[1], n, 8, INF);
        assertEquals(n, g.nodes());
        assertEquals(8L * n, g.edges());
        GraphStatistics s = g.statistics();
        // Uniform density with 12 m mean spacing: the median 8-NN edge is about 13.6 m.
        assertTrue(s.medianEdgeLength() > 11 && s.medianEdgeLength() < 16, s.toString());
        // The same with one point at (0, 0): quadratic on a plain grid, about as fast on the tree.
        p[0][0] = 0;
        p[1][0] = 0;
        assertEquals(8L * n, KnnGraphBuilder.build(p[0], p[1], n, 8, INF).edges());
    }
}
