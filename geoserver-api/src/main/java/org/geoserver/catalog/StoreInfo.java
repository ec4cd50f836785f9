/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/StoreInfo.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

import java.io.Serializable;
import java.util.Map;

/** A store of geospatial resources (declaration only). */
public interface StoreInfo {
    String getName();

    String getType();

    void setType(String type);

    WorkspaceInfo getWorkspace();

    Map<String, Serializable> getConnectionParameters();
}
