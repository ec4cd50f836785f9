package io.geocluster.host.serve.wms;

import java.awt.Graphics2D;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Draws a GeoPackage point layer: every point whose symbol can touch the map is a circle
 * coloured by its {@code cluster} value ({@link PointSymbols}).
 *
 * <p><b>Algorithm:</b> the map box is taken to the layer's CRS (with a margin of one symbol), the
 * rows inside it are streamed from the R-tree join when the table has one (a full scan with a
 * box test otherwise), and each point is drawn at once; memory does not grow with the number of
 * points.
 */
final class PointPainter {
    private PointPainter() {
    }

    static void paint(Graphics2D g, WmsLayer layer, LayerStyle style, MapRequest map, PixelSpace px)
            throws IOException {
        GeoPackageTable info = GeoPackageTable.read(layer.data(), layer.name(), false);
        PointSymbols symbols = new PointSymbols(g, style, map, px, info.crs() != null ? info.crs() : layer.crs());
        Bounds query = symbols.query();
        if (query == null || (layer.bounds() != null && !query.intersects(layer.bounds()))) {
            return;
        }
        String select = "SELECT t." + GeoPackageTable.quote(info.geometryColumn())
                + (info.hasCluster() ? ", t.\"cluster\"" : ", NULL") + " FROM " + GeoPackageTable.quote(info.table()) + " t";
        String sql = info.rtree() == null ? select
                : select + " JOIN " + GeoPackageTable.quote(info.rtree()) + " r ON r.id = t.rowid"
                        + " WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?";
        double[] p = new double[2];
        try (Connection c = GeoPackageTable.connect(layer.data()); PreparedStatement s = c.prepareStatement(sql)) {
            if (info.rtree() != null) {
                s.setDouble(1, query.minX());
                s.setDouble(2, query.maxX());
                s.setDouble(3, query.minY());
                s.setDouble(4, query.maxY());
            }
            s.setFetchSize(4096);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (GeoPackageTable.point(rs.getBytes(1), p)) {
                        int v = rs.getInt(2);
                        symbols.draw(p[0], p[1], rs.wasNull() ? null : v);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read layer " + layer.name() + ": " + e.getMessage(), e);
        }
    }
}
