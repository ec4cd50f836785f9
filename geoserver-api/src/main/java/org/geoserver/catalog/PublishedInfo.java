/*
 * Compile-only declaration. Signatures of the well-known API of GeoServer (GPL 2.0), real source at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/PublishedInfo.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

/** Something published by the services: a layer or a layer group (declaration only). */
public interface PublishedInfo {
    String getName();

    String prefixedName();
}
