package io.geocluster.host.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads GeoPackages written by NGA's feature API. */
class GeoPackagePointSourceTest {
    @TempDir
    static Path dir;
    private static Path stations;
    private static Path twoTables;

    @BeforeAll
    static void writeFixtures() throws Exception {
        stations = dir.resolve("stations.gpkg");
        NgaFixtures.write(stations, false);
        twoTables = dir.resolve("two.gpkg");
        NgaFixtures.write(twoTables, true);
    }

    @Test
    void schemaComesFromTheFeatureTable() throws IOException {
        try (GeoPackagePointSource source = new GeoPackagePointSource(stations, null)) {
            LayerSchema schema = source.schema();
            assertEquals("stations", schema.name());
            assertEquals(new AttributeInfo("oid", AttributeType.INTEGER), schema.id());
            assertEquals(List.of(new AttributeInfo("count", AttributeType.INTEGER),
                    new AttributeInfo("weight", AttributeType.REAL), new AttributeInfo("ratio", AttributeType.REAL),
                    new AttributeInfo("flag", AttributeType.INTEGER), new AttributeInfo("label", AttributeType.TEXT),
                    new AttributeInfo("day", AttributeType.TEXT)), schema.attributes());
            assertEquals("EPSG:4326", schema.crs());
            assertEquals(NgaFixtures.ROWS, schema.featureCount());
        }
    }

    @Test
    void valuesIdsAndCoordinatesWithNullsAsNaN() throws IOException {
        try (GeoPackagePointSource source = new GeoPackagePointSource(stations, null)) {
            LayerStream stream = source.open(List.of("weight", "count", "flag"), List.of("label", "weight", "oid", "day"));
            int row = 0;
            int batches = 0;
            try (LayerCursor cursor = stream.open()) {
                for (FeatureBatch b = cursor.next(); b != null; b = cursor.next()) {
                    batches++;
                    for (int i = 0; i < b.size(); i++, row++) {
                        String at = "row " + row;
                        assertEquals(row + 1, b.ids()[i], at);
                        Double weight = NgaFixtures.weight(row);
                        assertEquals(weight == null ? Float.NaN : weight.floatValue(), b.value(i, 0), 0f, at);
                        assertEquals(row * 3f, b.value(i, 1), 0f, at);
                        assertEquals(row % 2 == 0 ? 1f : 0f, b.value(i, 2), 0f, at);
                        double x = NgaFixtures.located(row) ? NgaFixtures.x(row) : Double.NaN;
                        double y = NgaFixtures.located(row) ? NgaFixtures.y(row) : Double.NaN;
                        assertEquals(x, b.x()[i], 0.0, at);
                        assertEquals(y, b.y()[i], 0.0, at);
                        assertEquals("s" + row, cursor.kept(i, 0), at);
                        assertEquals(weight, cursor.kept(i, 1), at);
                        assertEquals((long) row + 1, cursor.kept(i, 2), at);
                        assertNull(cursor.kept(i, 3), at);
                    }
                }
            }
            assertEquals(NgaFixtures.ROWS, row);
            assertEquals((NgaFixtures.ROWS + GeoPackagePointSource.BATCH_ROWS - 1) / GeoPackagePointSource.BATCH_ROWS,
                    batches);
        }
    }

    @Test
    void twoPassesGiveIdenticalBatches() throws IOException {
        try (GeoPackagePointSource source = new GeoPackagePointSource(stations, null)) {
            LayerStream stream = source.open(List.of("count", "weight", "ratio"), List.of());
            assertEquals(snapshot(stream), snapshot(stream));
            assertTrue(snapshot(stream).size() > 1);
        }
    }

    /** Copies every batch of one pass, since the cursor refills its arrays. */
    private static List<List<String>> snapshot(LayerStream stream) throws IOException {
        List<List<String>> batches = new ArrayList<>();
        try (LayerCursor cursor = stream.open()) {
            for (FeatureBatch b = cursor.next(); b != null; b = cursor.next()) {
                int n = b.size();
                batches.add(List.of(Arrays.toString(Arrays.copyOf(b.ids(), n)),
                        Arrays.toString(Arrays.copyOf(b.values(), n * b.columns())),
                        Arrays.toString(Arrays.copyOf(b.x(), n)), Arrays.toString(Arrays.copyOf(b.y(), n))));
            }
        }
        return batches;
    }

