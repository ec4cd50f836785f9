/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/StyleInfo.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

/** A style in the catalog, whose content lives in a file of the data directory (declaration only). */
public interface StyleInfo {
    String getName();

    void setName(String name);

    void setWorkspace(WorkspaceInfo workspace);

    String getFilename();

    void setFilename(String fileName);

    void setFormat(String format);

    String prefixedName();
}
