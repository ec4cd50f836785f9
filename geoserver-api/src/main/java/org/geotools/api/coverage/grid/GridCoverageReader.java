/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/coverage/grid/GridCoverageReader.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.coverage.grid;

/** Reads grid coverages from a source (declaration only; no member is called through it). */
public interface GridCoverageReader {
}
