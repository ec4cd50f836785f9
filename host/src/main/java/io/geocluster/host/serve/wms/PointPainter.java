package io.geocluster.host.serve.wms;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Draws a GeoPackage point layer: every point whose symbol can touch the map is a filled circle
 * of its class's diameter, outlined in its stroke colour, coloured by the {@code cluster} value.
 *
 * <p><b>Algorithm:</b> the map box is taken to the layer's CRS (with a margin of one symbol), the
 * rows inside it are streamed from the R-tree join when the table has one (a full scan with a
 * box test otherwise), each point is taken to the map's CRS and pixel space, and drawn at once;
 * memory does not grow with the number of points.
 */
final class PointPainter {
    private PointPainter() {
    }

    static void paint(Graphics2D g, WmsLayer layer, LayerStyle style, MapRequest map, PixelSpace px)
            throws IOException {
        GeoPackageTable info = GeoPackageTable.read(layer.data(), layer.name(), false);
        String nativeCrs = info.crs() != null ? info.crs() : layer.crs();
        double maxSize = 0;
        for (StyleClass c : style.classes()) {
            maxSize = Math.max(maxSize, c.size());
        }
        double margin = (maxSize / 2 + 2) * Math.max(map.bbox().width() / map.width(), map.bbox().height() / map.height());
        Bounds padded = new Bounds(map.bbox().minX() - margin, map.bbox().minY() - margin,
                map.bbox().maxX() + margin, map.bbox().maxY() + margin);
        Bounds query = new Projector(map.crs(), nativeCrs).apply(padded);
        if (query == null || (layer.bounds() != null && !query.intersects(layer.bounds()))) {
            return;
        }
        Projector toMap = new Projector(nativeCrs, map.crs());
        String select = "SELECT t." + GeoPackageTable.quote(info.geometryColumn())
                + (info.hasCluster() ? ", t.\"cluster\"" : ", NULL") + " FROM " + GeoPackageTable.quote(info.table()) + " t";
        String sql = info.rtree() == null ? select
                : select + " JOIN " + GeoPackageTable.quote(info.rtree()) + " r ON r.id = t.rowid"
                        + " WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?";
        g.setStroke(new BasicStroke(0.5f));
        Ellipse2D.Double circle = new Ellipse2D.Double();
        double[] p = new double[2];
        double[] q = new double[2];
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
                    if (!GeoPackageTable.point(rs.getBytes(1), p)
                            || p[0] < query.minX() || p[0] > query.maxX() || p[1] < query.minY() || p[1] > query.maxY()
                            || !toMap.apply(p[0], p[1], q)) {
                        continue;
                    }
                    int v = rs.getInt(2);
                    StyleClass cls = style.classOf(rs.wasNull() ? null : v);
                    if (cls == null) {
                        continue;
                    }
                    double x = px.x(q[0]);
                    double y = px.y(q[1]);
                    double d = cls.size();
                    if (x < -d || y < -d || x > map.width() + d || y > map.height() + d) {
                        continue;
                    }
                    circle.setFrame(x - d / 2, y - d / 2, d, d);
                    g.setColor(cls.fill());
                    g.fill(circle);
                    if (cls.stroke() != null) {
                        g.setColor(cls.stroke());
                        g.draw(circle);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read layer " + layer.name() + ": " + e.getMessage(), e);
        }
    }
}
