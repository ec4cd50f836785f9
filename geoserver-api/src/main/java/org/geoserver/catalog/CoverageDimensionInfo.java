/*
 * Compile-only declaration. Signatures of the well-known API of GeoServer (GPL 2.0), real source at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/CoverageDimensionInfo.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

/** One band of a coverage as GeoServer describes (and lets the administrator name) it (declaration only). */
public interface CoverageDimensionInfo {
    String getName();
}
