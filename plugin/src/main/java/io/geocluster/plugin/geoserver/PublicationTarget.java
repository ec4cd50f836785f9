package io.geocluster.plugin.geoserver;

import java.nio.file.Path;
import java.util.Objects;
import org.geoserver.catalog.Catalog;
import org.geoserver.catalog.WorkspaceInfo;

/**
 * Where one run publishes: a workspace of the catalog, and that workspace's folder
 * {@code data/<workspace>/} of the data directory for the files behind its stores.
 *
 * @param catalog the GeoServer catalog
 * @param workspace the target workspace
 * @param dataDirectory the GeoServer data directory
 * @param classes the class-bound GeoServer calls
 */
record PublicationTarget(Catalog catalog, WorkspaceInfo workspace, Path dataDirectory, GeoServerClasses classes) {
    /** Checks every part is present. */
    PublicationTarget {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(classes, "classes");
    }

    /** A file under the workspace's data folder, {@code relative} using '/' separators. */
    Path dataFile(String relative) {
        return dataDirectory.resolve("data").resolve(workspace.getName()).resolve(relative);
    }

    /**
     * The same file as a {@code file:} URL relative to the data directory, the form GeoServer
     * resolves in store connection parameters and coverage store URLs, so that the data
     * directory can move.
     */
    String dataUrl(String relative) {
        return "file:data/" + workspace.getName() + "/" + relative;
    }

    /** The workspace-qualified name. */
    String qualified(String name) {
        return workspace.getName() + ":" + name;
    }

    /** @throws IllegalArgumentException when the workspace has a layer of that name */
    void checkNoLayer(String name) {
        if (catalog.getLayerByName(qualified(name)) != null) {
            throw new IllegalArgumentException("Layer '" + qualified(name) + "' already exists in GeoServer;"
                    + " choose another outputName or remove that layer");
        }
    }

    /** @throws IllegalArgumentException when the workspace has a style of that name */
    void checkNoStyle(String name) {
        if (catalog.getStyleByName(workspace, name) != null) {
            throw new IllegalArgumentException("Style '" + qualified(name) + "' already exists in GeoServer;"
                    + " choose another outputName or remove that style");
        }
    }
}
