/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/Catalog.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

/** The GeoServer catalog of workspaces, stores, resources, layers and styles (declaration only). */
public interface Catalog {
    CatalogFactory getFactory();

    void add(StoreInfo store);

    void remove(StoreInfo store);

    DataStoreInfo getDataStoreByName(WorkspaceInfo workspace, String name);

    CoverageStoreInfo getCoverageStoreByName(WorkspaceInfo workspace, String name);

    void add(ResourceInfo resource);

    void remove(ResourceInfo resource);

    void add(LayerInfo layer);

    void remove(LayerInfo layer);

    LayerInfo getLayerByName(String name);

    void add(StyleInfo style);

    void remove(StyleInfo style);

    StyleInfo getStyleByName(WorkspaceInfo workspace, String name);

    WorkspaceInfo getDefaultWorkspace();

    WorkspaceInfo getWorkspaceByName(String name);

    ResourcePool getResourcePool();
}
