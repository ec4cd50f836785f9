package io.geocluster.host.serve.wms;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.host.io.CsvPointSource;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.LayerCursor;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * EGMS-style point CSV layers, read through the host's {@link CsvPointSource} (its coordinate
 * and CRS conventions: {@code easting}/{@code northing} is EPSG:3035, {@code longitude}/
 * {@code latitude} EPSG:4326). A {@code cluster} column, when present, picks the style class.
 *
 * <p><b>Limitations:</b> a CSV has no spatial index, so every map streams the whole file; the
 * source (whose constructor scans the file once to infer column types) is cached for the few
 * most recently used files until they change.
 */
final class CsvPoints {
    private static final FileCache<Entry> CACHE = new FileCache<>(4);

    /** A scanned source and its extent. */
    private record Entry(CsvPointSource source, Bounds bounds) {
    }

    private CsvPoints() {
    }

    /** The CRS code of a CSV layer, or {@code null} when its coordinates follow no known convention. */
    static String crs(Path file) throws IOException {
        return entry(file).source().schema().crs();
    }

    /** The extent of a CSV layer, {@code null} when it has no located row. */
    static Bounds bounds(Path file) throws IOException {
        return entry(file).bounds();
    }

    /** Draws every row of the file. */
    static void paint(Graphics2D g, WmsLayer layer, LayerStyle style, MapRequest map, PixelSpace px) throws IOException {
        Entry e = entry(layer.data());
        String crs = e.source().schema().crs() != null ? e.source().schema().crs() : layer.crs();
        PointSymbols symbols = new PointSymbols(g, style, map, px, crs);
        if (symbols.query() == null || (e.bounds() != null && !symbols.query().intersects(e.bounds()))) {
            return;
        }
        boolean clustered = e.source().schema().attributes().stream().map(AttributeInfo::name).anyMatch("cluster"::equals);
        try (LayerCursor cursor = e.source().open(clustered ? List.of("cluster") : List.of(), List.of()).open()) {
            for (FeatureBatch b = cursor.next(); b != null; b = cursor.next()) {
                for (int r = 0; r < b.size(); r++) {
                    Integer value = null;
                    if (clustered) {
                        float v = b.value(r, 0);
                        value = Float.isNaN(v) ? null : Integer.valueOf((int) v);
                    }
                    symbols.draw(b.x()[r], b.y()[r], value);
                }
            }
        }
    }

    private static Entry entry(Path file) throws IOException {
        return CACHE.get(file, f -> {
            CsvPointSource source = new CsvPointSource(f);
            return new Entry(source, scanBounds(source));
        });
    }

    private static Bounds scanBounds(CsvPointSource source) throws IOException {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        try (LayerCursor cursor = source.open(List.of(), List.of()).open()) {
            for (FeatureBatch b = cursor.next(); b != null; b = cursor.next()) {
                if (!b.hasCoordinates()) {
                    return null;
                }
                for (int r = 0; r < b.size(); r++) {
                    double x = b.x()[r];
                    double y = b.y()[r];
                    if (Double.isFinite(x) && Double.isFinite(y)) {
                        minX = Math.min(minX, x);
                        minY = Math.min(minY, y);
                        maxX = Math.max(maxX, x);
                        maxY = Math.max(maxY, y);
                    }
                }
            }
        }
        return minX <= maxX ? new Bounds(minX, minY, maxX, maxY) : null;
    }
}
