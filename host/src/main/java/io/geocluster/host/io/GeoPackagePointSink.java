package io.geocluster.host.io;

import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Publishes result layers as {@code <name>.gpkg} plus {@code <name>.sld} in a folder, atomically:
 * until a writer commits nothing is visible under those names, and a writer closed without
 * committing leaves nothing behind.
 *
 * <p>Each layer is one point feature table named like the layer, with the columns {@code fid}
 * (primary key), {@code geom} (POINT), the source id, {@code cluster} (NULL for unclustered rows),
 * {@code split} and the kept attributes; see {@link OutputColumns} for how clashing names are resolved.
 */
public final class GeoPackagePointSink implements LayerSink {
    private static final Pattern LAYER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final Path directory;
    private final boolean overwrite;
    private final boolean spatialIndex;

    /**
     * A sink writing layers without a spatial index.
     *
     * @param directory folder receiving the layers; created on first use
     * @param overwrite whether an existing layer of the same name may be replaced
     */
    public GeoPackagePointSink(Path directory, boolean overwrite) {
        this(directory, overwrite, false);
    }

    /**
     * @param directory folder receiving the layers; created on first use
     * @param overwrite whether an existing layer of the same name may be replaced
     * @param spatialIndex whether to build the GeoPackage R-tree index (NGA's
     *        {@code RTreeIndexExtension}) on commit; it speeds up map rendering but costs about
     *        20 µs per point, ten times the rest of the write
     */
    public GeoPackagePointSink(Path directory, boolean overwrite, boolean spatialIndex) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.overwrite = overwrite;
        this.spatialIndex = spatialIndex;
    }

    /** Where the data of the layer of that name goes. */
    public Path dataFile(String layerName) {
        return directory.resolve(layerName + ".gpkg");
    }

    /** Where the style of the layer of that name goes. */
    public Path styleFile(String layerName) {
        return directory.resolve(layerName + ".sld");
    }

    /**
     * @throws IllegalArgumentException when the name is not a plain identifier or is reserved by GeoPackage or SQLite
     * @throws IOException when the layer exists and overwriting was not allowed, or the folder is not a folder
     */
    @Override
    public void checkWritable(String layerName) throws IOException {
        Objects.requireNonNull(layerName, "layerName");
        if (!LAYER_NAME.matcher(layerName).matches()) {
            throw new IllegalArgumentException("Invalid layer name '" + layerName + "': use 1 to 63 letters, digits"
                    + " and underscores, not starting with a digit");
        }
        String lower = layerName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("gpkg_") || lower.startsWith("sqlite_") || lower.startsWith("rtree_")) {
            throw new IllegalArgumentException("Invalid layer name '" + layerName
                    + "': the prefixes gpkg_, sqlite_ and rtree_ are reserved by GeoPackage");
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException("Output location " + directory + " is not a folder");
        }
        if (!overwrite) {
            for (Path p : new Path[] {dataFile(layerName), styleFile(layerName)}) {
                if (Files.exists(p)) {
                    throw new IOException("Layer '" + layerName + "' (" + p
                            + ") already exists; pass --overwrite to replace it");
                }
            }
        }
    }

    @Override
    public LayerWriter create(OutputLayer layer) throws IOException {
        checkWritable(layer.name());
        Files.createDirectories(directory);
        return new GeoPackagePointWriter(layer, directory, overwrite, spatialIndex);
    }
}
