package io.geocluster.plugin.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.Backends;
import io.geocluster.engine.compute.ComputeBackend;
import io.geocluster.engine.iikmc.IikmcResult;
import io.geocluster.engine.iikmc.PooledLloyd;
import io.geocluster.engine.iikmc.PooledPixels;
import io.geocluster.engine.stats.ClusterProfileAccumulator;
import io.geocluster.engine.stats.ClusterProfiles;
import io.geocluster.plugin.output.ClusterStyles;
import io.geocluster.plugin.output.Palette;
import io.geocluster.plugin.output.SpectralChart;
import io.geocluster.plugin.spi.PublishedLayer;
import io.geocluster.plugin.spi.RasterSink;
import io.geocluster.plugin.spi.RasterWriter;
import io.geocluster.plugin.spi.SceneSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The work of {@code cluster:IIkMC} (inter-image k-means, Han and Lee 2024): pools the valid
 * pixels of several scenes, clusters them together with Lloyd iterations from min-max centres,
 * and publishes one label raster per scene on the scene's own grid, a raster style, a JSON
 * summary and a spectral-signature chart.
 *
 * <p><b>Memory:</b> pixels are pooled into {@link PooledPixels}, which keeps chunks on the heap up
 * to a budget and spills the rest to memory-mapped files in the scratch folder; labels are one
 * byte per pixel in the same chunks. Where each valid pixel sits is kept as one bit per scene
 * pixel, so placing labels back needs no per-pixel index. A label raster is assembled for one
 * scene at a time. A series of 10^9 pixels of 6 bands thus needs about 24 GB of scratch disk,
 * 1 GB of mapped labels and 125 MB of validity bits.
 *
 * <p><b>Atomicity:</b> nothing is published unless every step succeeded: the raster writer is
 * committed last and discarded on any failure or cancellation; the scenes are only read.
 */
public final class IikmcJob {
    /** The process identifier, as reported in summaries. */
    public static final String PROCESS = "cluster:IIkMC";
    /** Pixels read per window, rounded to whole blocks of the scene. */
    private static final int WINDOW_PIXELS = 1 << 18;

    private final Consumer<String> log;
    private final Path scratch;
    private final long residentBytes;

    /**
     * A job that keeps pooled pixels on the heap up to 40% of the maximum heap (their values, label
     * bytes and the CPU's 4-byte bounds together).
     *
     * @param log receives informational lines (backend choice, spilling)
     * @param scratch folder for pixels beyond the memory budget; {@code null} forbids spilling
     */
    public IikmcJob(Consumer<String> log, Path scratch) {
        this(log, scratch, Runtime.getRuntime().maxMemory() / 10 * 4);
    }

    /**
     * A job with an explicit memory budget for pooled pixels on the heap, in bytes: values, one
     * label byte and the CPU's 4-byte bound per pixel.
     */
    public IikmcJob(Consumer<String> log, Path scratch, long residentBytes) {
        this.log = log;
        this.scratch = scratch;
        this.residentBytes = residentBytes;
    }

