/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/coverage/src/main/java/org/geotools/coverage/grid/GridGeometry2D.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.coverage.grid;

/** The grid range, grid-to-CRS transform and CRS of a two-dimensional grid (declaration only). */
public class GridGeometry2D {
    private GridGeometry2D() {
        throw new UnsupportedOperationException();
    }
}
