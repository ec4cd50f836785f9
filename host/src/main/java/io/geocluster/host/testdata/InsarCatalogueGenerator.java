package io.geocluster.host.testdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Seeded, streaming generator of a synthetic InSAR point catalogue (EGMS style) with a known
 * deformation regime per point, written as GeoPackage and/or CSV.
 *
 * <p><b>Content:</b> points in a 10 km square of EPSG:3035 in Telemark, southern Norway (easting
 * 4 250 000–4 260 000, northing 4 050 000–4 060 000), uniform background plus four denser "urban"
 * clusters. Sixteen seeded region centres cut the square into Voronoi patches; each patch has one
 * of five regimes, stored as {@code truth}: 0 stable, 1 linear subsidence, 2 seasonal, 3
 * accelerating slope, 4 noisy low coherence. Columns follow EGMS naming: {@code pid}, (CSV only:
 * {@code easting, northing, latitude, longitude}), {@code height, mean_velocity,
 * temporal_coherence, amplitude_dispersion, incidence_angle, track_angle}, one displacement column
 * per date named {@code yyyymmdd} (mm, the first date is the reference and all zeros), {@code
 * truth}. {@code test-data/README.md} gives every parameter.
 *
 * <p><b>Reproducibility:</b> the same options give the same CSV bytes and the same GeoPackage rows
 * on any platform; point {@code i} does not depend on the number of points, so a small catalogue is
 * a prefix of a large one with the same seed.
 *
 * <p><b>Memory:</b> one row at a time; heap use does not grow with the number of points.
 */
public final class InsarCatalogueGenerator {
    /** Name of the GeoPackage feature table. */
    public static final String TABLE_NAME = "insar_points";
    /** Name of the GeoPackage geometry column. */
    public static final String GEOMETRY_COLUMN = "geom";
    /** Name of the GeoPackage integer primary key, 1..N in generation order. */
    public static final String ID_COLUMN = "fid";
    /** EPSG code of the coordinates (ETRS89-extended / LAEA Europe, as EGMS). */
    public static final int SRS_ID = 3035;
    /** Most acquisition dates accepted: keeps the table well below SQLite's 2000-column limit. */
    public static final int MAX_DATES = 1000;

    private InsarCatalogueGenerator() {
    }

    /**
     * What to generate: number of points, number of acquisition dates, random seed and a noise
     * multiplier (1 = nominal noise of 1–2 mm, 5.5–6.5 mm for the noisy regime; 0 = noise-free).
     *
     * @param points number of points, at least 1
     * @param dates number of acquisition dates, 2 to {@link #MAX_DATES}
     * @param seed random seed; the whole catalogue is a function of the options
     * @param noise multiplier of every noise term, finite and not negative
     */
    public record Options(long points, int dates, long seed, double noise) {
        /** Validates the options; messages name the offending parameter. */
        public Options {
            if (points < 1) {
                throw new IllegalArgumentException("points must be at least 1, got " + points);
            }
            if (dates < 2 || dates > MAX_DATES) {
                throw new IllegalArgumentException("dates must be in 2.." + MAX_DATES + ", got " + dates);
            }
            if (!(noise >= 0) || Double.isInfinite(noise)) {
                throw new IllegalArgumentException("noise must be a finite number >= 0, got " + noise);
            }
        }

        /** Options with the nominal noise (multiplier 1). */
        public Options(long points, int dates, long seed) {
            this(points, dates, seed, 1.0);
        }
    }

    /**
     * Acquisition dates of a catalogue with {@code dates} dates: 2018-01-04 first (the reference
     * date), then a constant spacing, the multiple of 6 days (Sentinel-1's repeat) that brings the
     * span closest to five years: 30 days for 60 dates (to 2022-11-09), 168 days for 12.
     */
    public static List<LocalDate> acquisitionDates(int dates) {
        if (dates < 1) {
            throw new IllegalArgumentException("dates must be at least 1, got " + dates);
        }
        return List.of(CatalogueModel.acquisitionDates(dates));
    }

