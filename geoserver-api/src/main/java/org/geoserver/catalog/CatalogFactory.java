/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/CatalogFactory.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

/** Creates new, detached catalog objects (declaration only). */
public interface CatalogFactory {
    StyleInfo createStyle();
}
