package io.geocluster.engine.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.geocluster.engine.ArrayBatchStream;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.graph.Aggregation;
import io.geocluster.engine.graph.GraphSmoother;
import io.geocluster.engine.graph.SmoothedFeatures;
import io.geocluster.engine.graph.SmoothingOptions;
import io.geocluster.engine.graph.SpatialSmoothing;
import io.geocluster.engine.iikmc.EmptyClusterRule;
import io.geocluster.engine.iikmc.IikmcOptions;
import io.geocluster.engine.iikmc.IikmcResult;
import io.geocluster.engine.iikmc.PooledLloyd;
import io.geocluster.engine.kmeans.BatchedKMeans;
import io.geocluster.engine.kmeans.KMeansModel;
import io.geocluster.engine.kmeans.KMeansOptions;
import io.geocluster.engine.kmeans.MiniBatchKMeans;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The GPU backend against the CPU backend on seeded random data: every kernel; a mini-batch fit
 * and BatchedKMeans (the BatchedKMeans process's engine); in-memory and out-of-core smoothing
 * (SmoothedKMeans's); pooled Lloyd iterations with the pixels resident or streamed (IIkMC's).
 * Skipped (by assumption) where {@link GpuProbe} finds no usable GPU; run them on a GPU machine
 * with {@code GpuCheck}.
 *
 * <p>Expectations: distances and aggregation bitwise the CPU's (same order, no FMA), hence labels
 * equal; sums within 1e-6 of the sum of magnitudes; IIkMC and k-means centres within 1e-4
 * relative, labels equal but for pixels that are ties to within 1e-5 under the final centres.
 */
class GpuBackendTest {
    private static GpuBackend gpu;
    private static CpuBackend cpu;

    @BeforeAll
    static void open() {
        assumeTrue(GpuProbe.available(), () -> "no usable GPU: " + GpuProbe.probe().reason());
        gpu = GpuBackend.open();
        cpu = new CpuBackend();
    }

    @AfterAll
    static void close() {
        if (gpu != null) {
            gpu.close();
        }
        if (cpu != null) {
            cpu.close();
        }
    }

    /** Gaussian blobs around k random means, row-major. */
    static float[] blobs(int n, int d, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] means = new float[k * d];
        for (int i = 0; i < means.length; i++) {
            means[i] = (float) (r.nextDouble() * 10 - 5);
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(k);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (means[c * d + j] + gaussian(r));
            }
        }
        return x;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static float[] randomCentres(int k, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] c = new float[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) (r.nextDouble() * 10 - 5);
        }
        return c;
    }

    @ParameterizedTest
    @CsvSource({"1000003, 6, 8", "5000, 20, 10", "20000, 40, 40", "3000, 300, 50", "1, 1, 1", "257, 16, 255", "70000, 3, 2"})
    void assignMatchesCpu(int n, int d, int k) {
        float[] x = blobs(n, d, k, 11);
        float[] c = randomCentres(k, d, 12);
        int[] lc = new int[n];
        int[] lg = new int[n];
        float[] dc = new float[n];
        float[] dg = new float[n];
        double ic = cpu.assign(x, n, d, c, k, lc, dc);
        double ig = gpu.assign(x, n, d, c, k, lg, dg);
        assertArrayEquals(lc, lg, "labels");
        assertArrayEquals(dc, dg, "distances, bitwise");
        assertEquals(ic, ig, 1e-9 * ic, "inertia");
        assertEquals(ic, gpu.assign(x, n, d, c, k, lg, null), 1e-9 * ic, "inertia without distances");
    }

    @ParameterizedTest
    @CsvSource({"1000003, 6, 8", "5000, 20, 10", "20000, 40, 40", "3000, 300, 50", "1, 1, 1", "4096, 16, 8"})
    void accumulateMatchesCpu(int n, int d, int k) {
        float[] x = blobs(n, d, k, 21);
        SplittableRandom r = new SplittableRandom(22);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(k + 1) - 1; // -1 = skipped
        }
        double[] sc = new double[k * d];
        double[] sg = new double[k * d];
        long[] cc = new long[k];
        long[] cg = new long[k];
        sg[0] = 1; // added to, not overwritten
        cg[0] = 1;
        cpu.accumulate(x, n, d, labels, k, sc, cc);
        gpu.accumulate(x, n, d, labels, k, sg, cg);
        sc[0] += 1;
        cc[0] += 1;
        assertArrayEquals(cc, cg, "counts");
        double[] magnitude = new double[k * d];
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0) {
                for (int j = 0; j < d; j++) {
                    magnitude[labels[i] * d + j] += Math.abs(x[i * d + j]);
                }
            }
        }
        for (int i = 0; i < k * d; i++) {
            assertEquals(sc[i], sg[i], 1e-6 * magnitude[i] + 1e-12, "sum " + i);
        }
        int[] bad = {0, k};
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> gpu.accumulate(x, 2, d, bad, k, sg, cg));
    }

    @ParameterizedTest
    @CsvSource({"1000003, 6, 8", "600000, 6, 5", "5000, 20, 10", "20000, 40, 40", "3000, 300, 50", "1, 1, 1"})
    void lloydStepMatchesCpu(int n, int d, int k) {
        float[] x = blobs(n, d, k, 31);
        float[] c = randomCentres(k, d, 32);
        byte[] ids = new byte[k];
        for (int p = 0; p < k; p++) {
            ids[p] = (byte) (k - 1 - p); // class ids differ from positions
        }
        byte[] lc = new byte[n];
        byte[] lg = new byte[n];
        java.util.Arrays.fill(lc, (byte) 0xFF);
        java.util.Arrays.fill(lg, (byte) 0xFF);
        for (int step = 0; step < 2; step++) {
            double[] sc = new double[k * d];
            double[] sg = new double[k * d];
            long[] cc = new long[k];
            long[] cg = new long[k];
            float[] dc = new float[n];
            float[] dg = step == 0 ? new float[n] : null;
            long chc = cpu.lloydStep(x, n, d, c, k, ids, lc, sc, cc, dc);
            long chg = gpu.lloydStep(x, n, d, c, k, ids, lg, sg, cg, dg);
            assertEquals(chc, chg, "changed, step " + step);
            assertArrayEquals(lc, lg, "labels, step " + step);
            assertArrayEquals(cc, cg, "counts, step " + step);
            if (dg != null) {
                assertArrayEquals(dc, dg, "distances, bitwise");
            }
            for (int i = 0; i < k * d; i++) {
                assertEquals(sc[i], sg[i], 1e-6 * Math.abs(sc[i]) + 1e-6 * cc[i / d], "sum " + i);
            }
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < d && cc[p] > 0; j++) {
                    c[p * d + j] = (float) (sc[p * d + j] / cc[p]);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1", "3", "16", "33"})
    void aggregateIsBitwiseTheCpus(int d) {
        int n = 20_000;
        SplittableRandom r = new SplittableRandom(41 + d);
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + r.nextInt(13);
        }
        int[] targets = new int[offsets[n]];
        float[] weights = new float[offsets[n]];
        for (int e = 0; e < targets.length; e++) {
            targets[e] = r.nextInt(n);
            weights[e] = (float) r.nextDouble();
        }
        float[] x = blobs(n, d, 4, 43);
        for (int[] range : new int[][] {{0, n}, {123, 9876}, {n - 1, n}, {5, 5}}) {
            int rows = range[1] - range[0];
            float[] oc = new float[rows * d + 3];
            float[] og = new float[rows * d + 3];
            cpu.aggregate(offsets, targets, weights, range[0], range[1], x, d, oc);
            gpu.aggregate(offsets, targets, weights, range[0], range[1], x, d, og);
            assertArrayEquals(oc, og, "rows " + range[0] + ".." + range[1]);
        }
        targets[offsets[7]] = n; // row 7 has an edge when offsets[8] > offsets[7]
        if (offsets[8] > offsets[7]) {
            assertThrows(IndexOutOfBoundsException.class,
                    () -> gpu.aggregate(offsets, targets, weights, 0, n, x, d, new float[n * d]));
        }
    }

    @Test
    void smoothingMatchesCpu() {
        int n = 50_000;
        int d = 16;
        SplittableRandom r = new SplittableRandom(51);
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + 4 + r.nextInt(5);
        }
        int[] targets = new int[offsets[n]];
        float[] lengths = new float[offsets[n]];
        for (int i = 0; i < n; i++) {
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                int t;
                do {
                    t = r.nextInt(n);
                } while (t == i);
                targets[e] = t;
                lengths[e] = (float) (1 + r.nextDouble() * 20);
            }
        }
        float[] x = blobs(n, d, 5, 52);
        for (Aggregation a : Aggregation.values()) {
            float[] oc = new float[n * d];
            float[] og = new float[n * d];
            GraphSmoother.smooth(offsets, targets, lengths, n, x, d, 3, 0.5, a, cpu, oc);
            GraphSmoother.smooth(offsets, targets, lengths, n, x, d, 3, 0.5, a, gpu, og);
            assertArrayEquals(oc, og, a.name());
        }
    }

    @Test
    void outOfCoreSmoothingMatchesCpu(@TempDir Path scratch) throws IOException {
        // SmoothedKMeans's smoothing: shards, halos and H hops, with the GPU doing the products.
        int n = 20_000;
        int d = 4;
        SplittableRandom r = new SplittableRandom(53);
        long[] ids = new long[n];
        double[] x = new double[n];
        double[] y = new double[n];
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            x[i] = 4_250_000 + r.nextDouble() * 5_000;
            y[i] = 4_050_000 + r.nextDouble() * 5_000;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (gaussian(r) + (x[i] > 4_252_500 ? 3 : 0));
            }
        }
        ArrayBatchStream stream = new ArrayBatchStream(v, d, ids, x, y, 1000);
        SmoothingOptions options = new SmoothingOptions(3, 0.5, 8, Double.POSITIVE_INFINITY, Aggregation.WEIGHTED, false);
        float[] oc = new float[n * d];
        float[] og = new float[n * d];
        try (SmoothedFeatures s = SpatialSmoothing.run(stream, d, options, scratch, cpu, RunMonitor.NONE)) {
            s.overwrite(0, n, oc, d);
        }
        try (SmoothedFeatures s = SpatialSmoothing.run(stream, d, options, scratch, gpu, RunMonitor.NONE)) {
            s.overwrite(0, n, og, d);
        }
        assertArrayEquals(oc, og);
    }

    /** Reflectance-like pixels in {@code blocks} blocks, as IIkMC pools them. */
    static float[][] pixels(int pixels, int bands, int k, int blocks, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] spectra = new float[k * bands];
        for (int i = 0; i < spectra.length; i++) {
            spectra[i] = (float) (0.02 + 0.48 * r.nextDouble());
        }
        float[][] out = new float[blocks][];
        for (int b = 0; b < blocks; b++) {
            int n = pixels / blocks + (b < pixels % blocks ? 1 : 0);
            float[] x = new float[n * bands];
            for (int i = 0; i < n; i++) {
                int c = r.nextInt(k);
                for (int j = 0; j < bands; j++) {
                    x[i * bands + j] = (float) (spectra[c * bands + j] + 0.06 * (r.nextDouble() - 0.5));
                }
            }
            out[b] = x;
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(EmptyClusterRule.class)
    void iikmcMatchesCpu(EmptyClusterRule rule) {
        iikmc(rule, 800_000, Long.MAX_VALUE);
    }

    @Test
    void iikmcStreamsChunksBeyondWhatIsResident() {
        // About one 2^18-pixel chunk resident, the other three streamed every iteration.
        iikmc(EmptyClusterRule.CANCEL, 1_000_000, (1L << 18) * (6 * 4 + 1));
    }

    private static void iikmc(EmptyClusterRule rule, int n, long residentCap) {
        int bands = 6;
        int k = 12; // more classes than spectra: some empty, so cancel/reseed happen
        float[][] blocks = pixels(n, bands, 8, 3, 61);
        IikmcOptions options = new IikmcOptions(k, 20, 0.0, rule);
        byte[][] lc = labels(blocks, bands);
        byte[][] lg = labels(blocks, bands);
        IikmcResult rc = new PooledLloyd(options, cpu).run(blocks, bands, lc, RunMonitor.NONE);
        IikmcResult rg;
        GpuLloydSession.residentCapBytes = residentCap;
        try {
            rg = new PooledLloyd(options, gpu).run(blocks, bands, lg, RunMonitor.NONE);
        } finally {
            GpuLloydSession.residentCapBytes = Long.MAX_VALUE;
        }
        assertArrayEquals(rc.cancelled(), rg.cancelled(), "cancelled classes");
        assertCentresClose(rc.centres(), rg.centres(), 1e-4);
        int mismatched = 0;
        for (int b = 0; b < blocks.length; b++) {
            for (int i = 0; i < lc[b].length; i++) {
                if (lc[b][i] != lg[b][i]) {
                    mismatched++;
                    assertNearTie(blocks[b], i, bands, rc.centres(), lc[b][i], lg[b][i]);
                }
            }
        }
        assertTrue(mismatched <= n / 100_000, mismatched + " labels differ");
    }

    private static byte[][] labels(float[][] blocks, int bands) {
        byte[][] l = new byte[blocks.length][];
        for (int b = 0; b < blocks.length; b++) {
            l[b] = new byte[blocks[b].length / bands];
        }
        return l;
    }

    private static void assertNearTie(float[] x, int i, int d, float[] centres, int a, int b) {
        double da = 0;
        double db = 0;
        for (int j = 0; j < d; j++) {
            double ta = x[i * d + j] - centres[(a & 0xFF) * d + j];
            double tb = x[i * d + j] - centres[(b & 0xFF) * d + j];
            da += ta * ta;
            db += tb * tb;
        }
        assertEquals(da, db, 1e-5 * Math.max(da, db), "pixel " + i + " is not a tie between " + a + " and " + b);
    }

    private static void assertCentresClose(float[] expected, float[] actual, double relative) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i])) {
                assertTrue(Float.isNaN(actual[i]), "centre value " + i);
                continue;
            }
            assertEquals(expected[i], actual[i], relative * Math.max(Math.abs(expected[i]), 1e-3),
                    "centre value " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"4096", "65536", "256"})
    void miniBatchFitMatchesCpu(int batch) {
        int d = 16;
        int k = 8;
        float[] x = blobs(batch * 20, d, k, 71);
        float[] start = java.util.Arrays.copyOf(x, k * d);
        MiniBatchKMeans mc = new MiniBatchKMeans(start, k, d, cpu, new SplittableRandom(72));
        MiniBatchKMeans mg = new MiniBatchKMeans(start, k, d, gpu, new SplittableRandom(72));
        float[] piece = new float[batch * d];
        for (int s = 0; s < 20; s++) {
            System.arraycopy(x, s * batch * d, piece, 0, batch * d);
            double ic = mc.partialFit(piece, batch);
            double ig = mg.partialFit(piece, batch);
            assertEquals(ic, ig, 1e-6 * ic, "inertia of step " + s);
        }
        assertCentresClose(mc.centres(), mg.centres(), 1e-4);
        assertEquals(mc.reassigned(), mg.reassigned());
    }

    @Test
    void batchedKMeansMatchesCpu() throws IOException {
        int d = 5;
        float[] v = blobs(60_000, d, 6, 81);
        ArrayBatchStream stream = ArrayBatchStream.of(v, d, 4096);
        List<String> features = List.of("a", "b", "c", "d", "e");
        KMeansOptions options = KMeansOptions.defaults(6, 1);
        KMeansModel mc = BatchedKMeans.fit(stream, features, options, cpu, RunMonitor.NONE);
        KMeansModel mg = BatchedKMeans.fit(stream, features, options, gpu, RunMonitor.NONE);
        assertCentresClose(mc.centres(), mg.centres(), 1e-4);
    }

    @Test
    void rejectsArraysTooShortBeforeTouchingTheDevice() {
        assertThrows(IllegalArgumentException.class,
                () -> gpu.assign(new float[5], 3, 2, new float[4], 2, new int[3], null));
        assertThrows(IllegalArgumentException.class,
                () -> gpu.assign(new float[6], 3, 2, new float[3], 2, new int[3], null));
        assertThrows(IllegalArgumentException.class,
                () -> gpu.lloydStep(new float[6], 3, 2, new float[4], 2, new byte[1], new byte[3], new double[4],
                        new long[2], null));
        assertEquals("gpu", gpu.name());
    }
}
