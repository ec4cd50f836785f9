package io.geocluster.host.serve.wms;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;

/**
 * Draws point symbols of one map: each point, given in the layer's CRS, is taken to the map's
 * CRS and pixels and drawn as a filled circle of its class's diameter with its outline. Shared by
 * the GeoPackage and CSV painters; also computes the box in the layer's CRS worth reading.
 *
 * <p><b>Thread safety:</b> one instance per request.
 */
final class PointSymbols {
    private final Graphics2D g;
    private final LayerStyle style;
    private final MapRequest map;
    private final PixelSpace px;
    private final Projector toMap;
    private final Bounds query;
    private final Ellipse2D.Double circle = new Ellipse2D.Double();
    private final double[] q = new double[2];

    PointSymbols(Graphics2D g, LayerStyle style, MapRequest map, PixelSpace px, String layerCrs) {
        this.g = g;
        this.style = style;
        this.map = map;
        this.px = px;
        this.toMap = new Projector(layerCrs, map.crs());
        double maxSize = 0;
        for (StyleClass c : style.classes()) {
            maxSize = Math.max(maxSize, c.size());
        }
        // A point just outside the box still shows part of its symbol: widen by one symbol.
        double margin = (maxSize / 2 + 2) * Math.max(map.bbox().width() / map.width(), map.bbox().height() / map.height());
        Bounds padded = new Bounds(map.bbox().minX() - margin, map.bbox().minY() - margin,
                map.bbox().maxX() + margin, map.bbox().maxY() + margin);
        this.query = new Projector(map.crs(), layerCrs).apply(padded);
        g.setStroke(new BasicStroke(0.5f));
    }

    /** The area worth reading in the layer's CRS, {@code null} when the map cannot show any of it. */
    Bounds query() {
        return query;
    }

    /** Draws one point of the layer's CRS with the class of {@code value} (null = NULL cluster). */
    void draw(double x, double y, Integer value) {
        if (query == null || x < query.minX() || x > query.maxX() || y < query.minY() || y > query.maxY()
                || !toMap.apply(x, y, q)) {
            return;
        }
        StyleClass cls = style.classOf(value);
        if (cls == null) {
            return;
        }
        double cx = px.x(q[0]);
        double cy = px.y(q[1]);
        double d = cls.size();
        if (cx < -d || cy < -d || cx > map.width() + d || cy > map.height() + d) {
            return;
        }
        circle.setFrame(cx - d / 2, cy - d / 2, d, d);
        g.setColor(cls.fill());
        g.fill(circle);
        if (cls.stroke() != null) {
            g.setColor(cls.stroke());
            g.draw(circle);
        }
    }
}
