package io.geocluster.host.cli;

import io.geocluster.plugin.raster.QaMask;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geocluster.engine.RunCancelledException;
import io.geocluster.engine.compute.Backends;
import io.geocluster.engine.compute.ComputeBackend;
import io.geocluster.engine.iikmc.EmptyClusterRule;
import io.geocluster.engine.iikmc.IikmcOptions;
import io.geocluster.engine.iikmc.IikmcResult;
import io.geocluster.engine.iikmc.PooledLloyd;
import io.geocluster.host.raster.GeoTiffGrid;
import io.geocluster.host.raster.GeoTiffLabelWriter;
import io.geocluster.host.raster.LandsatScene;
import io.geocluster.plugin.output.Palette;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code geocluster iikmc}: cluster:IIkMC (inter-image k-means, Han and Lee 2024) over Landsat
 * Collection 2 Level-2 scene folders, one pooled clustering so a class id means the same land
 * cover in every scene (DESIGN.md §3).
 *
 * <p>Steps: every scene is opened (headers only), the outputs are checked against
 * {@code --overwrite}, then each scene is read a window of rows at a time with the QA mask into
 * one dense float block of its valid pixels ({@code pixels × bands}, reflectance) plus an int
 * index of where each valid pixel sits in the scene; {@link PooledLloyd} clusters all blocks
 * together; one uint8 label GeoTIFF per scene on the scene's own grid (nodata 255 on masked
 * pixels), an SLD with a raster ColorMap and {@code summary.json} are written into a temporary
 * folder inside {@code --output} and moved into place only when everything succeeded.
 *
 * <p><b>Memory:</b> this first version holds the valid pixels of all scenes in memory,
 * {@code bands × 4} bytes each, plus a 4-byte index and a 1-byte label per valid pixel, and one
 * full-scene label array while writing a scene. That is fine for the test scenes and for a few
 * full Landsat scenes, but not yet for series of 10^9 pixels (which would need the blocks
 * streamed from disk or memory-mapped).
 */
final class IikmcCommand {
    static final String NAME = "iikmc";
    static final String PROCESS = "cluster:IIkMC";
    private static final Set<String> FLAGS = Set.of("help", "overwrite", "quiet");
    private static final Set<String> OPTIONS = Set.of("scenes", "bands", "mask", "k", "maxIterations", "tolerance",
            "emptyClusters", "backend", "outputName", "output");
    /** Pixels read per window (rounded to whole strips). */
    private static final int WINDOW_PIXELS = 1 << 18;

    private final PrintStream out;
    private final PrintStream err;

    IikmcCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** A scene's pooled valid pixels. */
    private record SceneData(LandsatScene scene, float[] pixels, int[] index, int count) {
    }

