package io.geocluster.plugin.geoserver;

import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.geoserver.catalog.Catalog;
import org.geoserver.catalog.WorkspaceInfo;

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
     *         GeoPackage, or a layer or style of that name exists in the workspace
     */
    @Override
    public void checkWritable(String layerName) {
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
    }

    @Override
    public LayerWriter create(OutputLayer layer) throws IOException {
        checkWritable(layer.name());
        return new CatalogLayerWriter(this, catalog, workspace, classes, layer);
    }
}
