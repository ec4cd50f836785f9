/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/LayerInfo.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

/** A layer: a resource published with styles (declaration only). */
public interface LayerInfo extends PublishedInfo {
    ResourceInfo getResource();

    void setDefaultStyle(StyleInfo defaultStyle);
}
