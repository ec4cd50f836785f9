package io.geocluster.host.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import io.geocluster.plugin.spi.PublishedLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic publishing: nothing visible before commit, nothing left after an abandoned write. */
class GeoPackagePointSinkTest {
    @TempDir
    Path dir;

    private static OutputLayer layer(String name) {
        return new OutputLayer(name, "EPSG:3035", new AttributeInfo("pid", AttributeType.INTEGER), List.of());
    }

    private static void writeRows(LayerWriter writer, int rows, int label) throws IOException {
        long[] ids = new long[rows];
        double[] x = new double[rows];
        double[] y = new double[rows];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = i;
            x[i] = 4_000_000 + i;
            y[i] = 3_000_000 - i;
            labels[i] = label;
        }
        writer.write(new FeatureBatch(rows, 0, new float[0], ids, x, y), labels, new byte[rows], (r, c) -> null);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void closeWithoutCommitLeavesNothing() throws IOException {
        GeoPackagePointSink sink = new GeoPackagePointSink(dir, false);
        try (LayerWriter writer = sink.create(layer("abandoned"))) {
            writeRows(writer, 70_000, 1); // spans a transaction boundary
            assertFalse(Files.exists(dir.resolve("abandoned.gpkg")));
            assertFalse(Files.exists(dir.resolve("abandoned.sld")));
            assertTrue(listing().stream().allMatch(n -> n.startsWith(".")), listing().toString());
        }
        assertEquals(List.of(), listing());
    }

    @Test
    void commitPublishesBothFilesAndRemovesTheTemporaries() throws IOException {
        GeoPackagePointSink sink = new GeoPackagePointSink(dir, false);
        PublishedLayer published;
        try (LayerWriter writer = sink.create(layer("result"))) {
            writeRows(writer, 10, 3);
            published = writer.commit("<sld/>");
        }
        assertEquals(List.of("result.gpkg", "result.sld"), listing());
        assertEquals(new PublishedLayer("result", dir.resolve("result.gpkg").toString(),
                dir.resolve("result.sld").toString(), 10), published);
    }

    @Test
    void existingLayerIsKeptWithoutOverwrite() throws IOException {
        Path existing = Files.writeString(dir.resolve("taken.gpkg"), "precious");
        GeoPackagePointSink sink = new GeoPackagePointSink(dir, false);
        IOException checked = assertThrows(IOException.class, () -> sink.checkWritable("taken"));
        assertTrue(checked.getMessage().contains("already exists; pass --overwrite to replace it"), checked.getMessage());
        assertThrows(IOException.class, () -> sink.create(layer("taken")));
        Files.writeString(dir.resolve("styled.sld"), "<old/>");
        assertThrows(IOException.class, () -> sink.checkWritable("styled"));
        assertEquals("precious", Files.readString(existing));
        assertEquals(List.of("styled.sld", "taken.gpkg"), listing());
    }

    @Test
    void aLayerAppearingDuringTheWriteIsNotClobbered() throws IOException {
        GeoPackagePointSink sink = new GeoPackagePointSink(dir, false);
        try (LayerWriter writer = sink.create(layer("race"))) {
            writeRows(writer, 5, 0);
            Files.writeString(dir.resolve("race.gpkg"), "someone else's");
            IOException e = assertThrows(IOException.class, () -> writer.commit("<sld/>"));
            assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        }
        assertEquals("someone else's", Files.readString(dir.resolve("race.gpkg")));
        assertEquals(List.of("race.gpkg"), listing());
    }

    @Test
    void overwriteReplacesBothFiles() throws IOException {
        Files.writeString(dir.resolve("again.gpkg"), "old data");
        Files.writeString(dir.resolve("again.sld"), "<old/>");
        GeoPackagePointSink sink = new GeoPackagePointSink(dir, true);
        sink.checkWritable("again");
        try (LayerWriter writer = sink.create(layer("again"))) {
            writeRows(writer, 4, 6);
            writer.commit("<new/>");
        }
        assertEquals("<new/>", Files.readString(dir.resolve("again.sld")));
        try (GeoPackagePointSource source = new GeoPackagePointSource(dir.resolve("again.gpkg"), null);
                LayerCursor cursor = source.open(List.of("cluster"), List.of()).open()) {
            FeatureBatch b = cursor.next();
            assertEquals(4, b.size());
            assertArrayEquals(new float[] {6, 6, 6, 6}, java.util.Arrays.copyOf(b.values(), 4));
        }
        assertEquals(List.of("again.gpkg", "again.sld"), listing());
    }

    @Test
    void invalidNamesAreRejected() {
        GeoPackagePointSink sink = new GeoPackagePointSink(dir, false);
        for (String name : new String[] {"", "9lives", "has space", "dash-ed", "../escape", "a".repeat(64), "gpkg_x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink.checkWritable(name),
                    name);
            assertTrue(e.getMessage().contains("Invalid layer name"), e.getMessage());
        }
    }

    @Test
    void unknownCrsFailsAndLeavesNothing() {
        GeoPackagePointSink sink = new GeoPackagePointSink(dir, false);
        OutputLayer layer = new OutputLayer("odd", "EPSG:999999", new AttributeInfo("pid", AttributeType.INTEGER),
                List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink.create(layer));
        assertTrue(e.getMessage().contains("EPSG:999999"), e.getMessage());
        assertFalse(dir.resolve("odd.gpkg").toFile().exists());
        assertEquals(0, dir.toFile().list().length);
    }

    @Test
    void spatialIndexIsOptional() throws Exception {
        GeoPackagePointSink sink = new GeoPackagePointSink(dir, false, true);
        try (LayerWriter writer = sink.create(layer("indexed"))) {
            writeRows(writer, 100, 1);
            writer.commit("<sld/>");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("indexed.gpkg"));
                java.sql.ResultSet rs = c.createStatement().executeQuery(
                        "SELECT COUNT(*), MIN(minx), MAX(maxy) FROM rtree_indexed_geom")) {
            assertEquals(100, rs.getInt(1));
            assertEquals(4_000_000, rs.getDouble(2), 1.0);
            assertEquals(3_000_000, rs.getDouble(3), 1.0);
        }
    }
}
