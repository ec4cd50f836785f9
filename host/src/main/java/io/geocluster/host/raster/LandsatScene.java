package io.geocluster.host.raster;

import io.geocluster.plugin.raster.QaMask;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Landsat Collection 2 Level-2 scene folder ({@code <product_id>_SR_B2.TIF} …, {@code _QA_PIXEL.TIF},
 * optional {@code _SR_QA_AEROSOL.TIF} and {@code _MTL.txt}/{@code _MTL.json}), read as masked surface
 * reflectance a block of rows at a time.
 *
 * <p>Not thread-safe: NGA's directories cache the last decoded strip and this class reuses scratch
 * buffers between calls. Open one instance per thread.
 */
public final class LandsatScene {

    /** The IIkMC default bands, DESIGN.md §3. */
    public static final List<String> DEFAULT_BANDS = List.of("SR_B2", "SR_B3", "SR_B4", "SR_B5", "SR_B6", "SR_B7");
    /** Collection 2 Level-2 surface reflectance scale, used when no MTL gives one (DESIGN.md §5). */
    public static final double C2_L2_MULT = 2.75e-5;
    /** Collection 2 Level-2 surface reflectance offset, used when no MTL gives one. */
    public static final double C2_L2_ADD = -0.2;

    private static final Pattern SCENE_FILE =
            Pattern.compile("(.+)_(SR_B\\d+|QA_PIXEL|SR_QA_AEROSOL)\\.TIF", Pattern.CASE_INSENSITIVE);
    private static final Pattern BAND_NAME = Pattern.compile("(?:SR_)?B(\\d+)", Pattern.CASE_INSENSITIVE);
    /** The L2 group holds the SR coefficients; the L1 group holds TOA ones under the same key names. */
    private static final String L2_GROUP = "LEVEL2_SURFACE_REFLECTANCE_PARAMETERS";
    private static final String L1_GROUP = "LEVEL1_RADIOMETRIC_RESCALING";

    private final Path folder;
    private final String productId;
    private final List<String> bandNames;
    private final List<GeoTiffBand> bands;
    private final GeoTiffBand qaPixel;
    private final GeoTiffBand qaAerosol;
    private final Path mtl;
    private final double[] mult;
    private final double[] add;
    private short[][] scratch = new short[0][];

    private LandsatScene(Path folder, String productId, List<String> bandNames, List<GeoTiffBand> bands,
                         GeoTiffBand qaPixel, GeoTiffBand qaAerosol, Path mtl, double[] mult, double[] add) {
        this.folder = folder;
        this.productId = productId;
        this.bandNames = bandNames;
        this.bands = bands;
        this.qaPixel = qaPixel;
        this.qaAerosol = qaAerosol;
        this.mtl = mtl;
        this.mult = mult;
        this.add = add;
    }

