/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/coverage/src/main/java/org/geotools/coverage/GridSampleDimension.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.coverage;

/** Describes one band of a grid coverage (declaration only; the plugin passes {@code null}). */
public class GridSampleDimension {
    private GridSampleDimension() {
        throw new UnsupportedOperationException();
    }
}
