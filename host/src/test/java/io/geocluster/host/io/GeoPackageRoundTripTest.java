package io.geocluster.host.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.kmeans.TrainTestSplit;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.KeptValues;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerStream;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import io.geocluster.plugin.spi.PublishedLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes a layer through the sink and reads every value back through the source and through plain SQL. */
class GeoPackageRoundTripTest {
    private static final int ROWS = 10_000;
    private static final int BATCH = 3_000; // not a divisor of ROWS: the last write is partial

    @TempDir
    Path dir;

    /** The rows written: row i has id 1000 + 7i, and every 97th row has no coordinates. */
    private static final class Expected {
        final long[] ids = new long[ROWS];
        final double[] x = new double[ROWS];
        final double[] y = new double[ROWS];
        final int[] labels = new int[ROWS];
        final byte[] split = new byte[ROWS];
        final String[] names = new String[ROWS];
        final Double[] heights = new Double[ROWS];

        Expected() {
            Random random = new Random(42);
            for (int i = 0; i < ROWS; i++) {
                ids[i] = 1000 + 7L * i;
                boolean located = i % 97 != 0;
                x[i] = located ? 4_000_000 + random.nextDouble() * 100_000 : Double.NaN;
                y[i] = located ? 3_000_000 + random.nextDouble() * 100_000 : Double.NaN;
                labels[i] = i % 11 == 0 ? -1 : random.nextInt(8);
                split[i] = labels[i] < 0 ? TrainTestSplit.MISSING : (byte) random.nextInt(2);
                names[i] = i % 13 == 0 ? null : "point-" + i + (i % 2 == 0 ? " é" : "");
                heights[i] = i % 17 == 0 ? null : random.nextGaussian() * 100;
            }
        }
    }

    private PublishedLayer write(Expected e) throws Exception {
        GeoPackagePointSink sink = new GeoPackagePointSink(dir, false);
        OutputLayer layer = new OutputLayer("labelled", "EPSG:3035", new AttributeInfo("pid", AttributeType.INTEGER),
                List.of(new AttributeInfo("name", AttributeType.TEXT), new AttributeInfo("height", AttributeType.REAL)));
        sink.checkWritable("labelled");
        try (LayerWriter writer = sink.create(layer)) {
            for (int start = 0; start < ROWS; start += BATCH) {
                int n = Math.min(BATCH, ROWS - start);
                int from = start;
                long[] ids = new long[n];
                double[] x = new double[n];
                double[] y = new double[n];
                int[] labels = new int[n];
                byte[] split = new byte[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = e.ids[from + i];
                    x[i] = e.x[from + i];
                    y[i] = e.y[from + i];
                    labels[i] = e.labels[from + i];
                    split[i] = e.split[from + i];
                }
                KeptValues kept = (row, column) -> column == 0 ? e.names[from + row] : e.heights[from + row];
                writer.write(new FeatureBatch(n, 0, new float[0], ids, x, y), labels, split, kept);
            }
            return writer.commit("<StyledLayerDescriptor/>");
        }
    }

    @Test
    void everyValueWrittenIsReadBack() throws Exception {
        Expected e = new Expected();
        PublishedLayer published = write(e);
        assertEquals(ROWS, published.features());
        assertEquals(dir.resolve("labelled.gpkg").toString(), published.location());
        assertEquals("<StyledLayerDescriptor/>", Files.readString(Path.of(published.styleLocation())));

        try (GeoPackagePointSource source = new GeoPackagePointSource(Path.of(published.location()), null)) {
            LayerSchema schema = source.schema();
            assertEquals("labelled", schema.name());
            assertEquals(new AttributeInfo("fid", AttributeType.INTEGER), schema.id());
            assertEquals(List.of(new AttributeInfo("pid", AttributeType.INTEGER),
                    new AttributeInfo("cluster", AttributeType.INTEGER), new AttributeInfo("split", AttributeType.TEXT),
                    new AttributeInfo("name", AttributeType.TEXT), new AttributeInfo("height", AttributeType.REAL)),
                    schema.attributes());
            assertEquals("EPSG:3035", schema.crs());
            assertEquals(ROWS, schema.featureCount());

            LayerStream stream = source.open(List.of("pid", "cluster", "height"),
                    List.of("split", "name", "height", "cluster", "pid"));
            assertEquals(3, stream.columns());
            int row = 0;
            try (LayerCursor cursor = stream.open()) {
                for (FeatureBatch b = cursor.next(); b != null; b = cursor.next()) {
                    for (int i = 0; i < b.size(); i++, row++) {
                        String at = "row " + row;
                        assertEquals(row + 1, b.ids()[i], at); // fid follows insertion order
                        assertEquals(e.x[row], b.x()[i], 0.0, at);
                        assertEquals(e.y[row], b.y()[i], 0.0, at);
                        assertEquals((float) e.ids[row], b.value(i, 0), 0f, at);
                        assertEquals(e.labels[row] < 0 ? Float.NaN : e.labels[row], b.value(i, 1), 0f, at);
                        assertEquals(e.heights[row] == null ? Float.NaN : (float) (double) e.heights[row], b.value(i, 2), 0f, at);
                        assertEquals(TrainTestSplit.name(e.split[row]), cursor.kept(i, 0), at);
                        assertEquals(e.names[row], cursor.kept(i, 1), at);
                        assertEquals(e.heights[row], cursor.kept(i, 2), at);
                        assertEquals(e.labels[row] < 0 ? null : Long.valueOf(e.labels[row]), cursor.kept(i, 3), at);
                        assertEquals(e.ids[row], cursor.kept(i, 4), at);
                    }
                }
            }
            assertEquals(ROWS, row);
        }
    }

