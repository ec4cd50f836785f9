package io.geocluster.host.serve.wms;

import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Moves coordinates (x/y order, lon/lat for geographic CRSs) from one CRS to another; the
 * identity when both are the same.
 *
 * <p><b>Thread safety:</b> not thread-safe (proj4j transforms keep scratch state); make one per
 * request.
 */
final class Projector {
    /** Points per bounds edge when a rectangle is transformed: edges of a box bend in another CRS. */
    private static final int EDGE_SAMPLES = 32;

    private final CoordinateTransform transform;
    private final ProjCoordinate in = new ProjCoordinate();
    private final ProjCoordinate out = new ProjCoordinate();

    Projector(String from, String to) {
        this.transform = CrsCatalog.transform(from, to);
    }

    /** Whether this projector changes nothing. */
    boolean identity() {
        return transform == null;
    }

    /**
     * Transforms one coordinate into {@code dest[0..1]}.
     *
     * @return false when the point is outside the target's domain (then {@code dest} is unchanged)
     */
    boolean apply(double x, double y, double[] dest) {
        if (transform == null) {
            dest[0] = x;
            dest[1] = y;
            return true;
        }
        in.x = x;
        in.y = y;
        try {
            transform.transform(in, out);
        } catch (RuntimeException e) {
            // proj4j throws for points its projection cannot take (poles in Mercator, antipodes in LAEA).
            return false;
        }
        if (!Double.isFinite(out.x) || !Double.isFinite(out.y)) {
            return false;
        }
        dest[0] = out.x;
        dest[1] = out.y;
        return true;
    }

    /**
     * The box holding the transformed outline and centre of {@code b}, or {@code null} when
     * no sampled point could be transformed.
     */
    Bounds apply(Bounds b) {
        if (transform == null) {
            return b;
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double[] p = new double[2];
        for (int i = 0; i <= EDGE_SAMPLES; i++) {
            for (int j = 0; j <= EDGE_SAMPLES; j++) {
                // The outline plus a coarse interior grid: a pole or a bulge inside the box counts too.
                double x = b.minX() + b.width() * i / EDGE_SAMPLES;
                double y = b.minY() + b.height() * j / EDGE_SAMPLES;
                if (apply(x, y, p)) {
                    minX = Math.min(minX, p[0]);
                    minY = Math.min(minY, p[1]);
                    maxX = Math.max(maxX, p[0]);
                    maxY = Math.max(maxY, p[1]);
                }
            }
        }
        return minX <= maxX ? new Bounds(minX, minY, maxX, maxY) : null;
    }
}
