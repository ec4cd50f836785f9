package io.geocluster.host.serve.wms;

/** What a WMS layer holds, which decides how it is drawn. */
public enum LayerKind {
    /** A GeoPackage point table; points are drawn as circles coloured by {@code cluster}. */
    POINTS,
    /** A single-band uint8 GeoTIFF of class labels (255 = nodata). */
    RASTER
}
