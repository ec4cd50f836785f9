package io.geocluster.plugin.geoserver;

import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.geoserver.catalog.Catalog;
import org.geoserver.catalog.DataStoreInfo;
import org.geoserver.catalog.WorkspaceInfo;
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
    private static final Pattern LAYER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final Catalog catalog;
    private final WorkspaceInfo workspace;
    private final Path dataDirectory;
    private final GeoServerClasses classes;

    /**
     * @param dataDirectory the GeoServer data directory, under which {@code data/<workspace>/}
     *        receives the GeoPackage file
     */
    CatalogLayerSink(Catalog catalog, WorkspaceInfo workspace, Path dataDirectory, GeoServerClasses classes) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        this.classes = Objects.requireNonNull(classes, "classes");
    }

    /** The GeoPackage file of the workspace's result store. */
    Path storeFile() {
        return dataDirectory.resolve("data").resolve(workspace.getName()).resolve(STORE_NAME + ".gpkg");
    }

    /** The store's {@code database} connection parameter: the file relative to the data directory. */
    String storeUrl() {
        return "file:data/" + workspace.getName() + "/" + STORE_NAME + ".gpkg";
    }

    /**
     * @throws IllegalArgumentException when the name is not a plain identifier, is reserved by
     *         GeoPackage, or a layer, a style or a table of the result store of that name exists
     * @throws IOException when the workspace has a store named {@value #STORE_NAME} that is not a
     *         GeoPackage store, or the store cannot be read
     */
    @Override
    public void checkWritable(String layerName) throws IOException {
        Objects.requireNonNull(layerName, "layerName");
        if (!LAYER_NAME.matcher(layerName).matches()) {
            throw new IllegalArgumentException("Invalid outputName '" + layerName + "': use 1 to 63 letters, digits"
                    + " and underscores, not starting with a digit");
        }
        String lower = layerName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("gpkg_") || lower.startsWith("sqlite_") || lower.startsWith("rtree_")) {
            throw new IllegalArgumentException("Invalid outputName '" + layerName
                    + "': the prefixes gpkg_, sqlite_ and rtree_ are reserved by GeoPackage");
        }
        String qualified = workspace.getName() + ":" + layerName;
        if (catalog.getLayerByName(qualified) != null) {
            throw new IllegalArgumentException("Layer '" + qualified + "' already exists in GeoServer;"
                    + " choose another outputName or remove that layer");
        }
        if (catalog.getStyleByName(workspace, layerName) != null) {
            throw new IllegalArgumentException("Style '" + qualified + "' already exists in GeoServer;"
                    + " choose another outputName or remove that style");
        }
        // A table left in the store file (by a crash, or by hand) would make the run fail only
        // after all the clustering work, when the layer is created: refuse it now.
        DataStoreInfo store = resultStore();
        if (store != null) {
            checkNoTable(layerName, dataStoreOf(store));
        } else if (Files.exists(storeFile())) {
            DataStore data = classes.openGeoPackage(storeFile().toFile());
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
        DataStoreInfo store = catalog.getDataStoreByName(workspace, STORE_NAME);
        if (store != null && !STORE_TYPE.equals(store.getType())) {
            throw new IOException("Store '" + workspace.getName() + ":" + STORE_NAME + "' exists but is a "
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
                throw new IllegalArgumentException("Store '" + workspace.getName() + ":" + STORE_NAME
                        + "' already has a table '" + existing + "' that is not published as a layer; choose"
                        + " another outputName or drop that table from " + storeFile());
            }
        }
    }

    @Override
    public LayerWriter create(OutputLayer layer) throws IOException {
        checkWritable(layer.name());
        return new CatalogLayerWriter(this, catalog, workspace, classes, layer);
    }
}
