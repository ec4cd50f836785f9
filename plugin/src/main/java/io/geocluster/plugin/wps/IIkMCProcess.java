package io.geocluster.plugin.wps;

import io.geocluster.engine.iikmc.IikmcOptions;
import io.geocluster.plugin.process.IikmcJob;
import io.geocluster.plugin.process.IikmcJobResult;
import io.geocluster.plugin.process.IikmcParameters;
import io.geocluster.plugin.process.ProcessInputs;
import io.geocluster.plugin.raster.QaMask;
import io.geocluster.plugin.spark.ExecutionEngine;
import io.geocluster.plugin.spark.SparkEngineSettings;
import io.geocluster.plugin.spi.LayerCatalog;
import io.geocluster.plugin.spi.PublishedLayer;
import io.geocluster.plugin.spi.SceneSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.stream.Collectors;
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
 * scene; publishes one label coverage per scene (DESIGN.md §3). The work is {@link IikmcJob}'s.
 *
 * <p>Inputs are the names of {@link IikmcParameters#PARAMETERS}, with the same defaults and
 * ranges (checked by {@code ProcessAnnotationsTest}). {@code engine=spark} runs the spark module's
 * IIkMC over one CSV or Parquet layer of pixel rows instead of coverages ({@link SparkRuns}).
 */
@DescribeProcess(title = "Inter-image k-means (IIkMC)",
        description = "Clusters the valid pixels of several multi-band scenes together, so that a class means the same"
                + " thing in every scene, and publishes one class raster per scene (uint8, nodata 255) with a shared"
                + " style.")
public final class IIkMCProcess implements ClusterProcess {
    private static final Logger LOG = Logger.getLogger(IIkMCProcess.class.getName());

    private final LayerCatalog catalog;
    private final SparkEngineSettings spark;

    /**
     * A process whose {@code engine=spark} runs use the settings of this JVM's system properties
     * and environment ({@link SparkEngineSettings#fromEnvironment()}).
     *
     * @param catalog where scenes are read and results published
     */
    public IIkMCProcess(LayerCatalog catalog) {
        this(catalog, SparkEngineSettings.fromEnvironment());
    }

    /**
     * @param catalog where scenes are read and results published
     * @param spark where {@code engine=spark} runs go, as the administrator configured it
     */
    public IIkMCProcess(LayerCatalog catalog, SparkEngineSettings spark) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.spark = Objects.requireNonNull(spark, "spark");
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
            @DescribeParameter(name = "bands", min = 0, defaultValue = IikmcParameters.DEFAULT_BANDS,
                    description = "Bands clustered on, comma separated.") String bands,
            @DescribeParameter(name = "mask", min = 0, defaultValue = QaMask.DEFAULT_SPEC, description = "Pixels left out:"
                    + " QA_PIXEL flags (qa_pixel:fill,dilated_cloud,cirrus,cloud,cloud_shadow,snow,water or bit numbers)"
                    + " and QA_AEROSOL bits (qa_aerosol:...), groups separated by ';'.") String mask,
            @DescribeParameter(name = "k", min = 0, defaultValue = "" + IikmcOptions.DEFAULT_K, minValue = 2,
                    maxValue = IikmcOptions.MAX_K, description = "Number of classes, 2 to " + IikmcOptions.MAX_K
                    + " (label 255 is nodata).") Integer k,
            @DescribeParameter(name = "maxIterations", min = 0, defaultValue = "" + IikmcOptions.DEFAULT_MAX_ITERATIONS,
                    minValue = 1, maxValue = 10_000, description = "Most Lloyd iterations.") Integer maxIterations,
            @DescribeParameter(name = "tolerance", min = 0, defaultValue = "" + IikmcOptions.DEFAULT_TOLERANCE,
                    minValue = 0, maxValue = 1, description = "Stop when fewer than this fraction of the pooled pixels"
                    + " change class in an iteration (0.01 = 1%).") Double tolerance,
            @DescribeParameter(name = "emptyClusters", min = 0, defaultValue = "cancel", description = "What happens to a"
                    + " class that loses all its pixels: cancel (dropped for good, as in the paper) or reseed (moved"
                    + " onto the farthest pixel).") String emptyClusters,
            @DescribeParameter(name = "backend", min = 0, defaultValue = "auto",
                    description = BatchedKMeansProcess.BACKEND) String backend,
            @DescribeParameter(name = ExecutionEngine.INPUT, min = 0, defaultValue = "local",
                    description = ExecutionEngine.DESCRIPTION + " With spark, scenes names one CSV or Parquet layer of"
                    + " pixel rows (scene,row,col and the bands, masked when written); coverages cannot be handed"
                    + " over.") String engine,
            @DescribeParameter(name = "outputName", min = 0, defaultValue = "iikmc", description = "Prefix of the"
                    + " published rasters' names, each <outputName>_<scene>, and name of their shared style.")
                    String outputName,
            @DescribeParameter(name = "workspace", min = 0, description = BatchedKMeansProcess.WORKSPACE) String workspace,
            ProgressListener listener) throws ProcessException {
        GivenInputs given = new GivenInputs().put("scenes", scenes).put("bands", bands).put("mask", mask).put("k", k)
                .put("maxIterations", maxIterations).put("tolerance", tolerance).put("emptyClusters", emptyClusters)
                .put("backend", backend).put(ExecutionEngine.INPUT, engine).put("outputName", outputName)
                .put("workspace", workspace);
        ProcessInputs in = ProcessRun.validate(() -> given.check(IikmcParameters.PARAMETERS));
        IikmcParameters p = ProcessRun.validate(() -> IikmcParameters.from(in));
        if (ProcessRun.validate(() -> ExecutionEngine.parse(in.get(ExecutionEngine.INPUT, String.class))) == ExecutionEngine.SPARK) {
            return SparkRuns.iikmc(catalog, spark, p, listener, LOG);
        }
        // one reading pass per scene, then at most maxIterations Lloyd iterations (often fewer:
        // progress then jumps to 100 when the run completes)
        int passes = p.scenes().size() + p.options().maxIterations();
        return ProcessRun.execute(catalog, listener, passes, LOG, (scratch, monitor, log) -> {
            List<SceneSource> opened = new ArrayList<>();
            try {
                for (String scene : p.scenes()) {
                    opened.add(catalog.openScene(scene, p.bands(), p.mask()));
                }
                IikmcJobResult r = new IikmcJob(log, scratch).execute(p, opened, catalog.rasterSink(p.workspace()), monitor);
                String names = r.layers().stream().map(PublishedLayer::name).collect(Collectors.joining(","));
                return ProcessRun.results("layerNames", names, r.summary(), r.profiles());
            } finally {
                closeAll(opened);
            }
        });
    }

    /** Closes every opened scene; the first failure is thrown once all were tried. */
    private static void closeAll(List<SceneSource> scenes) throws IOException {
        IOException failure = null;
        for (SceneSource s : scenes) {
            try {
                s.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
