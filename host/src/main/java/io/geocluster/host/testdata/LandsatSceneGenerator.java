package io.geocluster.host.testdata;

import io.geocluster.host.raster.GeoTiffBandWriter;
import io.geocluster.host.raster.GeoTiffGrid;
import io.geocluster.host.raster.GeoTiffLabelWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded generator of synthetic Landsat Collection 2 Level-2 scenes with a land-cover truth raster,
 * the test data of {@code cluster:IIkMC} (issue 4, DESIGN.md §3 and §5).
 *
 * <p><b>Files</b>, one folder per scene named by its product id (e.g.
 * {@code LC08_L2SP_198018_20220615_20220623_02_T1}): {@code <id>_SR_B2.TIF} … {@code <id>_SR_B7.TIF}
 * (uint16 DN, deflate, nodata 0), {@code <id>_QA_PIXEL.TIF} (uint16, nodata 1),
 * {@code <id>_SR_QA_AEROSOL.TIF} (uint8), {@code <id>_MTL.txt} (L2 surface reflectance coefficients
 * 2.75E-05 / -0.2 and, after them as in USGS files, a LEVEL1 group with TOA coefficients 2.0E-05 /
 * -0.1 under the same key names) and {@code <id>_TRUTH.TIF} (uint8 class 0..5, 255 where the default
 * QA mask or fill removes the pixel).
 *
 * <p><b>Grids:</b> 30 m pixels, scenes 0 and 1 in EPSG:32632 with origins that do not share a grid,
 * scene 2 in EPSG:32633; further scenes alternate zones.
 *
 * <p><b>Content:</b> Voronoi land-cover patches (lightly warped; one seed per class in a 3 x 2 layout, then random seeds) of the six {@link #CLASS_NAMES} with
 * the reflectances of {@link #signature(int)}, a per-scene illumination gain (±8 %), offset (±0.01)
 * and band jitter (±2 %), Gaussian pixel noise, a fill border on one or two sides, cloud blobs with a
 * 3-pixel dilated-cloud ring and their shadows, flagged in QA_PIXEL as USGS does, and QA_AEROSOL bits
 * 3 and 5 set at random on about 20 % of clear pixels (they are not clouds). {@code test-data/landsat/README.md}
 * lists every value.
 *
 * <p><b>Reproducibility:</b> the same options give the same pixels (and, on one JDK, the same bytes);
 * it uses {@link java.util.Random} and {@link StrictMath} only.
 */
public final class LandsatSceneGenerator {

    /** Bands written, in order. */
    public static final List<String> BANDS = List.of("SR_B2", "SR_B3", "SR_B4", "SR_B5", "SR_B6", "SR_B7");
    /** Truth class names, index = class id. */
    public static final List<String> CLASS_NAMES =
            List.of("water", "forest", "cropland", "bare_soil", "urban", "snow");
    /** Truth value of fill, cloud, dilated-cloud and shadow pixels. */
    public static final int TRUTH_NODATA = GeoTiffLabelWriter.NODATA;
    /** Collection 2 Level-2 surface reflectance scale and offset. */
    public static final double MULT = 2.75e-5;
    public static final double ADD = -0.2;
    /** Pixel size in metres. */
    public static final double PIXEL_SIZE = 30.0;

    /** Surface reflectance of each class in B2..B7 (blue, green, red, NIR, SWIR1, SWIR2). */
    private static final double[][] SIGNATURES = {
        {0.050, 0.045, 0.030, 0.015, 0.008, 0.005}, // water: dark, falling into the NIR
        {0.025, 0.045, 0.025, 0.300, 0.150, 0.070}, // forest: red edge, dark SWIR
        {0.045, 0.085, 0.055, 0.420, 0.260, 0.130}, // cropland: strong red edge, brighter
        {0.100, 0.140, 0.180, 0.240, 0.300, 0.260}, // bare soil: rising to the SWIR
        {0.120, 0.120, 0.130, 0.160, 0.170, 0.150}, // urban: flat, grey
        {0.850, 0.830, 0.800, 0.700, 0.080, 0.060}, // snow: bright VNIR, dark SWIR
    };
    /** Reflectance of thick cloud in B2..B7. */
    private static final double[] CLOUD = {0.55, 0.54, 0.55, 0.58, 0.45, 0.33};

    // QA_PIXEL bits (DESIGN.md §5).
    static final int QA_FILL = 1;
    static final int QA_DILATED = 1 << 1;
    static final int QA_CLOUD = 1 << 3;
    static final int QA_SHADOW = 1 << 4;
    static final int QA_SNOW = 1 << 5;
    static final int QA_CLEAR = 1 << 6;
    static final int QA_WATER = 1 << 7;
    /** Low confidence (01) of cloud, shadow, snow and cirrus: the background of every non-fill pixel. */
    static final int QA_LOW_CONF = (1 << 8) | (1 << 10) | (1 << 12) | (1 << 14);
    // SR_QA_AEROSOL bits.
    static final int AE_FILL = 1;
    static final int AE_VALID = 1 << 1;
    static final int AE_WATER = 1 << 2;
    static final int AE_UNUSED3 = 1 << 3;
    static final int AE_INTERPOLATED = 1 << 5;
    static final int AE_LEVEL_LOW = 1 << 6;
    static final int AE_LEVEL_HIGH = 3 << 6;

    private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;

    private LandsatSceneGenerator() {
    }

    /**
     * What to generate.
     *
     * @param scenes number of scenes, 1..50
     * @param size width and height in pixels, 64..4096
     * @param seed random seed; every pixel is a function of the options
     */
    public record Options(int scenes, int size, long seed) {
        /** Validates the options; messages name the offending parameter. */
        public Options {
            if (scenes < 1 || scenes > 50) {
                throw new IllegalArgumentException("scenes must be in 1..50, got " + scenes);
            }
            if (size < 64 || size > 4096) {
                throw new IllegalArgumentException("size must be in 64..4096, got " + size);
            }
        }

        /** The test-data defaults: 3 scenes of 256 x 256, seed 42. */
        public static Options defaults() {
            return new Options(3, 256, 42);
        }
    }

    /** Description of scene {@code i}: product id, CRS and upper-left corner. */
    public record SceneInfo(String productId, int epsg, double originX, double originY, LocalDate acquired,
                            String spacecraft, int wrsPath, int wrsRow) {
        /** The grid of a {@code size x size} scene. */
        public GeoTiffGrid grid(int size) {
            return new GeoTiffGrid(size, size, epsg, originX, PIXEL_SIZE, originY, -PIXEL_SIZE);
        }
    }

    /** Reflectance of class {@code cls} in B2..B7 before illumination and noise (a copy). */
    public static double[] signature(int cls) {
        return SIGNATURES[cls].clone();
    }

    /** Scene {@code i}'s product id, CRS and origin (independent of seed and size). */
    public static SceneInfo scene(int i) {
        return switch (i) {
            case 0 -> info("LC08", 198, 18, LocalDate.of(2022, 6, 15), 32632, 450_015, 6_990_015);
            case 1 -> info("LC09", 197, 18, LocalDate.of(2022, 8, 2), 32632, 455_000, 6_985_000);
            case 2 -> info("LC08", 196, 18, LocalDate.of(2022, 9, 12), 32633, 320_010, 6_962_020);
            default -> info(i % 2 == 0 ? "LC08" : "LC09", 198 - i % 3, 17 + i / 3,
                    LocalDate.of(2021, 5, 1).plusDays(16L * i), i % 2 == 0 ? 32632 : 32633,
                    400_000 + 1_005.0 * i, 7_000_000 - 995.0 * i);
        };
    }

    private static SceneInfo info(String craft, int path, int row, LocalDate date, int epsg, double x, double y) {
        LocalDate processed = date.plusDays(8);
        String id = String.format(Locale.ROOT, "%s_L2SP_%03d%03d_%s_%s_02_T1", craft, path, row,
                date.format(YMD), processed.format(YMD));
        return new SceneInfo(id, epsg, x, y, date, craft.equals("LC08") ? "LANDSAT_8" : "LANDSAT_9", path, row);
    }

    /** Writes {@code options.scenes()} scene folders under {@code folder}, replacing files of the same names. */
    public static void write(Path folder, Options options) throws IOException {
        for (int i = 0; i < options.scenes(); i++) {
            writeScene(folder, options, i);
        }
    }

    /** The folders {@link #write} creates under {@code folder}. */
    public static List<Path> sceneFolders(Path folder, Options options) {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < options.scenes(); i++) {
            out.add(folder.resolve(scene(i).productId()));
        }
        return out;
    }

    private static void writeScene(Path root, Options options, int index) throws IOException {
        SceneInfo info = scene(index);
        int size = options.size();
        int n = size * size;
        Random rng = new Random(options.seed() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (index + 1));

        // Illumination of this scene.
        double gain = 1 + uniform(rng, -0.08, 0.08);
        double offset = uniform(rng, -0.01, 0.01);
        double[] jitter = new double[BANDS.size()];
        for (int b = 0; b < jitter.length; b++) {
            jitter[b] = 1 + uniform(rng, -0.02, 0.02);
        }

        // Land cover: warped Voronoi patches; the first six seeds carry every class once.
        int seeds = Math.max(12, n / 2048);
        double[] sx = new double[seeds];
        double[] sy = new double[seeds];
        int[] sc = new int[seeds];
        int classes = CLASS_NAMES.size();
        int[] cells = new int[classes];
        for (int c = 0; c < classes; c++) {
            int j = rng.nextInt(c + 1); // Fisher-Yates, inside-out: a per-scene layout of the classes
            cells[c] = cells[j];
            cells[j] = c;
        }
        for (int s = 0; s < seeds; s++) {
            if (s < classes) {
                // One seed per class in the cells of a 3 x 2 layout, so every class has a sizeable patch.
                int cell = cells[s];
                sx[s] = (cell % 3 + 0.5 + uniform(rng, -0.15, 0.15)) * size / 3;
                sy[s] = (cell / 3 + 0.5 + uniform(rng, -0.15, 0.15)) * size / 2;
                sc[s] = s;
                continue;
            }
            // Further seeds keep away from the class seeds; after 20 tries the last draw is taken.
            for (int attempt = 0; attempt < 20; attempt++) {
                sx[s] = rng.nextDouble() * size;
                sy[s] = rng.nextDouble() * size;
                if (minDistance(sx, sy, classes, sx[s], sy[s]) >= size / 8.0) {
                    break;
                }
            }
            sc[s] = rng.nextInt(classes);
        }
        double warpA = size / 40.0;
        double warpL = size / 6.0;
        double p1 = rng.nextDouble() * 2 * Math.PI;
        double p2 = rng.nextDouble() * 2 * Math.PI;

        // Fill border: one or two sides, 3..8 pixels.
        boolean[] side = new boolean[4]; // left, top, right, bottom
        side[rng.nextInt(4)] = true;
        if (rng.nextBoolean()) {
            side[rng.nextInt(4)] = true;
        }
        int border = 3 + rng.nextInt(6);

        // Clouds: 2..4 blobs of three circles each, well inside the scene; shadows cast along one direction.
        int clouds = 2 + rng.nextInt(3);
        double[][] circles = new double[clouds * 3][];
        for (int c = 0; c < clouds; c++) {
            double cx = size / 6.0 + rng.nextDouble() * size * 2 / 3;
            double cy = size / 6.0 + rng.nextDouble() * size * 2 / 3;
            double r = size / 32.0 + rng.nextDouble() * size / 24.0;
            for (int k = 0; k < 3; k++) {
                circles[c * 3 + k] = new double[] {cx + uniform(rng, -r, r) * 0.6, cy + uniform(rng, -r, r) * 0.6,
                        r * (0.6 + 0.4 * rng.nextDouble())};
            }
        }
        double shadowDx = size / 16.0 + rng.nextDouble() * size / 32.0;
        double shadowDy = size / 24.0 + rng.nextDouble() * size / 32.0;
        double ring = 3.0;

        short[][] dn = new short[BANDS.size()][n];
        short[] qa = new short[n];
        byte[] aerosol = new byte[n];
        byte[] truth = new byte[n];
        double[] refl = new double[BANDS.size()];
        int cloudy = 0;
        int notFill = 0;
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                int i = row * size + col;
                boolean fill = (side[0] && col < border) || (side[1] && row < border)
                        || (side[2] && col >= size - border) || (side[3] && row >= size - border);
                if (fill) {
                    qa[i] = QA_FILL;
                    aerosol[i] = AE_FILL;
                    truth[i] = (byte) TRUTH_NODATA;
                    continue; // DN stays 0 in every band
                }
                notFill++;
                double px = col + 0.5;
                double py = row + 0.5;
                double wx = px + warpA * StrictMath.sin(2 * Math.PI * py / warpL + p1);
                double wy = py + warpA * StrictMath.sin(2 * Math.PI * px / warpL + p2);
                int cls = sc[nearest(sx, sy, wx, wy)];
                double cloudDist = distance(circles, px, py);
                boolean cloud = cloudDist <= 0;
                boolean dilated = !cloud && cloudDist <= ring;
                boolean shadow = !cloud && !dilated && distance(circles, px - shadowDx, py - shadowDy) <= 0;

                for (int b = 0; b < refl.length; b++) {
                    double s = SIGNATURES[cls][b];
                    double r = s * gain * jitter[b] + offset + rng.nextGaussian() * (0.004 + 0.03 * s);
                    if (cloud) {
                        r = CLOUD[b] * (0.9 + 0.1 * Math.min(1, -cloudDist / 4)) + rng.nextGaussian() * 0.02;
                    } else if (dilated) {
                        r = 0.7 * r + 0.3 * CLOUD[b];
                    } else if (shadow) {
                        r = 0.35 * r;
                    }
                    refl[b] = r;
                }
                for (int b = 0; b < refl.length; b++) {
                    long v = Math.round((refl[b] - ADD) / MULT);
                    dn[b][i] = (short) Math.max(1, Math.min(65535, v));
                }

                int q = QA_LOW_CONF;
                if (cloud) {
                    q |= QA_CLOUD | (3 << 8);
                    cloudy++;
                } else if (dilated) {
                    q |= QA_DILATED;
                } else {
                    q |= QA_CLEAR; // USGS: clear = neither cloud nor dilated cloud (shadows included)
                    if (shadow) {
                        q |= QA_SHADOW | (3 << 10);
                    }
                    if (cls == 0) {
                        q |= QA_WATER;
                    } else if (cls == 5) {
                        q |= QA_SNOW | (3 << 12);
                    }
                }
                qa[i] = (short) q;

                boolean clear = !cloud && !dilated && !shadow;
                int a;
                if (clear) {
                    a = AE_VALID | AE_LEVEL_LOW | (cls == 0 ? AE_WATER : 0);
                    if (rng.nextDouble() < 0.2) {
                        int pick = rng.nextInt(3);
                        a |= pick == 0 ? AE_UNUSED3 : pick == 1 ? AE_INTERPOLATED : AE_UNUSED3 | AE_INTERPOLATED;
                    }
                } else {
                    a = AE_LEVEL_HIGH;
                }
                aerosol[i] = (byte) a;
                truth[i] = (byte) (clear ? cls : TRUTH_NODATA);
            }
        }

        Path dir = root.resolve(info.productId());
        Files.createDirectories(dir);
        GeoTiffGrid grid = info.grid(size);
        String id = info.productId();
        for (int b = 0; b < BANDS.size(); b++) {
            GeoTiffBandWriter.writeUint16(dir.resolve(id + "_" + BANDS.get(b) + ".TIF"), grid, dn[b], 0);
        }
        GeoTiffBandWriter.writeUint16(dir.resolve(id + "_QA_PIXEL.TIF"), grid, qa, QA_FILL);
        GeoTiffBandWriter.writeUint8(dir.resolve(id + "_SR_QA_AEROSOL.TIF"), grid, aerosol, null);
        GeoTiffLabelWriter.write(dir.resolve(id + "_TRUTH.TIF"), grid, truth);
        Files.writeString(dir.resolve(id + "_MTL.txt"), mtl(info, grid, 100.0 * cloudy / Math.max(1, notFill)),
                StandardCharsets.UTF_8);
    }

    private static double uniform(Random rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    private static int nearest(double[] sx, double[] sy, double x, double y) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int s = 0; s < sx.length; s++) {
            double dx = sx[s] - x;
            double dy = sy[s] - y;
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = s;
            }
        }
        return best;
    }

    private static double minDistance(double[] sx, double[] sy, int count, double x, double y) {
        double best = Double.MAX_VALUE;
        for (int s = 0; s < count; s++) {
            best = Math.min(best, StrictMath.sqrt((sx[s] - x) * (sx[s] - x) + (sy[s] - y) * (sy[s] - y)));
        }
        return best;
    }

    /** Signed distance (pixels) to the nearest circle's edge: negative inside. */
    private static double distance(double[][] circles, double x, double y) {
        double best = Double.MAX_VALUE;
        for (double[] c : circles) {
            double d = StrictMath.sqrt((x - c[0]) * (x - c[0]) + (y - c[1]) * (y - c[1])) - c[2];
            best = Math.min(best, d);
        }
        return best;
    }

    /** An ODL metadata file in the USGS Collection 2 layout, reduced to the groups a reader needs. */
    static String mtl(SceneInfo info, GeoTiffGrid grid, double cloudCover) {
        String id = info.productId();
        StringBuilder s = new StringBuilder();
        s.append("GROUP = LANDSAT_METADATA_FILE\n");
        s.append("  GROUP = PRODUCT_CONTENTS\n");
        s.append("    ORIGIN = \"Synthetic test data (geocluster LandsatSceneGenerator), not a USGS product\"\n");
        s.append("    LANDSAT_PRODUCT_ID = \"").append(id).append("\"\n");
        s.append("    PROCESSING_LEVEL = \"L2SP\"\n");
        s.append("    COLLECTION_NUMBER = 02\n");
        s.append("    COLLECTION_CATEGORY = \"T1\"\n");
        for (String band : BANDS) {
            s.append("    FILE_NAME_BAND_").append(band.substring(4)).append(" = \"").append(id).append('_')
                    .append(band).append(".TIF\"\n");
        }
        s.append("    FILE_NAME_QUALITY_L1_PIXEL = \"").append(id).append("_QA_PIXEL.TIF\"\n");
        s.append("    FILE_NAME_QUALITY_L2_AEROSOL = \"").append(id).append("_SR_QA_AEROSOL.TIF\"\n");
        s.append("    FILE_NAME_METADATA_ODL = \"").append(id).append("_MTL.txt\"\n");
        s.append("  END_GROUP = PRODUCT_CONTENTS\n");
        s.append("  GROUP = IMAGE_ATTRIBUTES\n");
        s.append("    SPACECRAFT_ID = \"").append(info.spacecraft()).append("\"\n");
        s.append("    SENSOR_ID = \"OLI_TIRS\"\n");
        s.append("    WRS_PATH = ").append(info.wrsPath()).append('\n');
        s.append("    WRS_ROW = ").append(info.wrsRow()).append('\n');
        s.append("    DATE_ACQUIRED = ").append(info.acquired()).append('\n');
        s.append(String.format(Locale.ROOT, "    CLOUD_COVER = %.2f%n", cloudCover));
        s.append("  END_GROUP = IMAGE_ATTRIBUTES\n");
        s.append("  GROUP = PROJECTION_ATTRIBUTES\n");
        s.append("    MAP_PROJECTION = \"UTM\"\n");
        s.append("    DATUM = \"WGS84\"\n");
        s.append("    ELLIPSOID = \"WGS84\"\n");
        s.append("    UTM_ZONE = ").append(info.epsg() - 32600).append('\n');
        s.append("    GRID_CELL_SIZE_REFLECTIVE = 30.00\n");
        s.append("    REFLECTIVE_LINES = ").append(grid.height()).append('\n');
        s.append("    REFLECTIVE_SAMPLES = ").append(grid.width()).append('\n');
        // USGS corners are pixel centres.
        s.append(String.format(Locale.ROOT, "    CORNER_UL_PROJECTION_X_PRODUCT = %.3f%n", grid.centreX(0)));
        s.append(String.format(Locale.ROOT, "    CORNER_UL_PROJECTION_Y_PRODUCT = %.3f%n", grid.centreY(0)));
        s.append(String.format(Locale.ROOT, "    CORNER_LR_PROJECTION_X_PRODUCT = %.3f%n",
                grid.centreX(grid.width() - 1)));
        s.append(String.format(Locale.ROOT, "    CORNER_LR_PROJECTION_Y_PRODUCT = %.3f%n",
                grid.centreY(grid.height() - 1)));
        s.append("  END_GROUP = PROJECTION_ATTRIBUTES\n");
        s.append("  GROUP = LEVEL2_SURFACE_REFLECTANCE_PARAMETERS\n");
        for (String band : BANDS) {
            s.append("    REFLECTANCE_MULT_BAND_").append(band.substring(4)).append(" = 2.75E-05\n");
        }
        for (String band : BANDS) {
            s.append("    REFLECTANCE_ADD_BAND_").append(band.substring(4)).append(" = -0.200000\n");
        }
        s.append("  END_GROUP = LEVEL2_SURFACE_REFLECTANCE_PARAMETERS\n");
        // Same key names with TOA values, after the L2 group as in USGS files: a reader taking the last
        // REFLECTANCE_MULT_BAND_n it sees gets these and scales SR wrongly.
        s.append("  GROUP = LEVEL1_RADIOMETRIC_RESCALING\n");
        for (String band : BANDS) {
            s.append("    REFLECTANCE_MULT_BAND_").append(band.substring(4)).append(" = 2.0000E-05\n");
        }
        for (String band : BANDS) {
            s.append("    REFLECTANCE_ADD_BAND_").append(band.substring(4)).append(" = -0.100000\n");
        }
        s.append("  END_GROUP = LEVEL1_RADIOMETRIC_RESCALING\n");
        s.append("END_GROUP = LANDSAT_METADATA_FILE\n");
        s.append("END\n");
        return s.toString();
    }

    /**
     * Command line: {@code --out DIR [--scenes N] [--size PX] [--seed S]} (defaults 3, 256, 42).
     * Exit status 0 on success, 1 on I/O failure, 2 on bad input.
     */
    public static void main(String[] args) {
        GeneratorMain.main(args, LandsatSceneGenerator::run, usage());
    }

    private static int run(String[] args) throws IOException {
        Options d = Options.defaults();
        int scenes = d.scenes();
        int size = d.size();
        long seed = d.seed();
        Path out = null;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            if (name.equals("--help") || name.equals("-h")) {
                System.out.print(usage());
                return 0;
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = rest.remove(0);
            switch (name) {
                case "--scenes" -> scenes = (int) parseLong(name, value);
                case "--size" -> size = (int) parseLong(name, value);
                case "--seed" -> seed = parseLong(name, value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        Options options = new Options(scenes, size, seed);
        write(out, options);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "wrote %d scenes of %d x %d (seed %d) under %s", scenes, size, size, seed, out));
        for (Path p : sceneFolders(out, options)) {
            long bytes;
            try (var files = Files.list(p)) {
                bytes = files.mapToLong(f -> f.toFile().length()).sum();
            }
            report.append(String.format(Locale.ROOT, "%n  %s  %.2f MB", p.getFileName(), bytes / 1e6));
        }
        System.out.println(report);
        return 0;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'", e);
        }
    }

    private static String usage() {
        return "Usage: java " + LandsatSceneGenerator.class.getName()
                + " --out DIR [--scenes N] [--size PX] [--seed S]\n"
                + "  Defaults: --scenes 3 --size 256 --seed 42.\n";
    }
}