    /**
     * Runs the process.
     *
     * @param scenes the opened scenes, in the order of {@code p.scenes()}; not closed here
     * @throws IllegalArgumentException for invalid inputs (no valid pixel, k above the distinct
     *         valid values, scenes given twice, mismatched bands), with a message for the user
     * @throws io.geocluster.engine.RunCancelledException when the monitor cancels
     */
    public IikmcJobResult execute(IikmcParameters p, List<SceneSource> scenes, RasterSink sink, RunMonitor monitor)
            throws IOException {
        RunMonitor m = monitor == null ? RunMonitor.NONE : monitor;
        List<String> layerNames = layerNames(p, scenes);
        sink.checkWritable(layerNames);
        List<String> bandNames = scenes.get(0).bands();
        int bands = bandNames.size();
        List<long[]> validBits = new ArrayList<>();
        long[] validCounts = new long[scenes.size()];
        // The pool counts values only; the label byte and the bound the CPU keeps per resident
        // pixel (5 bytes) come out of the same budget, which matters most for few bands.
        long valueBudget = (long) (residentBytes * (4.0 * bands / (4.0 * bands + 5)));
        try (PooledPixels pool = new PooledPixels(bands, p.options().k(), valueBudget, scratch)) {
            for (int s = 0; s < scenes.size(); s++) {
                SceneSource scene = scenes.get(s);
                long[] bits = new long[(int) ((((long) scene.width() * scene.height()) + 63) >>> 6)];
                validCounts[s] = read(scene, pool, bits, m);
                validBits.add(bits);
            }
            if (pool.pixels() == 0) {
                throw new IllegalArgumentException("No valid pixel in any scene after masking with " + p.mask()
                        + ": every pixel is fill, masked by QA flags, or not finite.");
            }
            if (!pool.resident(pool.chunks() - 1)) {
                log.accept(String.format(Locale.ROOT, "IIkMC: %,d pooled pixels exceed the %d MiB memory budget; "
                        + "chunks beyond it are memory-mapped from %s", pool.pixels(), residentBytes >> 20, scratch));
            }
            IikmcResult result;
            String backendName;
            try (ComputeBackend backend = Backends.create(p.backend(), log)) {
                backendName = backend.name();
                result = new PooledLloyd(p.options(), backend).run(pool, m);
            }
            ClusterProfiles profiles = profiles(pool, result.k(), m);
            long[][] sizes = new long[scenes.size()][result.k()];
            List<PublishedLayer> published;
            try (RasterWriter writer = sink.create()) {
                LabelCursor cursor = new LabelCursor(pool);
                for (int s = 0; s < scenes.size(); s++) {
                    m.checkCanceled();
                    SceneSource scene = scenes.get(s);
                    writer.write(layerNames.get(s), scene, labelRaster(scene, validBits.get(s), cursor, sizes[s]));
                }
                writer.style(p.outputName(), ClusterStyles.rasterSld(p.outputName(), PROCESS + " classes", result.sizes(),
                        Palette.standard(), 1.0));
                m.checkCanceled();
                published = writer.commit();
            }
            String summary = summary(p, scenes, validCounts, result, sizes, profiles, layerNames, backendName,
                    pool.pixels());
            byte[] chart = SpectralChart.render(PROCESS + " spectral signatures", bandNames, profiles,
                    Palette.standard(), "value (reflectance for Landsat SR bands)");
            return new IikmcJobResult(published, summary, chart);
        }
    }

