/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/CoverageStoreInfo.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

/** A store of raster resources, such as one GeoTIFF file (declaration only). */
public interface CoverageStoreInfo extends StoreInfo {
    String getURL();

    void setURL(String url);
}
