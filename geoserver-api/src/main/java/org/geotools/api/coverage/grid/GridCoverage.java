/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/coverage/grid/GridCoverage.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.coverage.grid;

/** A coverage on a grid (declaration only; no member is called through it). */
public interface GridCoverage {
}
