package io.geocluster.engine.iikmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.RunCancelledException;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.ComputeBackend;
import io.geocluster.engine.compute.CpuBackend;
import io.geocluster.engine.stats.AdjustedRandIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PooledLloydTest {
    private static IikmcOptions opts(int k, int maxIt, double tol, EmptyClusterRule rule) {
        return new IikmcOptions(k, maxIt, tol, rule);
    }

    private static byte[][] labelsFor(float[][] blocks, int bands) {
        byte[][] l = new byte[blocks.length][];
        for (int b = 0; b < blocks.length; b++) {
            l[b] = new byte[blocks[b].length / bands];
        }
        return l;
    }

    @Test
    void handComputedOneBandTwoIterations() {
        // Pixels 0, 4, 4, 5.5, 10, 10 (two blocks); k = 2; min 0, max 10 → centres 2.5, 7.5.
        // Iteration 1: 0, 4, 4 → class 0 (mean 8/3 ≈ 2.667); 5.5, 10, 10 → class 1 (mean 8.5).
        //   Every pixel changed from unassigned: fraction 1.
        // Iteration 2: 5.5 is 2.833 from 2.667 and 3.0 from 8.5 → moves to class 0; 1 of 6 changed
        //   (0.1667 < tolerance 0.2 → converged). Means: class 0 (0+4+4+5.5)/4 = 3.375, class 1 10.
        float[][] blocks = {{0, 4, 4}, {5.5f, 10, 10}};
        byte[][] labels = labelsFor(blocks, 1);
        try (CpuBackend backend = new CpuBackend(1)) {
            IikmcResult r = new PooledLloyd(opts(2, 20, 0.2, EmptyClusterRule.CANCEL), backend)
                    .run(blocks, 1, labels, RunMonitor.NONE);
            assertEquals(2, r.iterations());
            assertTrue(r.converged());
            assertArrayEquals(new double[] {1.0, 1.0 / 6}, r.changedFraction(), 1e-12);
            assertArrayEquals(new float[] {3.375f, 10f}, r.centres());
            assertArrayEquals(new long[] {4, 2}, r.sizes());
            assertArrayEquals(new byte[] {0, 0, 0}, labels[0]);
            assertArrayEquals(new byte[] {0, 1, 1}, labels[1]);
        }
    }

    @Test
    void separatedBlobsRecoveredAcrossBlocksOfDifferentSizes() {
        Blobs data = blobs(new int[] {5000, 1234, 3001}, 42);
        try (CpuBackend backend = new CpuBackend(2)) {
            IikmcResult r = new PooledLloyd(opts(3, 20, 0.01, EmptyClusterRule.CANCEL), backend)
                    .run(data.blocks, 3, data.labels, RunMonitor.NONE);
            assertTrue(r.converged());
            AdjustedRandIndex ari = new AdjustedRandIndex();
            int[] map = new int[3];
            for (int b = 0; b < data.blocks.length; b++) {
                for (int i = 0; i < data.truth[b].length; i++) {
                    ari.add(data.truth[b][i], data.labels[b][i]);
                    map[data.truth[b][i]] = data.labels[b][i];
                }
            }
            assertEquals(1.0, ari.value(), 1e-12);
            for (int t = 0; t < 3; t++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(data.means[t * 3 + j], r.centres()[map[t] * 3 + j], 1e-3, "blob " + t + " band " + j);
                }
            }
            double[] f = r.changedFraction();
            assertEquals(1.0, f[0]);
            for (int i = 1; i < f.length; i++) {
                assertTrue(f[i] <= f[i - 1], "changed fraction rose at iteration " + (i + 1));
            }
            assertTrue(f[f.length - 1] < 0.01);
            long total = 0;
            for (long s : r.sizes()) {
                total += s;
            }
            assertEquals(5000 + 1234 + 3001, total);
        }
    }

    @Test
    void cancelledClassStaysCancelled() {
        // 0, 0, 0, 1, 10 with k = 3: centres 1.667, 5, 8.333. Nothing is nearest to 5.
        float[][] blocks = {{0, 0, 0, 1, 10}};
        byte[][] labels = labelsFor(blocks, 1);
        List<String> passes = new ArrayList<>();
        RunMonitor monitor = new RunMonitor() {
            @Override
            public void passStarted(String pass, long expectedRows) {
                passes.add(pass + ":" + expectedRows);
            }
        };
        try (CpuBackend backend = new CpuBackend(1)) {
            IikmcResult r = new PooledLloyd(opts(3, 10, 0, EmptyClusterRule.CANCEL), backend)
                    .run(blocks, 1, labels, monitor);
            assertTrue(r.cancelled()[1]);
            assertFalse(r.cancelled()[0]);
            assertFalse(r.cancelled()[2]);
            assertEquals(0, r.sizes()[1]);
            assertTrue(Float.isNaN(r.centres()[1]));
            assertEquals(2, r.iterations());
            assertEquals(List.of("iteration 1:5", "iteration 2:5"), passes);
            for (byte l : labels[0]) {
                assertNotEquals(1, l);
            }
            assertArrayEquals(new long[] {4, 0, 1}, r.sizes());
        }
    }

    @Test
    void cancelledClassIsNeverReused() {
        // Start centres 1, 100, 25: class 1 lies beyond every pixel, is empty in iteration 1 and
        // cancelled; iteration 2 assigns against classes 0 and 2 only, and 30 stays in class 2.
        float[][] blocks = {{0, 1, 2, 3, 20, 30}};
        byte[][] labels = labelsFor(blocks, 1);
        try (CpuBackend backend = new CpuBackend(1)) {
            IikmcResult r = new PooledLloyd(opts(3, 10, 0, EmptyClusterRule.CANCEL), backend)
                    .run(blocks, 1, labels, new float[] {1, 100, 25}, RunMonitor.NONE);
            assertTrue(r.cancelled()[1]);
            assertTrue(r.iterations() >= 2);
            for (byte l : labels[0]) {
                assertNotEquals(1, l);
            }
        }
    }

    @Test
    void reseedMovesEmptyCentreOntoAPixel() {
        float[][] blocks = {{0, 0, 0, 1, 10}};
        byte[][] labels = labelsFor(blocks, 1);
        try (CpuBackend backend = new CpuBackend(1)) {
            // One iteration: class 1 is empty and moves onto the farthest pixel, 0 or 10
            // (both lie 1.667 from their centre; the first in block order wins).
            IikmcResult one = new PooledLloyd(opts(3, 1, 0, EmptyClusterRule.RESEED), backend)
                    .run(blocks, 1, labels, RunMonitor.NONE);
            float c1 = one.centres()[1];
            assertTrue(c1 == 0f || c1 == 10f, "reseeded onto " + c1);
            assertFalse(one.converged());
            IikmcResult full = new PooledLloyd(opts(3, 10, 0, EmptyClusterRule.RESEED), backend)
                    .run(blocks, 1, labels, RunMonitor.NONE);
            assertTrue(full.converged());
            for (int c = 0; c < 3; c++) {
                assertFalse(full.cancelled()[c]);
                assertTrue(full.sizes()[c] > 0, "class " + c + " is empty");
            }
        }
    }

    @Test
    void sameInputGivesIdenticalOutput() {
        for (EmptyClusterRule rule : EmptyClusterRule.values()) {
            Blobs a = blobs(new int[] {7000, 3000}, 7);
            Blobs b = blobs(new int[] {7000, 3000}, 7);
            try (CpuBackend backend = new CpuBackend(2)) {
                PooledLloyd lloyd = new PooledLloyd(opts(5, 20, 0, rule), backend);
                IikmcResult ra = lloyd.run(a.blocks, 3, a.labels, RunMonitor.NONE);
                IikmcResult rb = lloyd.run(b.blocks, 3, b.labels, RunMonitor.NONE);
                assertArrayEquals(ra.centres(), rb.centres());
                assertArrayEquals(ra.cancelled(), rb.cancelled());
                assertArrayEquals(ra.sizes(), rb.sizes());
                assertArrayEquals(ra.changedFraction(), rb.changedFraction());
                assertEquals(ra.iterations(), rb.iterations());
                for (int i = 0; i < a.labels.length; i++) {
                    assertArrayEquals(a.labels[i], b.labels[i]);
                }
            }
        }
    }

    @Test
    void kLargerThanDistinctPixelsIsRejected() {
        float[][] blocks = {{1, 2, 1, 2}, {3, 4, 1, 2, 5, 6}};
        byte[][] labels = labelsFor(blocks, 2);
        try (CpuBackend backend = new CpuBackend(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PooledLloyd(opts(8, 20, 0.01, EmptyClusterRule.CANCEL), backend)
                            .run(blocks, 2, labels, RunMonitor.NONE));
            assertEquals("k = 8 is larger than the 3 distinct valid pixel values", e.getMessage());
            // Exactly k distinct rows are enough.
            new PooledLloyd(opts(3, 20, 0.01, EmptyClusterRule.CANCEL), backend).run(blocks, 2, labels, RunMonitor.NONE);
        }
    }

    @Test
    void badInputIsRejected() {
        try (CpuBackend backend = new CpuBackend(1)) {
            PooledLloyd lloyd = new PooledLloyd(IikmcOptions.defaults(2), backend);
            assertThrows(IllegalArgumentException.class,
                    () -> lloyd.run(new float[][] {{1, 2, 3}}, 2, new byte[][] {new byte[2]}, RunMonitor.NONE));
            assertThrows(IllegalArgumentException.class,
                    () -> lloyd.run(new float[][] {{1, Float.NaN}}, 1, new byte[][] {new byte[2]}, RunMonitor.NONE));
            assertEquals("there are no valid pixels to cluster", assertThrows(IllegalArgumentException.class,
                    () -> lloyd.run(new float[][] {{}}, 1, new byte[][] {new byte[0]}, RunMonitor.NONE)).getMessage());
        }
    }

    /**
     * Every iteration reports the rows done so far, chunk after chunk, up to all the pooled
     * pixels: what a WPS status and the command line's progress bar show.
     */
    @Test
    void progressOfAnIterationRisesToEveryPixel() {
        Blobs data = blobs(new int[] {700, 500, 301}, 4);
        List<List<Long>> passes = new ArrayList<>();
        RunMonitor recording = new RunMonitor() {
            @Override
            public void passStarted(String pass, long expectedRows) {
                assertEquals(1501, expectedRows);
                passes.add(new ArrayList<>());
            }

            @Override
            public void passProgress(long rows) {
                passes.get(passes.size() - 1).add(rows);
            }
        };
        try (CpuBackend backend = new CpuBackend(1);
             PooledPixels pool = new PooledPixels(3, 3, Long.MAX_VALUE, null, 256)) {
            for (float[] block : data.blocks) {
                pool.append(block, 0, block.length / 3);
            }
            new PooledLloyd(IikmcOptions.defaults(3), backend).run(pool, recording);
        }
        assertFalse(passes.isEmpty());
        for (List<Long> pass : passes) {
            // 1501 pixels in chunks of 256: six reports, the last one every pixel.
            assertEquals(List.of(256L, 512L, 768L, 1024L, 1280L, 1501L), pass);
        }
    }

    /**
     * Over a pool large enough for the CPU's bounds (2^22 pixels and more) and run to the end, the
     * labels, sizes and iterations equal those of the plain per-chunk Lloyd step, which keeps
     * nothing between iterations; centres agree to the rounding of sums kept across iterations.
     */
    @ParameterizedTest
    @EnumSource(EmptyClusterRule.class)
    void boundedIterationsOnALargePoolEqualPlainOnes(EmptyClusterRule rule) {
        int n = (1 << 22) + 4321;
        int bands = 3;
        int k = 6;
        Random r = new Random(8);
        float[] spectra = new float[k * bands];
        for (int i = 0; i < spectra.length; i++) {
            spectra[i] = (float) r.nextDouble();
        }
        float[] x = new float[n * bands];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(k);
            for (int j = 0; j < bands; j++) {
                x[i * bands + j] = spectra[c * bands + j] + (float) (0.15 * r.nextGaussian());
            }
        }
        IikmcOptions options = new IikmcOptions(k, 40, 0, rule);
        byte[] bounded = new byte[n];
        byte[] plain = new byte[n];
        IikmcResult a;
        IikmcResult b;
        try (CpuBackend cpu = new CpuBackend(2)) {
            a = new PooledLloyd(options, cpu).run(new float[][] {x}, bands, new byte[][] {bounded}, RunMonitor.NONE);
            // The interface's default session: lloydStep over every chunk, fresh sums each time.
            ComputeBackend perChunk = new ComputeBackend() {
                @Override
                public String name() {
                    return "per-chunk";
                }

                @Override
                public double assign(float[] x, int n, int d, float[] centres, int k, int[] labels, float[] distances) {
                    return cpu.assign(x, n, d, centres, k, labels, distances);
                }

                @Override
                public void accumulate(float[] x, int n, int d, int[] labels, int k, double[] sums, long[] counts) {
                    cpu.accumulate(x, n, d, labels, k, sums, counts);
                }

                @Override
                public long lloydStep(float[] x, int n, int d, float[] centres, int k, byte[] ids, byte[] labels,
                                      double[] sums, long[] counts, float[] distances) {
                    return cpu.lloydStep(x, n, d, centres, k, ids, labels, sums, counts, distances);
                }

                @Override
                public void aggregate(int[] offsets, int[] targets, float[] weights, int rowFrom, int rowTo, float[] x,
                                      int d, float[] out) {
                    cpu.aggregate(offsets, targets, weights, rowFrom, rowTo, x, d, out);
                }

                @Override
                public void close() {
                }
            };
            b = new PooledLloyd(options, perChunk).run(new float[][] {x}, bands, new byte[][] {plain}, RunMonitor.NONE);
        }
        assertTrue(a.iterations() > 5, "the run went on long enough for bounds: " + a.iterations());
        assertEquals(b.iterations(), a.iterations());
        assertArrayEquals(b.sizes(), a.sizes());
        assertArrayEquals(b.cancelled(), a.cancelled());
        assertArrayEquals(plain, bounded);
        for (int i = 0; i < a.centres().length; i++) {
            if (!Float.isNaN(b.centres()[i])) {
                assertEquals(b.centres()[i], a.centres()[i], 1e-5, "centre value " + i);
            }
        }
    }

    @Test
    void cancellationIsHonoured() {
        Blobs data = blobs(new int[] {100, 100}, 3);
        RunMonitor cancelled = new RunMonitor() {
            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        try (CpuBackend backend = new CpuBackend(1)) {
            assertThrows(RunCancelledException.class, () -> new PooledLloyd(IikmcOptions.defaults(3), backend)
                    .run(data.blocks, 3, data.labels, cancelled));
        }
    }

    @Test
    void benchWritesThePixelsItTimesAndRunsEveryIteration(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pixels.f32");
        IikmcBench.Times t = IikmcBench.measure(20_000, 6, 8, 1, file);
        assertEquals(IikmcBench.ITERATIONS, t.iterations(), "uniform pixels must not converge within the timed run");
        assertTrue(t.firstIteration() > 0 && t.scalarPerIteration() > 0 && Double.isFinite(t.perIteration()));
        // The file holds the pixels the bench clustered: 20 000 × 6 little-endian floats, uniform
        // in [0.02, 0.5).
        java.nio.FloatBuffer f = java.nio.ByteBuffer.wrap(Files.readAllBytes(file))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        assertEquals(20_000 * 6, f.remaining());
        double mean = 0;
        while (f.hasRemaining()) {
            float v = f.get();
            assertTrue(v >= 0.02f && v < 0.5f, "value " + v);
            mean += v / (20_000 * 6);
        }
        assertEquals(0.26, mean, 0.005);
    }

    @Test
    void benchConvergenceRunSettlesOnClusteredPixels(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pixels.f32");
        IikmcBench.Convergence c = IikmcBench.converge(20_000, 6, 8, 1, file);
        assertTrue(c.iterations() > 1 && c.iterations() < IikmcBench.MAX_CONVERGE, c.iterations() + " iterations");
        assertTrue(c.seconds() > 0);
        assertEquals(20_000L * 6 * Float.BYTES, Files.size(file));
    }

    /** Three Gaussian blobs (sd 1) at 0, 10 and 20 in every band, rows shuffled across blocks. */
    private static Blobs blobs(int[] sizes, long seed) {
        Random r = new Random(seed);
        Blobs d = new Blobs();
        d.blocks = new float[sizes.length][];
        d.truth = new int[sizes.length][];
        d.labels = new byte[sizes.length][];
        double[] sums = new double[9];
        long[] counts = new long[3];
        for (int b = 0; b < sizes.length; b++) {
            int n = sizes[b];
            d.blocks[b] = new float[n * 3];
            d.truth[b] = new int[n];
            d.labels[b] = new byte[n];
            for (int i = 0; i < n; i++) {
                int t = r.nextInt(3);
                d.truth[b][i] = t;
                counts[t]++;
                for (int j = 0; j < 3; j++) {
                    float v = (float) (10 * t + r.nextGaussian());
                    d.blocks[b][i * 3 + j] = v;
                    sums[t * 3 + j] += v;
                }
            }
        }
        d.means = new double[9];
        for (int i = 0; i < 9; i++) {
            d.means[i] = sums[i] / counts[i / 3];
        }
        return d;
    }

    private static final class Blobs {
        float[][] blocks;
        int[][] truth;
        byte[][] labels;
        double[] means;
    }
}
