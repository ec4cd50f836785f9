package io.geocluster.plugin.wps;

import io.geocluster.engine.iikmc.IikmcOptions;
import io.geocluster.plugin.raster.QaMask;
import io.geocluster.plugin.spi.LayerCatalog;
import java.util.Map;
import java.util.Objects;
import org.geoserver.wps.process.RawData;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.ProcessException;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/**
 * {@code cluster:IIkMC}: inter-image k-means (Han &amp; Lee 2024) — one pooled clustering of the
 * valid pixels of several scenes, so that a class number means the same land cover in every
 * scene; publishes one label coverage per scene (DESIGN.md §3).
 */
@DescribeProcess(title = "Inter-image k-means (IIkMC)",
        description = "Clusters the valid pixels of several multi-band scenes together, so that a class means the same"
                + " thing in every scene, and publishes one class raster per scene (uint8, nodata 255) with a shared"
                + " style.")
public final class IIkMCProcess implements ClusterProcess {
    static final String DEFAULT_BANDS = "SR_B2,SR_B3,SR_B4,SR_B5,SR_B6,SR_B7";

    private final LayerCatalog catalog;

    /** @param catalog where scenes are read and results published */
    public IIkMCProcess(LayerCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Runs IIkMC.
     *
     * @return {@code layerNames} (String, comma separated), {@code summary} and {@code profiles}
     *         ({@link RawData})
     * @throws ProcessException for invalid inputs or a failed read or publish
     */
    @DescribeResults({
        @DescribeResult(name = "layerNames", type = String.class, primary = true,
                description = "Names of the published class rasters, one per scene in the order of 'scenes', comma separated."),
        @DescribeResult(name = "summary", type = RawData.class, meta = {"mimeTypes=" + RawResult.JSON},
                description = "JSON summary: class centres in reflectance, class sizes per scene, changed fraction per iteration."),
        @DescribeResult(name = "profiles", type = RawData.class, meta = {"mimeTypes=" + RawResult.PNG},
                description = "PNG chart: spectral signature (mean reflectance per band) of every class.")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "scenes", min = 1, description = "Scenes to cluster together: coverage names"
                    + " (workspace:name), comma separated. Every scene must have the bands and the QA band the mask needs.")
                    String scenes,
            @DescribeParameter(name = "bands", min = 0, defaultValue = DEFAULT_BANDS, description = "Bands clustered on,"
                    + " comma separated.") String bands,
            @DescribeParameter(name = "mask", min = 0, defaultValue = QaMask.DEFAULT_SPEC, description = "Pixels left out:"
                    + " QA_PIXEL bits (qa_pixel:fill,dilated_cloud,cirrus,cloud,cloud_shadow,snow,water or bit numbers)"
                    + " and QA_AEROSOL bits (qa_aerosol:...), separated by ';'.") String mask,
            @DescribeParameter(name = "k", min = 0, defaultValue = "" + IikmcOptions.DEFAULT_K, minValue = 2,
                    maxValue = IikmcOptions.MAX_K, description = "Number of classes, 2 to " + IikmcOptions.MAX_K + ".")
                    Integer k,
            @DescribeParameter(name = "maxIterations", min = 0, defaultValue = "" + IikmcOptions.DEFAULT_MAX_ITERATIONS,
                    minValue = 1, maxValue = 1000, description = "Most Lloyd iterations.") Integer maxIterations,
            @DescribeParameter(name = "tolerance", min = 0, defaultValue = "" + IikmcOptions.DEFAULT_TOLERANCE,
                    minValue = 0, maxValue = 1, description = "Stop when fewer than this fraction of pixels change"
                    + " class in an iteration (0.01 = 1%).") Double tolerance,
            @DescribeParameter(name = "emptyClusters", min = 0, defaultValue = "cancel", description = "What happens to a"
                    + " class that loses all its pixels: cancel (dropped for good, as in the paper) or reseed.")
                    String emptyClusters,
            @DescribeParameter(name = "backend", min = 0, defaultValue = "auto",
                    description = BatchedKMeansProcess.BACKEND) String backend,
            @DescribeParameter(name = "outputName", min = 0, description = "Prefix of the published rasters' names;"
                    + " each is <outputName>_<scene>.") String outputName,
            @DescribeParameter(name = "workspace", min = 0, description = BatchedKMeansProcess.WORKSPACE) String workspace,
            ProgressListener listener) throws ProcessException {
        throw new ProcessException("cluster:IIkMC is not available in this build yet: its catalog implementation is"
                + " still being written.");
    }
}
