package io.geocluster.host.serve.wms;

/**
 * An axis-aligned rectangle in easting/northing (x/y) order, whatever the axis order of the CRS
 * it belongs to; WMS axis order is applied only when reading or writing requests and documents.
 */
public record Bounds(double minX, double minY, double maxX, double maxY) {
    /** Checks that the corners are finite and ordered (an empty, zero-area box is allowed). */
    public Bounds {
        if (!Double.isFinite(minX) || !Double.isFinite(minY) || !Double.isFinite(maxX) || !Double.isFinite(maxY)) {
            throw new IllegalArgumentException("bounds must be finite, got " + minX + "," + minY + "," + maxX + "," + maxY);
        }
        if (minX > maxX || minY > maxY) {
            throw new IllegalArgumentException("bounds minimum exceeds maximum: " + minX + "," + minY + "," + maxX + "," + maxY);
        }
    }

    /** Width in CRS units. */
    public double width() {
        return maxX - minX;
    }

    /** Height in CRS units. */
    public double height() {
        return maxY - minY;
    }

    /** Whether the two rectangles share at least one point. */
    public boolean intersects(Bounds other) {
        return minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY;
    }
}
