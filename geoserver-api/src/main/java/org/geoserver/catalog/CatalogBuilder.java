/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/CatalogBuilder.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

import java.io.IOException;
import org.geotools.api.data.FeatureSource;

/** Builds detached catalog objects the way the GeoServer UI and REST API do (declaration only). */
@SuppressWarnings("rawtypes")
public class CatalogBuilder {
    public CatalogBuilder(Catalog catalog) {
        throw new UnsupportedOperationException();
    }

    public void setWorkspace(WorkspaceInfo workspace) {
        throw new UnsupportedOperationException();
    }

    public void setStore(StoreInfo store) {
        throw new UnsupportedOperationException();
    }

    public DataStoreInfo buildDataStore(String name) {
        throw new UnsupportedOperationException();
    }

    public CoverageStoreInfo buildCoverageStore(String name) {
        throw new UnsupportedOperationException();
    }

    public FeatureTypeInfo buildFeatureType(FeatureSource featureSource) {
        throw new UnsupportedOperationException();
    }

    public void setupBounds(FeatureTypeInfo ftinfo, FeatureSource featureSource) throws IOException {
        throw new UnsupportedOperationException();
    }

    public CoverageInfo buildCoverageByName(String nativeCoverageName, String specifiedName) throws Exception {
        throw new UnsupportedOperationException();
    }

    public LayerInfo buildLayer(FeatureTypeInfo featureType) throws IOException {
        throw new UnsupportedOperationException();
    }

    public LayerInfo buildLayer(CoverageInfo coverage) throws IOException {
        throw new UnsupportedOperationException();
    }
}
