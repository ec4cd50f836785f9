/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/CoverageDimensionInfo.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

/** One band of a coverage as GeoServer describes (and lets the administrator name) it (declaration only). */
public interface CoverageDimensionInfo {
    String getName();
}
