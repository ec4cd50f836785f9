package io.geocluster.plugin.geoserver;

import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.geoserver.catalog.DataStoreInfo;
import org.geotools.api.data.DataAccess;
import org.geotools.api.data.DataStore;

/**
 * Publishes result layers in one workspace of the GeoServer catalog: the features go into a table
 * of the workspace's GeoPackage store {@value #STORE_NAME} (file
 * {@code data/<workspace>/geocluster.gpkg} in the data directory; store and file are created when
 * missing), then the feature type, the generated style and the layer are added to the catalog.
 * See {@link CatalogLayerWriter} for how a failure or cancellation leaves nothing behind.
 */
final class CatalogLayerSink implements LayerSink {
    /** Name of the GeoPackage store that holds the result layers of a workspace. */
    static final String STORE_NAME = "geocluster";
    /** GeoServer's store type name of GeoPackage stores. */
    static final String STORE_TYPE = "GeoPackage";

    private final PublicationTarget target;

    CatalogLayerSink(PublicationTarget target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** The GeoPackage file of the workspace's result store. */
    Path storeFile() {
        return target.dataFile(STORE_NAME + ".gpkg");
    }

    /** The store's {@code database} connection parameter: the file relative to the data directory. */
    String storeUrl() {
        return target.dataUrl(STORE_NAME + ".gpkg");
    }

    /**
     * @throws IllegalArgumentException when the name is not a plain identifier, is reserved by
     *         GeoPackage, or a layer, a style or a table of the result store of that name exists
     * @throws IOException when the workspace has a store named {@value #STORE_NAME} that is not a
     *         GeoPackage store, or the store cannot be read
     */
    @Override
    public void checkWritable(String layerName) throws IOException {
        OutputNames.check(layerName);
        target.checkNoLayer(layerName);
        target.checkNoStyle(layerName);
        // A table left in the store file (by a crash, or by hand) would make the run fail only
        // after all the clustering work, when the layer is created: refuse it now.
        DataStoreInfo store = resultStore();
        if (store != null) {
            checkNoTable(layerName, dataStoreOf(store));
        } else if (Files.exists(storeFile())) {
            DataStore data = target.classes().openGeoPackage(storeFile().toFile());
            try {
                checkNoTable(layerName, data);
            } finally {
                data.dispose();
            }
        }
    }

    /**
     * The workspace's result store as the catalog has it now, or {@code null} when there is none.
     *
     * @throws IOException when a store of that name is not a GeoPackage store
     */
    DataStoreInfo resultStore() throws IOException {
        DataStoreInfo store = target.catalog().getDataStoreByName(target.workspace(), STORE_NAME);
        if (store != null && !STORE_TYPE.equals(store.getType())) {
            throw new IOException("Store '" + target.qualified(STORE_NAME) + "' exists but is a "
                    + store.getType() + " store; geocluster publishes its results in a GeoPackage store of that name");
        }
        return store;
    }

    /** GeoServer's own, pooled data store of a catalog store: to be used, never disposed. */
    static DataStore dataStoreOf(DataStoreInfo store) throws IOException {
        DataAccess<?, ?> access = store.getDataStore(null);
        if (!(access instanceof DataStore)) {
            throw new IOException("Store '" + store.getWorkspace().getName() + ":" + store.getName()
                    + "' did not open as a GeoPackage data store");
        }
        return (DataStore) access;
    }

    /**
     * @throws IllegalArgumentException when the data store already has a table of that name
     *         (compared as SQLite does, ignoring case)
     */
    void checkNoTable(String layerName, DataStore data) throws IOException {
        for (String existing : data.getTypeNames()) {
            if (existing.equalsIgnoreCase(layerName)) {
                throw new IllegalArgumentException("Store '" + target.qualified(STORE_NAME)
                        + "' already has a table '" + existing + "' that is not published as a layer; choose"
                        + " another outputName or drop that table from " + storeFile());
            }
        }
    }

    @Override
    public LayerWriter create(OutputLayer layer) throws IOException {
        checkWritable(layer.name());
        return new CatalogLayerWriter(this, target.catalog(), target.workspace(), target.classes(), layer);
    }
}