    int run(List<String> args) throws IOException {
        CommandLine cl = CommandLine.parse(args, FLAGS);
        if (cl.flags().contains("help")) {
            out.print(help());
            return 0;
        }
        Map<String, String> o = cl.options();
        for (String name : o.keySet()) {
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown input --" + name + "; accepted: " + String.join(", ",
                        OPTIONS.stream().sorted().toList()));
            }
        }
        String scenesArg = o.get("scenes");
        if (scenesArg == null || scenesArg.isBlank()) {
            throw new IllegalArgumentException("--scenes is required: a comma-separated list of scene folders.");
        }
        if (o.get("output") == null) {
            throw new IllegalArgumentException("--output is required: the folder the results go to.");
        }
        List<Path> folders = new ArrayList<>();
        for (String s : scenesArg.split(",")) {
            if (!s.isBlank()) {
                folders.add(Path.of(s.strip()));
            }
        }
        List<String> bands = o.get("bands") == null ? LandsatScene.DEFAULT_BANDS : splitList(o.get("bands"));
        QaMask mask = o.get("mask") == null ? QaMask.defaults() : QaMask.parse(o.get("mask"));
        IikmcOptions options = new IikmcOptions(
                intInput(o, "k", IikmcOptions.DEFAULT_K),
                intInput(o, "maxIterations", IikmcOptions.DEFAULT_MAX_ITERATIONS),
                doubleInput(o, "tolerance", IikmcOptions.DEFAULT_TOLERANCE),
                o.get("emptyClusters") == null ? EmptyClusterRule.CANCEL : EmptyClusterRule.parse(o.get("emptyClusters")));
        String outputName = o.getOrDefault("outputName", "iikmc");
        if (!outputName.matches("[A-Za-z0-9_.-]+") || outputName.startsWith(".")) {
            throw new IllegalArgumentException("outputName must be letters, digits, '_', '-' or '.', got '"
                    + outputName + "'");
        }
        String backendName = o.getOrDefault("backend", "auto");
        if (!backendName.equalsIgnoreCase("auto") && !backendName.equalsIgnoreCase("cpu")) {
            throw new IllegalArgumentException("backend must be auto or cpu, got '" + backendName + "'");
        }
        Path outputDir = Path.of(o.get("output")).toAbsolutePath().normalize();
        boolean overwrite = cl.flags().contains("overwrite");
        boolean quiet = cl.flags().contains("quiet");

        // Open every scene (headers only) so missing folders and bands fail before any work.
        List<LandsatScene> scenes = new ArrayList<>();
        for (Path f : folders) {
            scenes.add(LandsatScene.open(f, bands));
        }
        List<String> outputs = new ArrayList<>();
        for (LandsatScene s : scenes) {
            String file = outputName + "_" + s.productId() + ".tif";
            if (outputs.contains(file)) {
                throw new IllegalArgumentException("scene " + s.productId() + " was given twice");
            }
            outputs.add(file);
        }
        outputs.add(outputName + ".sld");
        outputs.add("summary.json");
        for (String f : outputs) {
            Path p = outputDir.resolve(f);
            if (!overwrite && Files.exists(p)) {
                throw new IllegalArgumentException(p + " already exists; pass --overwrite to replace it.");
            }
        }

        ProgressBar progress = new ProgressBar(err, System.console() != null, quiet);
        List<SceneData> data = new ArrayList<>();
        long totalValid = 0;
        try {
            for (LandsatScene s : scenes) {
                SceneData d = read(s, mask, progress);
                data.add(d);
                totalValid += d.count;
            }
            if (totalValid == 0) {
                throw new IllegalArgumentException("no valid pixel in any scene after masking with " + mask);
            }
            int nb = scenes.get(0).bands().size();
            float[][] blocks = new float[data.size()][];
            byte[][] labels = new byte[data.size()][];
            for (int i = 0; i < data.size(); i++) {
                blocks[i] = data.get(i).pixels;
                labels[i] = new byte[data.get(i).count];
            }
            IikmcResult result;
            try (ComputeBackend backend = Backends.create(backendName, line -> {
                if (!quiet) {
                    err.println(line);
                }
            })) {
                result = new PooledLloyd(options, backend).run(blocks, nb, labels, progress);
            }
            writeOutputs(outputDir, outputName, options, mask, data, labels, result, outputs);
            out.println("IIkMC over " + data.size() + " scenes, " + String.format(Locale.ROOT, "%,d", totalValid)
                    + " valid pixels: " + result.iterations() + " iterations"
                    + (result.converged() ? ", converged" : ", stopped at maxIterations"));
            for (String f : outputs) {
                out.println("  " + outputDir.resolve(f));
            }
            return 0;
        } catch (RunCancelledException e) {
            err.println("geocluster: cancelled; nothing was written.");
            return 130;
        }
    }

    /** Reads one scene window by window into a dense block of its valid pixels. */
    private static SceneData read(LandsatScene s, QaMask mask, ProgressBar progress) {
        GeoTiffGrid g = s.grid();
        int width = g.width();
        int height = g.height();
        int nb = s.bands().size();
        int strip = Math.max(1, s.blockHeight());
        int rows = Math.max(strip, (WINDOW_PIXELS / width) / strip * strip);
        rows = Math.min(rows, height);
        float[] window = new float[rows * width * nb];
        boolean[] valid = new boolean[rows * width];
        float[] pixels = new float[Math.min(1 << 16, (int) Math.min(Integer.MAX_VALUE - 8, g.pixelCount())) * nb];
        int[] index = new int[pixels.length / nb];
        int count = 0;
        progress.passStarted("reading " + s.productId(), g.pixelCount());
        for (int first = 0; first < height; first += rows) {
            progress.checkCanceled();
            int n = Math.min(rows, height - first);
            int v = s.readRows(first, n, mask, window, valid);
            if ((long) count + v > (Integer.MAX_VALUE - 8) / nb) {
                throw new IllegalArgumentException("scene " + s.productId() + " has more valid pixels than this "
                        + "in-memory version can hold");
            }
            if (count + v > index.length) {
                int cap = (int) Math.min((Integer.MAX_VALUE - 8L) / nb, Math.max(count + v, 2L * index.length));
                index = Arrays.copyOf(index, cap);
                pixels = Arrays.copyOf(pixels, cap * nb);
            }
            int base = first * width;
            for (int i = 0, len = n * width; i < len; i++) {
                if (valid[i]) {
                    System.arraycopy(window, i * nb, pixels, count * nb, nb);
                    index[count++] = base + i;
                }
            }
            progress.passProgress((long) n * width);
        }
        progress.passFinished();
        return new SceneData(s, Arrays.copyOf(pixels, count * nb), Arrays.copyOf(index, count), count);
    }

    private void writeOutputs(Path outputDir, String outputName, IikmcOptions options, QaMask mask,
                              List<SceneData> data, byte[][] labels, IikmcResult result, List<String> outputs)
            throws IOException {
        boolean created = !Files.exists(outputDir);
        Files.createDirectories(outputDir);
        Path tmp = Files.createTempDirectory(outputDir, ".iikmc-tmp-");
        boolean moved = false;
        try {
            int k = result.k();
            long[][] sizes = new long[data.size()][k];
            for (int i = 0; i < data.size(); i++) {
                SceneData d = data.get(i);
                GeoTiffGrid g = d.scene.grid();
                byte[] full = new byte[Math.toIntExact(g.pixelCount())];
                Arrays.fill(full, (byte) GeoTiffLabelWriter.NODATA);
                byte[] l = labels[i];
                for (int p = 0; p < d.count; p++) {
                    full[d.index[p]] = l[p];
                    sizes[i][l[p] & 0xFF]++;
                }
                GeoTiffLabelWriter.write(tmp.resolve(outputs.get(i)), g, full);
            }
            Files.writeString(tmp.resolve(outputName + ".sld"), sld(outputName, result), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve("summary.json"), summary(options, mask, data, result, sizes, outputs),
                    StandardCharsets.UTF_8);
            for (String f : outputs) {
                Files.move(tmp.resolve(f), outputDir.resolve(f), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            moved = true;
        } finally {
            deleteRecursively(tmp);
            if (!moved && created) {
                try {
                    Files.deleteIfExists(outputDir);
                } catch (IOException ignored) {
                    // not empty: leave it
                }
            }
        }
    }

    /** A raster SLD with one ColorMap entry per class still in use. */
    static String sld(String name, IikmcResult result) {
        Palette palette = Palette.standard();
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<StyledLayerDescriptor version=\"1.0.0\" xmlns=\"http://www.opengis.net/sld\"")
                .append(" xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:schemaLocation=\"http://www.opengis.net/sld StyledLayerDescriptor.xsd\">\n")
                .append("  <NamedLayer>\n    <Name>").append(name).append("</Name>\n")
                .append("    <UserStyle>\n      <Title>").append(PROCESS).append(" classes</Title>\n")
                .append("      <FeatureTypeStyle>\n        <Rule>\n          <RasterSymbolizer>\n")
                .append("            <Opacity>1.0</Opacity>\n")
                .append("            <ColorMap type=\"values\">\n");
        for (int c = 0; c < result.k(); c++) {
            if (result.cancelled()[c]) {
                continue;
            }
            sb.append("              <ColorMapEntry color=\"").append(palette.hex(c)).append("\" quantity=\"")
                    .append(c).append("\" label=\"Class ").append(c).append("\"/>\n");
        }
        sb.append("            </ColorMap>\n          </RasterSymbolizer>\n        </Rule>\n")
                .append("      </FeatureTypeStyle>\n    </UserStyle>\n  </NamedLayer>\n</StyledLayerDescriptor>\n");
        return sb.toString();
    }

    private static String summary(IikmcOptions options, QaMask mask, List<SceneData> data, IikmcResult result,
                                  long[][] sizes, List<String> outputs) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("process", PROCESS);
        root.put("k", options.k());
        root.put("maxIterations", options.maxIterations());
        root.put("tolerance", options.tolerance());
        root.put("emptyClusters", options.emptyClusters().name().toLowerCase(Locale.ROOT));
        List<String> bandNames = data.get(0).scene.bands();
        ArrayNode bands = root.putArray("bands");
        bandNames.forEach(bands::add);
        root.put("mask", mask.toString());
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
            } else {
                ObjectNode centre = cls.putObject("centre");
                for (int j = 0; j < nb; j++) {
                    centre.put(bandNames.get(j), result.centres()[c * nb + j]);
                }
            }
        }
        ArrayNode scenes = root.putArray("scenes");
        for (int i = 0; i < data.size(); i++) {
            SceneData d = data.get(i);
            ObjectNode s = scenes.addObject();
            s.put("productId", d.scene.productId());
            s.put("folder", d.scene.folder().toAbsolutePath().normalize().toString());
            s.put("epsg", d.scene.grid().epsg());
            s.put("width", d.scene.grid().width());
            s.put("height", d.scene.grid().height());
            s.put("validPixels", d.count);
            s.put("output", outputs.get(i));
            ArrayNode cs = s.putArray("classSizes");
            for (long v : sizes[i]) {
                cs.add(v);
            }
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static List<String> splitList(String v) {
        List<String> r = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                r.add(s.strip());
            }
        }
        return r;
    }

    private static int intInput(Map<String, String> o, String name, int def) {
        String v = o.get(name);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    private static double doubleInput(Map<String, String> o, String name, double def) {
        String v = o.get(name);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
        }
    }

    static String help() {
        return "Usage: geocluster iikmc --scenes DIR1,DIR2,... --output DIR [--name value ...] [--overwrite] [--quiet]\n\n"
                + "cluster:IIkMC: inter-image k-means over Landsat Collection 2 Level-2 scene folders; one pooled\n"
                + "clustering so a class id means the same in every scene. Writes <outputName>_<productId>.tif per\n"
                + "scene (uint8, nodata 255, the scene's grid), <outputName>.sld and summary.json.\n\n"
                + "Inputs:\n"
                + "  --scenes          scene folders, comma-separated (required)\n"
                + "  --bands           bands (default SR_B2,SR_B3,SR_B4,SR_B5,SR_B6,SR_B7)\n"
                + "  --mask            QA mask (default " + QaMask.DEFAULT_SPEC + ")\n"
                + "  --k               number of classes, 2..255 (default 8)\n"
                + "  --maxIterations   most Lloyd iterations (default 20)\n"
                + "  --tolerance       stop when under this fraction of pixels change class (default 0.01)\n"
                + "  --emptyClusters   cancel (the paper's rule) or reseed (default cancel)\n"
                + "  --backend         auto or cpu (default auto)\n"
                + "  --outputName      prefix of the output files (default iikmc)\n"
                + "  --output          folder the results go to (required)\n"
                + "  --overwrite       replace results of an earlier run in that folder\n"
                + "  --quiet           no progress on stderr; errors are still reported\n";
    }
}
