/*
 * Compile-only declaration. Signatures of the well-known API of GeoServer (GPL 2.0), real source at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/WorkspaceInfo.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

/** A workspace: the container of stores, and the prefix of the layers they publish (declaration only). */
public interface WorkspaceInfo {
    String getName();
}
