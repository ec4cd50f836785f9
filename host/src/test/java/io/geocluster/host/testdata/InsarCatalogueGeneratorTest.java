package io.geocluster.host.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.host.testdata.InsarCatalogueGenerator.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.proj.ProjectionConstants;
import mil.nga.proj.ProjectionFactory;
import mil.nga.proj.ProjectionTransform;
import mil.nga.sf.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InsarCatalogueGeneratorTest {
    private static final int POINTS = 2000;
    private static final int DATES = 60;

    @TempDir
    Path dir;

    /** The CSV read back with a plain split: the writer never needs quoting for these values. */
    private record Csv(List<String> header, List<String[]> rows) {
        int column(String name) {
            int c = header.indexOf(name);
            assertTrue(c >= 0, "no column " + name + " in " + header);
            return c;
        }

        double value(int row, String name) {
            return Double.parseDouble(rows.get(row)[column(name)]);
        }
    }

    private Path csv(String name, long points, long seed) throws IOException {
        Path path = dir.resolve(name);
        InsarCatalogueGenerator.write(new Options(points, DATES, seed), null, path);
        return path;
    }

    private static Csv read(Path path) throws IOException {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.size(), cells.length, "cells in line: " + line);
            rows.add(cells);
        }
        return new Csv(header, rows);
    }

    @Test
    void sameSeedGivesIdenticalCsvBytes() throws IOException {
        Path a = csv("a.csv", POINTS, 7);
        Path b = csv("b.csv", POINTS, 7);
        assertEquals(-1, Files.mismatch(a, b));
        assertFalse(new String(Files.readAllBytes(a), StandardCharsets.UTF_8).contains("\r"), "LF line ends only");
    }

    @Test
    void differentSeedGivesDifferentCatalogue() throws IOException {
        Csv a = read(csv("a.csv", POINTS, 7));
        Csv b = read(csv("b.csv", POINTS, 8));
        assertEquals(a.header(), b.header());
        int differentHeights = 0;
        for (int i = 0; i < POINTS; i++) {
            if (a.value(i, "height") != b.value(i, "height")) {
                differentHeights++;
            }
        }
        assertTrue(differentHeights > POINTS * 0.95, "rows differing in height: " + differentHeights);
    }

    @Test
    void smallCatalogueIsPrefixOfLargerOne() throws IOException {
        List<String> small = Files.readAllLines(csv("small.csv", 300, 11));
        List<String> large = Files.readAllLines(csv("large.csv", POINTS, 11));
        assertEquals(small, large.subList(0, small.size()));
    }

    @Test
    void columnsFollowEgmsNamingAndDates() throws IOException {
        Csv csv = read(csv("a.csv", 10, 1));
        List<String> expected = new ArrayList<>(List.of("pid", "easting", "northing", "latitude", "longitude",
                "height", "mean_velocity", "temporal_coherence", "amplitude_dispersion", "incidence_angle",
                "track_angle"));
        for (LocalDate date : InsarCatalogueGenerator.acquisitionDates(DATES)) {
            expected.add(DateTimeFormatter.BASIC_ISO_DATE.format(date));
        }
        expected.add("truth");
        assertEquals(expected, csv.header());
        assertEquals("20180104", csv.header().get(11));
        assertEquals("20221109", csv.header().get(11 + DATES - 1)); // 30-day spacing for 60 dates
        assertEquals("N0000001", csv.rows().get(0)[0]);
        assertEquals("N000000A", csv.rows().get(9)[0]);
    }

    @Test
    void everyRegimeHoldsAtLeastEightPercentOfThePoints() throws IOException {
        for (long seed : new long[] {1, 2, 3, 42, 12345, -7}) {
            Csv csv = read(csv("s" + seed + ".csv", POINTS, seed));
            int[] counts = new int[5];
            for (String[] row : csv.rows()) {
                counts[Integer.parseInt(row[csv.column("truth")])]++;
            }
            for (int regime = 0; regime < 5; regime++) {
                assertTrue(counts[regime] >= 0.08 * POINTS,
                        "seed " + seed + ": regime " + regime + " has " + counts[regime] + " of " + POINTS);
            }
        }
    }

    @Test
    void referenceDateColumnIsAllZeros() throws IOException {
        Csv csv = read(csv("a.csv", POINTS, 5));
        int reference = csv.column("20180104");
        for (String[] row : csv.rows()) {
            assertEquals("0.0", row[reference]);
        }
    }

    @Test
    void meanVelocityIsTheLeastSquaresSlopeOfTheSeries() throws IOException {
        Csv csv = read(csv("a.csv", 200, 9));
        LocalDate first = LocalDate.of(2018, 1, 4);
        List<Integer> dateColumns = new ArrayList<>();
        List<Double> years = new ArrayList<>();
        for (int c = 0; c < csv.header().size(); c++) {
            String name = csv.header().get(c);
            if (name.matches("\\d{8}")) {
                dateColumns.add(c);
                years.add(ChronoUnit.DAYS.between(first, LocalDate.parse(name, DateTimeFormatter.BASIC_ISO_DATE))
                        / 365.25);
            }
        }
        int checked = 0;
        for (int i = 0; i < csv.rows().size(); i += 17) {
            String[] row = csv.rows().get(i);
            // Textbook slope: sum((t - mean t)(d - mean d)) / sum((t - mean t)^2).
            double meanT = 0;
            double meanD = 0;
            int n = dateColumns.size();
            for (int j = 0; j < n; j++) {
                meanT += years.get(j) / n;
                meanD += Double.parseDouble(row[dateColumns.get(j)]) / n;
            }
            double sxy = 0;
            double sxx = 0;
            for (int j = 0; j < n; j++) {
                double dt = years.get(j) - meanT;
                sxy += dt * (Double.parseDouble(row[dateColumns.get(j)]) - meanD);
                sxx += dt * dt;
            }
            assertEquals(sxy / sxx, csv.value(i, "mean_velocity"), 0.005 + 1e-9, "row " + i);
            checked++;
        }
        assertTrue(checked >= 10);
    }

    @Test
    void regimesHaveTheirDocumentedSignatures() throws IOException {
        Csv csv = read(csv("a.csv", POINTS, 42));
        String last = csv.header().get(csv.column("truth") - 1);
        for (int i = 0; i < POINTS; i++) {
            int regime = (int) csv.value(i, "truth");
            double coherence = csv.value(i, "temporal_coherence");
            double velocity = csv.value(i, "mean_velocity");
            double end = csv.value(i, last);
            if (regime == 4) {
                assertTrue(coherence < 0.6, "noisy regime coherence " + coherence);
                assertTrue(csv.value(i, "amplitude_dispersion") > 0.35);
            } else {
                assertTrue(coherence >= 0.7, "regime " + regime + " coherence " + coherence);
            }
            switch (regime) {
                case 0 -> assertTrue(Math.abs(velocity) < 2, "stable velocity " + velocity);
                case 1 -> assertTrue(velocity < -4 && velocity > -17, "subsidence velocity " + velocity);
                case 2 -> assertTrue(Math.abs(velocity) < 2.5, "seasonal velocity " + velocity);
                case 3 -> assertTrue(end < -30 && end > -95, "slope end displacement " + end);
                default -> { }
            }
            double height = csv.value(i, "height");
            assertTrue(height >= 0 && height <= 1500, "height " + height);
            double incidence = csv.value(i, "incidence_angle");
            assertTrue(incidence >= 30 && incidence <= 45, "incidence " + incidence);
        }
    }

    @Test
    void latitudeLongitudeAgreeWithProj4j() throws IOException {
        Csv csv = read(csv("a.csv", 50, 3));
        ProjectionTransform toGeographic = ProjectionFactory.getProjection(ProjectionConstants.AUTHORITY_EPSG, 3035)
                .getTransformation(ProjectionConstants.EPSG_WORLD_GEODETIC_SYSTEM);
        for (int i = 0; i < csv.rows().size(); i++) {
            double[] lonLat = toGeographic.transform(csv.value(i, "easting"), csv.value(i, "northing"));
            assertEquals(lonLat[0], csv.value(i, "longitude"), 2e-6, "longitude of row " + i);
            assertEquals(lonLat[1], csv.value(i, "latitude"), 2e-6, "latitude of row " + i);
            // Southern Norway, as documented.
            assertTrue(csv.value(i, "latitude") > 59.5 && csv.value(i, "latitude") < 59.7);
            assertTrue(csv.value(i, "longitude") > 8.7 && csv.value(i, "longitude") < 9.0);
        }
    }

    @Test
    void laeaMatchesTheGuidanceNoteExample() {
        // IOGP Guidance Note 7-2, EPSG:9820 worked example: 50N 5E -> 3962799.45 E, 2999718.85 N.
        double[] en = Laea3035.forward(50, 5);
        assertEquals(3_962_799.45, en[0], 0.01);
        assertEquals(2_999_718.85, en[1], 0.01);
        double[] latLon = Laea3035.inverse(3_962_799.45, 2_999_718.85);
        assertEquals(50, latLon[0], 1e-7);
        assertEquals(5, latLon[1], 1e-7);
    }

    @Test
    void geoPackageHasAllRowsInEpsg3035() throws IOException, SQLException {
        Path gpkg = dir.resolve("a.gpkg");
        InsarCatalogueGenerator.write(new Options(POINTS, DATES, 5), gpkg, null);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gpkg);
                Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*), min(fid), max(fid) FROM insar_points")) {
                assertTrue(r.next());
                assertEquals(POINTS, r.getLong(1));
                assertEquals(1, r.getLong(2));
                assertEquals(POINTS, r.getLong(3));
            }
            try (ResultSet r = s.executeQuery("SELECT column_name, geometry_type_name, srs_id"
                    + " FROM gpkg_geometry_columns WHERE table_name = 'insar_points'")) {
                assertTrue(r.next());
                assertEquals("geom", r.getString(1));
                assertEquals("POINT", r.getString(2));
                assertEquals(3035, r.getInt(3));
            }
            try (ResultSet r = s.executeQuery("SELECT organization, organization_coordsys_id, definition"
                    + " FROM gpkg_spatial_ref_sys WHERE srs_id = 3035")) {
                assertTrue(r.next());
                assertTrue("EPSG".equalsIgnoreCase(r.getString(1)));
                assertEquals(3035, r.getInt(2));
                assertTrue(r.getString(3).startsWith("PROJCS[\"ETRS89-extended / LAEA Europe\""));
            }
            try (ResultSet r = s.executeQuery("SELECT data_type, srs_id, min_x, min_y, max_x, max_y"
                    + " FROM gpkg_contents WHERE table_name = 'insar_points'")) {
                assertTrue(r.next());
                assertEquals("features", r.getString(1));
                assertEquals(3035, r.getInt(2));
                assertTrue(r.getDouble(3) >= 4_250_000 && r.getDouble(5) <= 4_260_000);
                assertTrue(r.getDouble(4) >= 4_050_000 && r.getDouble(6) <= 4_060_000);
                assertTrue(r.getDouble(3) < r.getDouble(5) && r.getDouble(4) < r.getDouble(6));
            }
        }
    }

    @Test
    void geoPackageRowsEqualCsvRows() throws IOException, SQLException {
        Path gpkg = dir.resolve("a.gpkg");
        Path csvPath = dir.resolve("a.csv");
        InsarCatalogueGenerator.write(new Options(500, 12, 21), gpkg, csvPath);
        Csv csv = read(csvPath);
        // Every CSV column but the CSV-only ones is a GeoPackage column with the same value.
        List<String> shared = new ArrayList<>(csv.header());
        shared.removeAll(List.of("easting", "northing", "latitude", "longitude"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gpkg);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM insar_points ORDER BY fid")) {
            int i = 0;
            while (r.next()) {
                assertEquals(i + 1, r.getLong("fid"));
                for (String name : shared) {
                    String text = csv.rows().get(i)[csv.column(name)];
                    String where = "column " + name + " of row " + (i + 1);
                    if (name.equals("pid") || name.equals("truth")) {
                        assertEquals(text, r.getString(name), where);
                    } else {
                        // Bit-for-bit: both formats carry the same decimal number.
                        assertEquals(Double.parseDouble(text), r.getDouble(name), 0, where);
                    }
                }
                Point point = (Point) new GeoPackageGeometryData(r.getBytes("geom")).getGeometry();
                assertEquals(csv.value(i, "easting"), point.getX(), 0);
                assertEquals(csv.value(i, "northing"), point.getY(), 0);
                i++;
            }
            assertEquals(500, i);
        }
    }

    @Test
    void optionsAreValidatedWithTheParameterName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Options(0, 12, 1))
                .getMessage().contains("points"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Options(10, 1, 1))
                .getMessage().contains("dates"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Options(10, 12, 1, Double.NaN))
                .getMessage().contains("noise"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Options(10, 12, 1, -1))
                .getMessage().contains("noise"));
        assertThrows(IllegalArgumentException.class,
                () -> InsarCatalogueGenerator.write(new Options(10, 12, 1), null, null));
        Path same = dir.resolve("same");
        assertThrows(IllegalArgumentException.class,
                () -> InsarCatalogueGenerator.write(new Options(10, 12, 1), same, same));
    }

    @Test
    void failedWriteLeavesNoFileBehind() throws IOException {
        Path blocker = dir.resolve("blocker.gpkg");
        Files.createDirectory(blocker);
        assertThrows(IOException.class,
                () -> InsarCatalogueGenerator.write(new Options(100, 12, 1), blocker, dir.resolve("ok.csv")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(blocker), files.toList(), "no CSV and no temporary file");
        }
    }

    @Test
    void existingFilesAreReplaced() throws IOException {
        Path gpkg = dir.resolve("a.gpkg");
        Path csvPath = dir.resolve("a.csv");
        Files.writeString(gpkg, "old");
        Files.writeString(csvPath, "old");
        InsarCatalogueGenerator.write(new Options(10, 12, 1), gpkg, csvPath);
        assertEquals(11, Files.readAllLines(csvPath).size());
        assertTrue(Files.size(gpkg) > 1000);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left");
        }
    }

    @Test
    void mainWritesBothFiles() throws IOException {
        Path gpkg = dir.resolve("sub/m.gpkg");
        Path csvPath = dir.resolve("sub/m.csv");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            InsarCatalogueGenerator.main(new String[] {"--points", "100", "--dates", "12", "--seed", "4",
                "--gpkg", gpkg.toString(), "--csv", csvPath.toString()});
        } finally {
            System.setOut(original);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).startsWith("wrote 100 points x 12 dates (seed 4"));
        assertEquals(101, Files.readAllLines(csvPath).size());
        assertTrue(Files.size(gpkg) > 0);
        Path again = dir.resolve("again.csv");
        InsarCatalogueGenerator.write(new Options(100, 12, 4), null, again);
        assertEquals(-1, Files.mismatch(csvPath, again));
        assertNotEquals(0, Files.size(again));
    }

    @Test
    void dateSpacingIsAMultipleOfSixDaysSpanningAboutFiveYears() {
        for (int dates : new int[] {2, 12, 60, 300}) {
            List<LocalDate> list = InsarCatalogueGenerator.acquisitionDates(dates);
            long spacing = ChronoUnit.DAYS.between(list.get(0), list.get(1));
            assertEquals(0, spacing % 6, "spacing for " + dates + " dates");
            long span = ChronoUnit.DAYS.between(list.get(0), list.get(dates - 1));
            assertTrue(span > 4 * 365 && span < 6 * 365, "span for " + dates + " dates: " + span);
        }
        assertArrayEquals(new LocalDate[] {LocalDate.of(2018, 1, 4)},
                InsarCatalogueGenerator.acquisitionDates(1).toArray());
    }
}