    private static List<String> layerNames(IikmcParameters p, List<SceneSource> scenes) {
        if (scenes.size() != p.scenes().size()) {
            throw new IllegalArgumentException(scenes.size() + " scenes opened for " + p.scenes().size() + " named");
        }
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("scenes must name at least one scene.");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SceneSource s : scenes) {
            if (!seen.add(s.name())) {
                throw new IllegalArgumentException("The scene " + s.name() + " was given twice.");
            }
            if (!s.bands().equals(scenes.get(0).bands())) {
                throw new IllegalArgumentException("Scene " + s.name() + " reads bands " + s.bands() + " but "
                        + scenes.get(0).name() + " reads " + scenes.get(0).bands() + "; every scene needs the same bands.");
            }
            names.add(p.layerName(s.name()));
        }
        return names;
    }

    /** Reads one scene window by window into the pool; returns its valid pixel count. */
    private static long read(SceneSource s, PooledPixels pool, long[] bits, RunMonitor m) throws IOException {
        int width = s.width();
        int height = s.height();
        int nb = s.bands().size();
        int block = Math.max(1, s.blockHeight());
        int rows = Math.min(height, Math.max(block, (WINDOW_PIXELS / Math.max(1, width)) / block * block));
        float[] window = new float[Math.multiplyExact(Math.multiplyExact(rows, width), nb)];
        float[] packed = new float[window.length];
        boolean[] valid = new boolean[rows * width];
        long count = 0;
        m.passStarted("reading " + s.name(), (long) width * height);
        for (int first = 0; first < height; first += rows) {
            m.checkCanceled();
            int n = Math.min(rows, height - first);
            s.readRows(first, n, window, valid);
            int v = 0;
            long base = (long) first * width;
            for (int i = 0, len = n * width; i < len; i++) {
                if (valid[i]) {
                    System.arraycopy(window, i * nb, packed, v * nb, nb);
                    long at = base + i;
                    bits[(int) (at >>> 6)] |= 1L << at;
                    v++;
                }
            }
            pool.append(packed, 0, v);
            count += v;
            m.passProgress((long) (first + n) * width); // rows of the pass done so far
        }
        m.passFinished();
        return count;
    }

    /** Mean and std of every band per class, from the final labels. */
    private static ClusterProfiles profiles(PooledPixels pool, int k, RunMonitor m) {
        ClusterProfileAccumulator acc = new ClusterProfileAccumulator(k, pool.bands());
        float[] values = new float[pool.chunkRows() * pool.bands()];
        byte[] labels = new byte[pool.chunkRows()];
        int[] ints = new int[pool.chunkRows()];
        for (int c = 0; c < pool.chunks(); c++) {
            m.checkCanceled();
            int n = pool.rows(c);
            float[] v = pool.values(c, values);
            byte[] l = pool.labels(c, labels);
            for (int i = 0; i < n; i++) {
                ints[i] = l[i] & 0xFF;
            }
            acc.add(v, pool.bands(), 0, ints, 0, n);
        }
        return acc.result();
    }

    /** The scene's full label grid: pooled labels in reading order at the valid pixels, 255 elsewhere. */
    private static byte[] labelRaster(SceneSource scene, long[] bits, LabelCursor cursor, long[] sizes) {
        long pixels = (long) scene.width() * scene.height();
        if (pixels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Scene " + scene.name() + " has " + pixels
                    + " pixels; label rasters are limited to 2^31 pixels per scene.");
        }
        byte[] out = new byte[(int) pixels];
        Arrays.fill(out, PooledLloyd.UNASSIGNED);
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                int at = (w << 6) + Long.numberOfTrailingZeros(word);
                byte label = cursor.next();
                out[at] = label;
                sizes[label & 0xFF]++;
                word &= word - 1;
            }
        }
        return out;
    }

    /** Hands out the pool's labels in pooling order, one chunk in memory at a time. */
    private static final class LabelCursor {
        private final PooledPixels pool;
        private final byte[] buffer;
        private byte[] labels;
        private int chunk = -1;
        private int at;
        private int rows;

        LabelCursor(PooledPixels pool) {
            this.pool = pool;
            this.buffer = new byte[pool.chunkRows()];
        }

        byte next() {
            while (at == rows) {
                chunk++;
                labels = pool.labels(chunk, buffer);
                rows = pool.rows(chunk);
                at = 0;
            }
            return labels[at++];
        }
    }

    private static String summary(IikmcParameters p, List<SceneSource> scenes, long[] validCounts, IikmcResult result,
                                  long[][] sizes, ClusterProfiles profiles, List<String> layerNames, String backend,
                                  long pooled) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("process", PROCESS);
        root.put("k", p.options().k());
        root.put("maxIterations", p.options().maxIterations());
        root.put("tolerance", p.options().tolerance());
        root.put("emptyClusters", p.options().emptyClusters().name().toLowerCase(Locale.ROOT));
        root.put("backend", backend);
        List<String> bandNames = scenes.get(0).bands();
        ArrayNode bands = root.putArray("bands");
        bandNames.forEach(bands::add);
        root.put("mask", p.mask().toString());
        root.put("pooledPixels", pooled);
        root.put("iterations", result.iterations());
        root.put("converged", result.converged());
        ArrayNode changed = root.putArray("changedFraction");
        for (double v : result.changedFraction()) {
            changed.add(v);
        }
        ArrayNode classes = root.putArray("classes");
        int nb = result.bands();
        for (int c = 0; c < result.k(); c++) {
            ObjectNode cls = classes.addObject();
            cls.put("id", c);
            cls.put("cancelled", result.cancelled()[c]);
            cls.put("size", result.sizes()[c]);
            if (result.cancelled()[c]) {
                cls.putNull("centre");
                cls.putNull("std");
            } else {
                ObjectNode centre = cls.putObject("centre");
                ObjectNode std = cls.putObject("std");
                for (int j = 0; j < nb; j++) {
                    centre.put(bandNames.get(j), result.centres()[c * nb + j]);
                    std.put(bandNames.get(j), profiles.std(c, j));
                }
            }
        }
        ArrayNode out = root.putArray("scenes");
        for (int i = 0; i < scenes.size(); i++) {
            SceneSource s = scenes.get(i);
            ObjectNode o = out.addObject();
            o.put("name", s.name());
            o.put("crs", s.crs());
            o.put("width", s.width());
            o.put("height", s.height());
            o.put("validPixels", validCounts[i]);
            o.put("layer", layerNames.get(i));
            ArrayNode cs = o.putArray("classSizes");
            for (long v : sizes[i]) {
                cs.add(v);
            }
        }
        return mapper.writeValueAsString(root) + "\n";
    }
}
