package io.geocluster.plugin.spi;

import io.geocluster.plugin.raster.QaMask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves the layer names that process inputs carry to readable layers, and says where results
 * are published: GeoServer's catalog in the plugin, a workspace folder (or plain files) in the
 * host. The WPS process classes see only this interface, which is why the same classes run in
 * both.
 */
public interface LayerCatalog {
    /**
     * Opens a point (or any geometry) vector layer.
     *
     * @throws IllegalArgumentException when no vector layer of that name exists, with a message
     *         naming it
     */
    LayerSource openPoints(String layer) throws IOException;

    /**
     * Opens a multi-band scene (a coverage, or a Landsat scene folder) for reading the given
     * bands under the given mask.
     *
     * @throws IllegalArgumentException when the scene, a band, or a QA band the mask needs is
     *         missing, or its bands differ in size
     */
    SceneSource openScene(String scene, List<String> bands, QaMask mask) throws IOException;

    /** Where vector results of a run are published; {@code workspace} null means the default one. */
    LayerSink pointSink(String workspace) throws IOException;

    /** Where raster results of a run are published; {@code workspace} null means the default one. */
    RasterSink rasterSink(String workspace) throws IOException;

    /**
     * Where a Spark job reads a layer ({@code engine=spark}): the path or URI of the CSV file or of
     * the Parquet / GeoParquet file or folder behind it, as Spark's {@code read().csv} /
     * {@code read().parquet} take it. Spark reads the file itself, so it must see it under that
     * name. Catalogs that cannot tell keep this default, which refuses.
     *
     * @throws IllegalArgumentException when no layer has that name, or the layer is not backed by a
     *         CSV or Parquet file, with a message saying that {@code engine=spark} needs one
     */
    default String sparkInput(String layer) throws IOException {
        throw new IllegalArgumentException("engine=spark needs a CSV or Parquet-backed layer, and this catalog cannot"
                + " hand '" + layer + "' to Spark; use engine=local.");
    }

    /**
     * A new empty folder for one run's temporary files (pass caches, spilled pixels). The caller
     * deletes it when the run ends, successful or not.
     */
    Path createScratchDirectory() throws IOException;
}