    /**
     * Opens a scene folder.
     *
     * @param bands band names such as {@code SR_B2} (or {@code B2}); {@code null} or empty gives
     *        {@link #DEFAULT_BANDS}
     * @throws FileNotFoundException when the folder, a requested band or QA_PIXEL is missing (the
     *         message names the expected file)
     * @throws IllegalArgumentException when the folder holds no or several product ids, a band name is
     *         not {@code SR_Bn}, bands differ in size or grid, or the MTL cannot be parsed
     */
    public static LandsatScene open(Path folder, List<String> bands) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new FileNotFoundException("Landsat scene folder not found: " + folder.toAbsolutePath());
        }
        List<String> names = normalise(bands == null || bands.isEmpty() ? DEFAULT_BANDS : bands);
        String productId = productId(folder);

        List<GeoTiffBand> opened = new ArrayList<>();
        for (String name : names) {
            opened.add(GeoTiffBand.open(require(folder, productId, name)));
        }
        GeoTiffBand qa = GeoTiffBand.open(require(folder, productId, "QA_PIXEL"));
        Path aerosolPath = find(folder, productId + "_SR_QA_AEROSOL");
        GeoTiffBand aerosol = aerosolPath == null ? null : GeoTiffBand.open(aerosolPath);

        // Pixels are combined band by band at the same index, so every file must share one grid.
        GeoTiffGrid ref = opened.get(0).grid();
        for (int i = 1; i < opened.size(); i++) {
            checkGrid(names.get(0), ref, names.get(i), opened.get(i).grid());
        }
        checkGrid(names.get(0), ref, "QA_PIXEL", qa.grid());
        if (aerosol != null) {
            checkGrid(names.get(0), ref, "SR_QA_AEROSOL", aerosol.grid());
        }

        Path mtl = find(folder, productId + "_MTL", ".txt");
        if (mtl == null) {
            mtl = find(folder, productId + "_MTL", ".json");
        }
        Map<Integer, double[]> coeffs = mtl == null ? Map.of() : readMtl(mtl);
        double[] mult = new double[names.size()];
        double[] add = new double[names.size()];
        for (int b = 0; b < names.size(); b++) {
            double[] c = coeffs.get(bandNumber(names.get(b)));
            // Only a complete pair is trusted; a lone MULT or ADD falls back to the C2 L2 constants.
            boolean ok = c != null && !Double.isNaN(c[0]) && !Double.isNaN(c[1]);
            mult[b] = ok ? c[0] : C2_L2_MULT;
            add[b] = ok ? c[1] : C2_L2_ADD;
        }
        return new LandsatScene(folder, productId, List.copyOf(names), List.copyOf(opened), qa, aerosol, mtl,
                mult, add);
    }

    /** The folder the scene was opened from. */
    public Path folder() {
        return folder;
    }

    /** The product id shared by the scene's files, e.g. {@code LC08_L2SP_199026_20200801_20200807_02_T1}. */
    public String productId() {
        return productId;
    }

    /** The grid of the first band, which every band and QA file shares. */
    public GeoTiffGrid grid() {
        return bands.get(0).grid();
    }

    /** The band names read, in order ({@code SR_Bn}). */
    public List<String> bands() {
        return bandNames;
    }

    /** Whether the folder holds an SR_QA_AEROSOL file. */
    public boolean hasAerosol() {
        return qaAerosol != null;
    }

    /** The MTL file the coefficients came from, if any. */
    public Optional<Path> mtl() {
        return Optional.ofNullable(mtl);
    }

    /** Reflectance scale of band {@code b} (index into {@link #bands()}). */
    public double mult(int b) {
        return mult[b];
    }

    /** Reflectance offset of band {@code b} (index into {@link #bands()}). */
    public double add(int b) {
        return add[b];
    }

    /** Rows per strip or tile of the first band: reading in multiples of this decodes each block once. */
    public int blockHeight() {
        return bands.get(0).blockHeight();
    }

    /**
     * Reads rows {@code [firstRow, firstRow + rowCount)} of every band and the QA bands.
     *
     * <p>{@code reflectance} is filled pixel-interleaved, index {@code (row * width + col) * bands + b}
     * with row relative to {@code firstRow}; {@code valid} at {@code row * width + col}. A pixel is
     * invalid when any band has the fill DN 0 or the mask selects a set QA bit; invalid pixels get NaN
     * so a caller that forgets {@code valid} fails loudly rather than clustering fill.
     *
     * @return the number of valid pixels in the window
     * @throws IllegalArgumentException when the mask uses QA_AEROSOL bits but the scene has no aerosol
     *         file, or the arrays are too small
     */
    public int readRows(int firstRow, int rowCount, QaMask mask, float[] reflectance, boolean[] valid) {
        int width = grid().width();
        int nb = bands.size();
        long pixels = (long) rowCount * width;
        if (mask.usesAerosol() && qaAerosol == null) {
            throw new IllegalArgumentException("mask " + mask + " needs " + productId
                    + "_SR_QA_AEROSOL.TIF, which is not in " + folder);
        }
        if (valid.length < pixels || reflectance.length < pixels * nb) {
            throw new IllegalArgumentException("buffers of " + reflectance.length + " reflectances and "
                    + valid.length + " flags are too small for " + rowCount + " rows of " + width + " pixels x "
                    + nb + " bands");
        }
        int n = (int) pixels;
        short[][] dn = scratch(nb + 2, n);
        for (int b = 0; b < nb; b++) {
            bands.get(b).readRows(firstRow, rowCount, dn[b]);
        }
        short[] qa = dn[nb];
        qaPixel.readRows(firstRow, rowCount, qa);
        short[] aero = null;
        if (mask.usesAerosol()) {
            aero = dn[nb + 1];
            qaAerosol.readRows(firstRow, rowCount, aero);
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            boolean ok = !mask.masked(qa[i] & 0xFFFF, aero == null ? 0 : aero[i] & 0xFFFF);
            for (int b = 0; ok && b < nb; b++) {
                ok = dn[b][i] != 0;
            }
            valid[i] = ok;
            int base = i * nb;
            if (ok) {
                count++;
                for (int b = 0; b < nb; b++) {
                    reflectance[base + b] = (float) ((dn[b][i] & 0xFFFF) * mult[b] + add[b]);
                }
            } else {
                for (int b = 0; b < nb; b++) {
                    reflectance[base + b] = Float.NaN;
                }
            }
        }
        return count;
    }

    private short[][] scratch(int arrays, int n) {
        if (scratch.length != arrays || scratch[0].length < n) {
            scratch = new short[arrays][n];
        }
        return scratch;
    }

    private static List<String> normalise(List<String> bands) {
        List<String> out = new ArrayList<>();
        for (String b : bands) {
            Matcher m = BAND_NAME.matcher(b.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("band '" + b + "' is not a Collection 2 Level-2 surface "
                        + "reflectance band; use SR_B1..SR_B7");
            }
            String name = "SR_B" + Integer.parseInt(m.group(1));
            if (out.contains(name)) {
                throw new IllegalArgumentException("band " + name + " requested twice");
            }
            out.add(name);
        }
        return out;
    }

    private static int bandNumber(String name) {
        return Integer.parseInt(name.substring("SR_B".length()));
    }

    /** The one prefix shared by the folder's band and QA files. */
    private static String productId(Path folder) throws IOException {
        TreeSet<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(p -> {
                Matcher m = SCENE_FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    ids.add(m.group(1));
                }
            });
        }
        if (ids.isEmpty()) {
            throw new FileNotFoundException(folder + ": no Landsat Collection 2 Level-2 files "
                    + "(<product_id>_SR_B2.TIF, <product_id>_QA_PIXEL.TIF, ...)");
        }
        if (ids.size() > 1) {
            // Mixing two products would pair bands from different dates; refuse rather than guess.
            throw new IllegalArgumentException(folder + " holds files of several products " + ids
                    + "; put one scene per folder");
        }
        return ids.first();
    }

    private static Path require(Path folder, String productId, String suffix) throws FileNotFoundException {
        Path p = find(folder, productId + "_" + suffix);
        if (p == null) {
            throw new FileNotFoundException("scene " + productId + " is missing " + productId + "_" + suffix
                    + ".TIF in " + folder);
        }
        return p;
    }

    /** Finds {@code stem.TIF} (USGS spelling) or {@code stem.tif}. */
    private static Path find(Path folder, String stem) {
        Path p = find(folder, stem, ".TIF");
        return p != null ? p : find(folder, stem, ".tif");
    }

    private static Path find(Path folder, String stem, String ext) {
        Path p = folder.resolve(stem + ext);
        if (Files.isRegularFile(p)) {
            return p;
        }
        Path alt = folder.resolve(stem + ext.toUpperCase(Locale.ROOT));
        return Files.isRegularFile(alt) ? alt : null;
    }

    private static void checkGrid(String refName, GeoTiffGrid ref, String name, GeoTiffGrid g) {
        if (g.width() != ref.width() || g.height() != ref.height()) {
            throw new IllegalArgumentException("band " + name + " is " + g.width() + "x" + g.height()
                    + " pixels but " + refName + " is " + ref.width() + "x" + ref.height()
                    + "; all bands of a scene must share one grid");
        }
        if (!g.equals(ref)) {
            throw new IllegalArgumentException("band " + name + " has grid " + g + " but " + refName + " has "
                    + ref + "; all bands of a scene must share one grid");
        }
    }

    /**
     * Band number → {mult, add} from the MTL's surface reflectance group. Both the L1 (TOA) and the
     * L2 (SR) groups use the key names {@code REFLECTANCE_MULT_BAND_n}; taking the L1 ones would scale
     * SR DNs by 2e-5/−0.1 instead of 2.75e-5/−0.2, so keys are read only from the L2 group, or from
     * outside the L1 group when the file has no groups.
     */
    static Map<Integer, double[]> readMtl(Path mtl) throws IOException {
        String text = Files.readString(mtl, StandardCharsets.UTF_8);
        boolean json = mtl.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return json ? readMtlJson(text, mtl) : readMtlText(text, mtl);
    }

    private static final Pattern MTL_LINE = Pattern.compile(
            "\\s*(GROUP|END_GROUP|REFLECTANCE_(MULT|ADD)_BAND_(\\d+))\\s*=\\s*\"?([^\"\\s]*)\"?\\s*");

    private static Map<Integer, double[]> readMtlText(String text, Path source) {
        Map<Integer, double[]> l2 = new HashMap<>();
        Map<Integer, double[]> ungrouped = new HashMap<>();
        boolean sawL2 = false;
        List<String> stack = new ArrayList<>();
        for (String line : text.split("\\R")) {
            Matcher m = MTL_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1);
            if (key.equals("GROUP")) {
                stack.add(m.group(4));
                sawL2 |= m.group(4).equals(L2_GROUP);
            } else if (key.equals("END_GROUP")) {
                if (!stack.isEmpty()) {
                    stack.remove(stack.size() - 1);
                }
            } else if (stack.contains(L2_GROUP)) {
                put(l2, m, source);
            } else if (!stack.contains(L1_GROUP)) {
                put(ungrouped, m, source);
            }
        }
        return sawL2 ? l2 : ungrouped;
    }

    private static final Pattern COEFF_KEY = Pattern.compile("REFLECTANCE_(MULT|ADD)_BAND_(\\d+)");

    /** USGS MTL JSON: the same groups as nested objects, numbers quoted as strings; read with Jackson. */
    private static Map<Integer, double[]> readMtlJson(String text, Path source) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException("Cannot read " + source + " as JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode l2 = root.findValue(L2_GROUP);
        if (l2 == null && root.findValue(L1_GROUP) != null) {
            // Without an L2 group the only coefficients present are TOA ones: use the constants.
            return Map.of();
        }
        Map<Integer, double[]> out = new HashMap<>();
        collect(l2 != null ? l2 : root, out, source);
        return out;
    }

    private static void collect(JsonNode node, Map<Integer, double[]> out, Path source) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Matcher m = COEFF_KEY.matcher(field.getKey());
            if (m.matches() && field.getValue().isValueNode()) {
                store(out, m.group(1), m.group(2), field.getValue().asText(), source);
            } else if (field.getValue().isObject() && !field.getKey().equals(L1_GROUP)) {
                collect(field.getValue(), out, source);
            }
        }
    }

    private static void put(Map<Integer, double[]> into, Matcher m, Path source) {
        store(into, m.group(2), m.group(3), m.group(4), source);
    }

    private static void store(Map<Integer, double[]> into, String kind, String band, String value, Path source) {
        double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": REFLECTANCE_" + kind + "_BAND_" + band
                    + " is not a number: '" + value + "'", e);
        }
        double[] c = into.computeIfAbsent(Integer.parseInt(band), k -> new double[] {Double.NaN, Double.NaN});
        c[kind.equals("MULT") ? 0 : 1] = v;
    }
}