    /**
     * Generates the catalogue and writes it in one pass to a GeoPackage, a CSV, or both.
     *
     * <p>Each file is written beside its target under a temporary name and moved over the target
     * (replacing it) only when complete.
     *
     * @param options what to generate
     * @param gpkgOrNull GeoPackage to write, or null
     * @param csvOrNull CSV file to write, or null
     * @throws IllegalArgumentException if both paths are null or name the same file
     * @throws IOException if a file cannot be written; no partial file is left behind
     */
    public static void write(Options options, Path gpkgOrNull, Path csvOrNull) throws IOException {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        if (gpkgOrNull == null && csvOrNull == null) {
            throw new IllegalArgumentException("at least one output (gpkg or csv) is required");
        }
        if (gpkgOrNull != null && csvOrNull != null
                && gpkgOrNull.toAbsolutePath().normalize().equals(csvOrNull.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("gpkg and csv must be different files: " + gpkgOrNull);
        }
        for (Path p : new Path[] {gpkgOrNull, csvOrNull}) {
            if (p == null) {
                continue;
            }
            // Fail before a long generation rather than at the final move.
            if (Files.isDirectory(p)) {
                throw new IOException("cannot write " + p + ": it is a directory");
            }
            Path parent = p.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        }
        CatalogueModel model = new CatalogueModel(options.seed(), options.dates(), options.noise());
        CatalogueRow row = new CatalogueRow(options.dates());
        try (CatalogueSink csv = csvOrNull == null ? null : new CsvCatalogueWriter(csvOrNull, model.acquisitionDates);
                CatalogueSink gpkg = gpkgOrNull == null ? null
                        : new GeoPackageCatalogueWriter(gpkgOrNull, model.acquisitionDates)) {
            for (long i = 0; i < options.points(); i++) {
                model.fill(i, row);
                if (csv != null) {
                    csv.accept(row);
                }
                if (gpkg != null) {
                    gpkg.accept(row);
                }
            }
            // Both files complete before either is published, so a failure while generating or
            // completing leaves neither behind.
            if (csv != null) {
                csv.finish();
            }
            if (gpkg != null) {
                gpkg.finish();
            }
            if (csv != null) {
                csv.publish();
            }
            if (gpkg != null) {
                gpkg.publish();
            }
        }
    }

    /**
     * Command line: {@code --points N --dates D --seed S [--noise X] [--gpkg PATH] [--csv PATH]};
     * at least one of the outputs. Exit status 0 on success, 1 on I/O failure, 2 on bad input.
     */
    public static void main(String[] args) {
        GeneratorMain.main(args, InsarCatalogueGenerator::run, usage());
    }

    private static int run(String[] args) throws IOException {
        long points = 20_000;
        int dates = 60;
        long seed = 42;
        double noise = 1;
        Path gpkg = null;
        Path csv = null;
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
                case "--points" -> points = parseLong(name, value);
                case "--dates" -> dates = parseInt(name, value);
                case "--seed" -> seed = parseLong(name, value);
                case "--noise" -> noise = parseDouble(name, value);
                case "--gpkg" -> gpkg = Path.of(value);
                case "--csv" -> csv = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        Options options = new Options(points, dates, seed, noise);
        long start = System.nanoTime();
        write(options, gpkg, csv);
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "wrote %d points x %d dates (seed %d, noise %s) in %.1f s", points, dates, seed, noise, seconds));
        for (Path p : new Path[] {gpkg, csv}) {
            if (p != null) {
                report.append(String.format(Locale.ROOT, "%n  %s  %.1f MB", p, Files.size(p) / 1e6));
            }
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

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'", e);
        }
    }

    private static double parseDouble(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'", e);
        }
    }

    private static String usage() {
        return "Usage: java " + InsarCatalogueGenerator.class.getName()
                + " --points N --dates D --seed S [--noise X] [--gpkg PATH] [--csv PATH]\n"
                + "  Defaults: --points 20000 --dates 60 --seed 42 --noise 1; at least one of --gpkg, --csv.\n";
    }
}
