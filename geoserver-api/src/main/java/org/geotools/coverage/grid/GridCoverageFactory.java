/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/coverage/src/main/java/org/geotools/coverage/grid/GridCoverageFactory.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.coverage.grid;

import java.awt.image.RenderedImage;
import java.util.Map;
import org.geotools.api.coverage.grid.GridCoverage;
import org.geotools.coverage.GridSampleDimension;

/** Creates grid coverages from images (declaration only). */
public class GridCoverageFactory {
    public GridCoverageFactory() {
        throw new UnsupportedOperationException();
    }

    public GridCoverage2D create(CharSequence name, RenderedImage image, GridGeometry2D gridGeometry,
            GridSampleDimension[] bands, GridCoverage[] sources, Map<?, ?> properties) {
        throw new UnsupportedOperationException();
    }
}
