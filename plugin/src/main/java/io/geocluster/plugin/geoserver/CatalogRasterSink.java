package io.geocluster.plugin.geoserver;

import io.geocluster.plugin.spi.RasterSink;
import io.geocluster.plugin.spi.RasterWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Publishes IIkMC label rasters in one workspace of the GeoServer catalog: each raster is a
 * GeoTIFF file {@code data/<workspace>/geocluster/<layer>.tif} of the data directory, published
 * as a GeoTIFF coverage store, coverage and layer of that name, all styled by one generated
 * style. See {@link CatalogRasterWriter} for how a failure leaves nothing behind.
 */
final class CatalogRasterSink implements RasterSink {
    /** GeoServer's store type name of GeoTIFF stores. */
    static final String STORE_TYPE = "GeoTIFF";

    private final PublicationTarget target;

    CatalogRasterSink(PublicationTarget target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** The folder of the workspace's label rasters. */
    Path directory() {
        return target.dataFile(CatalogLayerSink.STORE_NAME);
    }

    /** The coverage store URL of a label raster: its file relative to the data directory. */
    String url(String layerName) {
        return target.dataUrl(CatalogLayerSink.STORE_NAME + "/" + layerName + ".tif");
    }

    /**
     * @throws IllegalArgumentException when a name is invalid or given twice, or a layer, a
     *         coverage store or a file of that name exists in the workspace
     */
    @Override
    public void checkWritable(List<String> layerNames) {
        Set<String> seen = new HashSet<>();
        for (String name : layerNames) {
            OutputNames.checkFileName(name);
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Output name '" + name + "' is given to two label rasters");
            }
            target.checkNoLayer(name);
            if (target.catalog().getCoverageStoreByName(target.workspace(), name) != null) {
                throw new IllegalArgumentException("Coverage store '" + target.qualified(name) + "' already exists in"
                        + " GeoServer; choose another outputName or remove that store");
            }
            Path file = directory().resolve(name + ".tif");
            if (Files.exists(file)) {
                throw new IllegalArgumentException("File " + file + " already exists (not published as a layer);"
                        + " choose another outputName or delete that file");
            }
        }
    }

    /** Checks that a style may be created under that name in the workspace. */
    void checkStyle(String styleName) {
        OutputNames.checkFileName(styleName);
        target.checkNoStyle(styleName);
    }

    @Override
    public RasterWriter create() throws IOException {
        Files.createDirectories(directory());
        return new CatalogRasterWriter(this, target.catalog(), target.workspace(), target.classes());
    }
}