    @Test
    void geoPackageTablesDescribeTheLayer() throws Exception {
        Expected e = new Expected();
        PublishedLayer published = write(e);
        double minX = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ROWS; i++) {
            if (!Double.isNaN(e.x[i])) {
                minX = Math.min(minX, e.x[i]);
                maxY = Math.max(maxY, e.y[i]);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + published.location());
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
                assertEquals(0x47504B47, rs.getInt(1)); // "GPKG"
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT data_type, identifier, srs_id, min_x, max_y FROM gpkg_contents WHERE table_name = 'labelled'")) {
                assertTrue(rs.next());
                assertEquals("features", rs.getString(1));
                assertEquals(3035, rs.getInt(3));
                assertEquals(minX, rs.getDouble(4), 0.0);
                assertEquals(maxY, rs.getDouble(5), 0.0);
            }
            try (ResultSet rs = s.executeQuery("SELECT column_name, geometry_type_name, srs_id, z, m "
                    + "FROM gpkg_geometry_columns WHERE table_name = 'labelled'")) {
                assertTrue(rs.next());
                assertEquals("geom", rs.getString(1));
                assertEquals("POINT", rs.getString(2));
                assertEquals(3035, rs.getInt(3));
                assertEquals(0, rs.getInt(4));
                assertEquals(0, rs.getInt(5));
            }
            try (ResultSet rs = s.executeQuery("SELECT organization, organization_coordsys_id, definition "
                    + "FROM gpkg_spatial_ref_sys WHERE srs_id = 3035")) {
                assertTrue(rs.next());
                assertEquals("EPSG", rs.getString(1));
                assertEquals(3035, rs.getInt(2));
                assertTrue(rs.getString(3).length() > 0);
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(geom), COUNT(cluster) FROM labelled")) {
                assertEquals(ROWS, rs.getInt(1));
                assertEquals(ROWS - (ROWS + 96) / 97, rs.getInt(2)); // rows 0, 97, 194, ... have NULL geometry
                assertEquals(ROWS - (ROWS + 10) / 11, rs.getInt(3));
            }
            try (ResultSet rs = s.executeQuery("SELECT name FROM pragma_table_info('labelled') ORDER BY cid")) {
                StringBuilder names = new StringBuilder();
                while (rs.next()) {
                    names.append(rs.getString(1)).append(' ');
                }
                assertEquals("fid geom pid cluster split name height ", names.toString());
            }
        }
    }

    @Test
    void textSourceIdTakesTheKeptTextWithoutRepeatingTheColumn() throws Exception {
        GeoPackagePointSink sink = new GeoPackagePointSink(dir, false);
        OutputLayer layer = new OutputLayer("text_ids", null, new AttributeInfo("pid", AttributeType.TEXT),
                List.of(new AttributeInfo("pid", AttributeType.TEXT), new AttributeInfo("cluster", AttributeType.REAL)));
        String[] pids = {"1A2B", "X9", "77"};
        PublishedLayer published;
        try (LayerWriter writer = sink.create(layer)) {
            KeptValues kept = (row, column) -> column == 0 ? pids[row] : Double.valueOf(row * 0.5);
            writer.write(new FeatureBatch(3, 0, new float[0], new long[] {11, 12, 13}, new double[] {1, 2, 3},
                    new double[] {4, 5, 6}), new int[] {2, -1, 0}, new byte[] {0, 2, 1}, kept);
            published = writer.commit("<sld/>");
        }
        try (GeoPackagePointSource source = new GeoPackagePointSource(Path.of(published.location()), "text_ids")) {
            assertEquals(List.of(new AttributeInfo("pid", AttributeType.TEXT),
                    new AttributeInfo("cluster", AttributeType.INTEGER), new AttributeInfo("split", AttributeType.TEXT),
                    new AttributeInfo("cluster_1", AttributeType.REAL)), source.schema().attributes());
            assertNull(source.schema().crs()); // undefined Cartesian SRS
            try (LayerCursor cursor = source.open(List.of("cluster_1"), List.of("pid", "split", "cluster")).open()) {
                FeatureBatch b = cursor.next();
                assertEquals(3, b.size());
                for (int i = 0; i < 3; i++) {
                    assertEquals(pids[i], cursor.kept(i, 0));
                    assertEquals(i * 0.5f, b.value(i, 0), 0f);
                    assertEquals(i + 1.0, b.x()[i], 0.0);
                }
                assertEquals(List.of("train", "missing", "test"),
                        List.of(cursor.kept(0, 1), cursor.kept(1, 1), cursor.kept(2, 1)));
                assertEquals(2L, cursor.kept(0, 2));
                assertNull(cursor.kept(1, 2));
                assertNull(cursor.next());
            }
        }
    }
}
