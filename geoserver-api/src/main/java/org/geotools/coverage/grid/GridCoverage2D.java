/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/coverage/src/main/java/org/geotools/coverage/grid/GridCoverage2D.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.coverage.grid;

import java.awt.image.RenderedImage;
import org.geotools.api.coverage.grid.GridCoverage;

/** A two-dimensional grid coverage backed by a rendered image (declaration only). */
public class GridCoverage2D implements GridCoverage {
    private GridCoverage2D() {
        throw new UnsupportedOperationException();
    }

    public GridGeometry2D getGridGeometry() {
        throw new UnsupportedOperationException();
    }

    public RenderedImage getRenderedImage() {
        throw new UnsupportedOperationException();
    }

    public boolean dispose(boolean force) {
        throw new UnsupportedOperationException();
    }
}
