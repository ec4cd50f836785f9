/*
 * Compile-only declaration. Signatures of the well-known API of GeoServer (GPL 2.0), real source at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/ResourceInfo.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

/** A published resource: a feature type or a coverage (declaration only). */
public interface ResourceInfo {
    String getName();

    String getSRS();

    String prefixedName();

    /** The store the resource is a part of. */
    StoreInfo getStore();
}
