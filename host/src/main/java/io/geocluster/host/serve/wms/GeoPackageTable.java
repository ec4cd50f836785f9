package io.geocluster.host.serve.wms;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.sf.Geometry;
import mil.nga.sf.Point;
import org.sqlite.SQLiteConfig;

/**
 * The feature table of a GeoPackage that a WMS layer draws: its name, geometry column, whether
 * it has a {@code cluster} column and an R-tree index, its CRS and extent, read over a
 * connection SQLite keeps read-only (GeoPackage 1.3, OGC 12-128r18: {@code gpkg_contents},
 * {@code gpkg_geometry_columns}, {@code gpkg_spatial_ref_sys}, the RTree Spatial Indexes extension).
 *
 * <p>The table is the one named like the layer when there is one, otherwise the first feature
 * table in {@code gpkg_contents}.
 */
record GeoPackageTable(String table, String geometryColumn, boolean hasCluster, String rtree, String crs,
        Bounds bounds) {

    /** Opens a read-only JDBC connection to the file. */
    static Connection connect(Path file) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try {
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new IOException("cannot open GeoPackage " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the description of the layer's table.
     *
     * @param withBounds whether to find the extent when {@code gpkg_contents} lacks it (from the
     *        R-tree, or by reading every row); drawing a map does not need it, listing layers does
     */
    static GeoPackageTable read(Path file, String preferredTable, boolean withBounds) throws IOException {
        try (Connection c = connect(file)) {
            return read(c, preferredTable, file, withBounds);
        } catch (SQLException e) {
            throw new IOException("not a readable GeoPackage: " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static GeoPackageTable read(Connection c, String preferred, Path file, boolean withBounds)
            throws SQLException, IOException {
        String table = null;
        String geometry = null;
        long srsId = 0;
        Double[] box = null;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.table_name, g.column_name, g.srs_id, c.min_x, c.min_y, c.max_x,"
                        + " c.max_y FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name"
                        + " WHERE c.data_type = 'features' ORDER BY c.table_name")) {
            while (rs.next()) {
                if (table == null || rs.getString(1).equals(preferred)) {
                    table = rs.getString(1);
                    geometry = rs.getString(2);
                    srsId = rs.getLong(3);
                    box = new Double[] {number(rs, 4), number(rs, 5), number(rs, 6), number(rs, 7)};
                }
            }
        }
        if (table == null) {
            throw new IOException(file.getFileName() + " holds no feature table");
        }
        String crs = crs(c, srsId);
        boolean cluster = false;
        try (PreparedStatement p = c.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    cluster |= rs.getString(1).equalsIgnoreCase("cluster");
                }
            }
        }
        String rtree = "rtree_" + table + "_" + geometry;
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            p.setString(1, rtree);
            try (ResultSet rs = p.executeQuery()) {
                rtree = rs.next() ? rtree : null;
            }
        }
        Bounds bounds = box[0] != null && box[1] != null && box[2] != null && box[3] != null
                ? new Bounds(box[0], box[1], box[2], box[3]) : null;
        GeoPackageTable info = new GeoPackageTable(table, geometry, cluster, rtree, crs, null);
        if (bounds == null && withBounds) {
            bounds = info.scanBounds(c);
        }
        return new GeoPackageTable(table, geometry, cluster, rtree, crs, bounds);
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() || !Double.isFinite(v) ? null : v;
    }

    /** {@code EPSG:n} of an SRS id, or {@code null} when it is not an EPSG code. */
    private static String crs(Connection c, long srsId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?")) {
            p.setLong(1, srsId);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next() && "EPSG".equalsIgnoreCase(rs.getString(1)) && rs.getLong(2) > 0) {
                    return "EPSG:" + rs.getLong(2);
                }
            }
        }
        return null;
    }

    /** The extent from the R-tree, or by reading every geometry when there is none. */
    private Bounds scanBounds(Connection c) throws SQLException {
        if (rtree != null) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT min(minx), min(miny), max(maxx), max(maxy) FROM " + quote(rtree))) {
                if (rs.next() && rs.getObject(1) != null) {
                    return new Bounds(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4));
                }
                return null;
            }
        }
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + quote(geometryColumn) + " FROM " + quote(table))) {
            double[] p = new double[2];
            while (rs.next()) {
                if (point(rs.getBytes(1), p)) {
                    b[0] = Math.min(b[0], p[0]);
                    b[1] = Math.min(b[1], p[1]);
                    b[2] = Math.max(b[2], p[0]);
                    b[3] = Math.max(b[3], p[1]);
                }
            }
        }
        return b[0] <= b[2] ? new Bounds(b[0], b[1], b[2], b[3]) : null;
    }

    /**
     * Decodes a GeoPackage geometry blob with NGA's codec into {@code xy}; false for NULL, empty,
     * non-point or undecodable geometries, which the map skips.
     */
    static boolean point(byte[] blob, double[] xy) {
        if (blob == null) {
            return false;
        }
        try {
            GeoPackageGeometryData data = GeoPackageGeometryData.create(blob);
            Geometry g = data.isEmpty() ? null : data.getGeometry();
            if (g instanceof Point p && Double.isFinite(p.getX()) && Double.isFinite(p.getY())) {
                xy[0] = p.getX();
                xy[1] = p.getY();
                return true;
            }
        } catch (RuntimeException e) {
            // A corrupt row must not take the whole map down; it is simply not drawn.
        }
        return false;
    }

    /** SQL identifier quoting; table names come from the file, not from the request. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