    @Test
    void unknownAndNonNumericAttributesAreNamed() throws IOException {
        try (GeoPackagePointSource source = new GeoPackagePointSource(stations, null)) {
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> source.open(List.of("count", "wieght"), List.of()));
            assertTrue(unknown.getMessage().contains("'wieght'"), unknown.getMessage());
            assertTrue(unknown.getMessage().contains("weight"), unknown.getMessage());
            IllegalArgumentException unknownKept = assertThrows(IllegalArgumentException.class,
                    () -> source.open(List.of(), List.of("nope")));
            assertTrue(unknownKept.getMessage().contains("'nope'"), unknownKept.getMessage());
            IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                    () -> source.open(List.of("count", "label"), List.of()));
            assertTrue(text.getMessage().contains("'label'") && text.getMessage().contains("not numeric"),
                    text.getMessage());
        }
    }

    @Test
    void readingLeavesTheFileAndFolderUnchanged() throws Exception {
        Path copy = Files.createDirectory(dir.resolve("untouched")).resolve("copy.gpkg");
        Files.copy(stations, copy);
        String before = sha256(copy);
        try (GeoPackagePointSource source = new GeoPackagePointSource(copy, "stations")) {
            LayerStream stream = source.open(List.of("count"), List.of("label"));
            snapshot(stream);
            snapshot(stream);
        }
        assertEquals(before, sha256(copy));
        try (Stream<Path> files = Files.list(copy.getParent())) {
            assertEquals(List.of("copy.gpkg"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
    }

    @Test
    void theConnectionRefusesWrites() throws Exception {
        Path copy = Files.createDirectory(dir.resolve("readonly")).resolve("copy.gpkg");
        Files.copy(stations, copy);
        String before = sha256(copy);
        mil.nga.geopackage.GeoPackage gp = ReadOnlyGeoPackage.open(copy);
        try {
            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> gp.getConnection().execSQL("CREATE TABLE intruder (a INTEGER)"));
            assertTrue(String.valueOf(refused.getCause()).contains("READONLY"), String.valueOf(refused.getCause()));
        } finally {
            gp.close();
        }
        assertEquals(before, sha256(copy));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void tableSelection() throws IOException {
        IllegalArgumentException ambiguous = assertThrows(IllegalArgumentException.class,
                () -> new GeoPackagePointSource(twoTables, null));
        assertTrue(ambiguous.getMessage().contains("stations") && ambiguous.getMessage().contains("tracks"),
                ambiguous.getMessage());
        try (GeoPackagePointSource source = new GeoPackagePointSource(twoTables, "stations")) {
            assertEquals("stations", source.schema().name());
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new GeoPackagePointSource(twoTables, "roads"));
        assertTrue(missing.getMessage().contains("'roads'"), missing.getMessage());
        IllegalArgumentException lines = assertThrows(IllegalArgumentException.class,
                () -> new GeoPackagePointSource(twoTables, "tracks"));
        assertTrue(lines.getMessage().contains("LINESTRING"), lines.getMessage());
    }

    @Test
    void missingOrInvalidFiles() throws IOException {
        FileNotFoundException missing = assertThrows(FileNotFoundException.class,
                () -> new GeoPackagePointSource(dir.resolve("nothing.gpkg"), null));
        assertTrue(missing.getMessage().startsWith("Layer file not found: "), missing.getMessage());
        Path text = Files.writeString(dir.resolve("text.gpkg"), "not a database");
        IOException invalid = assertThrows(IOException.class, () -> new GeoPackagePointSource(text, null));
        assertTrue(invalid.getMessage().contains("text.gpkg"), invalid.getMessage());
        assertEquals("not a database", Files.readString(text));
    }

    @Test
    void keptValuesOutsideTheBatchAreRejected() throws IOException {
        try (GeoPackagePointSource source = new GeoPackagePointSource(stations, null);
                LayerCursor cursor = source.open(List.of(), List.of("label")).open()) {
            FeatureBatch first = cursor.next();
            assertEquals(0, first.columns());
            assertArrayEquals(new long[] {1, 2}, Arrays.copyOf(first.ids(), 2));
            assertThrows(IndexOutOfBoundsException.class, () -> cursor.kept(first.size(), 0));
        }
    }
}
