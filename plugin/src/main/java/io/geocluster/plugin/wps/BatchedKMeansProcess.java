package io.geocluster.plugin.wps;

import io.geocluster.engine.kmeans.KMeansOptions;
import io.geocluster.engine.reservoir.ReservoirOptions;
import io.geocluster.plugin.process.BatchedKMeansJob;
import io.geocluster.plugin.process.BatchedKMeansParameters;
import io.geocluster.plugin.process.BatchedKMeansResult;
import io.geocluster.plugin.process.ProcessInputs;
import io.geocluster.plugin.process.ReservoirParameters;
import io.geocluster.plugin.spark.ExecutionEngine;
import io.geocluster.plugin.spark.SparkEngineSettings;
import io.geocluster.plugin.spi.LayerCatalog;
import io.geocluster.plugin.spi.LayerSource;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import org.geoserver.wps.process.RawData;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.ProcessException;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/**
 * {@code cluster:BatchedKMeans}: mini-batch k-means over a point layer of the catalog, published
 * as a new styled layer (DESIGN.md §3). The work is {@link BatchedKMeansJob}'s; this class
 * declares the WPS contract and adapts GeoServer's listener and errors.
 *
 * <p>Inputs are the names of {@link BatchedKMeansParameters#PARAMETERS}, with the same defaults
 * and ranges (checked by {@code ProcessAnnotationsTest}); adding an input means one annotated
 * argument here and one {@code put} line.
 *
 * <p>{@code engine=spark} hands the run to the Spark master the administrator configured
 * ({@link SparkRuns}): the layer must be CSV- or Parquet-backed, and the result is a Parquet folder
 * of labels keyed by the source id plus the summary, not a published layer.
 */
@DescribeProcess(title = "Batched k-means",
        description = "Clusters the points of a layer by their attributes with mini-batch k-means, streaming the layer"
                + " so that any size fits in memory, and publishes a new layer with a 'cluster' attribute and a style"
                + " giving each cluster its own colour.")
public final class BatchedKMeansProcess implements ClusterProcess {
    private static final Logger LOG = Logger.getLogger(BatchedKMeansProcess.class.getName());

    // Shared with SmoothedKMeansProcess, whose inputs start with these.
    static final String LAYER = "Point layer to cluster, as workspace:name.";
    static final String DYNAMIC = "Time-dependent features: attribute names or prefixes (emb_ or emb_*), comma separated;"
            + " 'series' selects every per-date yyyymmdd column. Attributes must be numeric.";
    static final String STATIC = "Static features: numeric attribute names or prefixes, comma separated."
            + " At least one feature must come from dynamicAttributes or staticAttributes.";
    static final String KEEP = "Attributes of the layer copied to the result layer, comma separated.";
    static final String K = "Number of clusters, 2 to " + KMeansOptions.MAX_K + ".";
    static final String BATCH = "Points per mini-batch update.";
    static final String INIT = "Points in the random sample that k-means++ seeds the centres on.";
    static final String EPOCHS = "Passes of mini-batch updates over the training points.";
    static final String TEST = "Fraction of points held out to measure test inertia, chosen by a hash of the feature id"
            + " (stable between runs).";
    static final String STANDARDIZE = "Scale every feature to unit variance first, so that metres do not outweigh"
            + " mm/yr; recommended when features have different units.";
    static final String SEED = "Seed of every random choice; equal seeds give equal results.";
    static final String BACKEND = "Where the arithmetic runs: auto (the GPU when one is usable, else the CPU), cpu or gpu.";
    static final String OUTPUT = "Name of the published layer; default <layer>_clusters.";
    static final String WORKSPACE = "Workspace the result is published in; default the catalog's default workspace.";
    static final String STYLE = "An SLD 1.0 document to publish with the result instead of the generated style.";
    static final String LAYER_NAME = "Name of the published layer, workspace:name.";
    static final String SUMMARY = "JSON summary: k, cluster sizes, centres in the attributes' own units, train and test"
            + " inertia per point, passes, backend and timings.";
    static final String PROFILES = "PNG chart: mean and standard deviation of every feature per cluster, and the mean"
            + " displacement series when the layer has per-date columns.";

    static final String RES_SIZE = "Reservoir embedding (dynamicAttributes=reservoir): number of reservoir units R.";
    static final String RES_RADIUS = "Reservoir embedding: spectral radius the recurrent weights are scaled to"
            + " (memory; below 1 for stable echoes).";
    static final String RES_LEAK = "Reservoir embedding: leak rate a of h(t) = (1-a) h(t-1) + a tanh(...).";
    static final String RES_INPUT = "Reservoir embedding: input weight modulus; series are centred and divided by one"
            + " layer-wide scale first.";
    static final String RES_CONNECTIVITY = "Reservoir embedding: fraction of non-zero recurrent weights.";
    static final String RES_DIMENSION = "Reservoir embedding: PCA dimension D of the states; the embedding has D*D+D"
            + " features.";
    static final String RES_RIDGE = "Reservoir embedding: ridge regularisation of the per-series readout.";
    static final String RES_WASHOUT = "Reservoir embedding: leading time steps whose states are discarded.";
    static final String RES_SEED = "Reservoir embedding: seed of the random reservoir (default: the seed input).";

    private final LayerCatalog catalog;
    private final SparkEngineSettings spark;

    /**
     * A process whose {@code engine=spark} runs use the settings of this JVM's system properties
     * and environment ({@link SparkEngineSettings#fromEnvironment()}).
     *
     * @param catalog where layers are read and results published
     */
    public BatchedKMeansProcess(LayerCatalog catalog) {
        this(catalog, SparkEngineSettings.fromEnvironment());
    }

    /**
     * @param catalog where layers are read and results published
     * @param spark where {@code engine=spark} runs go, as the administrator configured it
     */
    public BatchedKMeansProcess(LayerCatalog catalog, SparkEngineSettings spark) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.spark = Objects.requireNonNull(spark, "spark");
    }

    /**
     * Runs the clustering.
     *
     * @return {@code layerName} (String), {@code summary} and {@code profiles} ({@link RawData})
     * @throws ProcessException for invalid inputs or a failed read or publish, with a message for
     *         the user
     */
    @DescribeResults({
        @DescribeResult(name = "layerName", type = String.class, description = LAYER_NAME, primary = true),
        @DescribeResult(name = "summary", type = RawData.class, description = SUMMARY, meta = {"mimeTypes=" + RawResult.JSON}),
        @DescribeResult(name = "profiles", type = RawData.class, description = PROFILES, meta = {"mimeTypes=" + RawResult.PNG})
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "layer", description = LAYER, min = 1) String layer,
            @DescribeParameter(name = "dynamicAttributes", description = DYNAMIC, min = 0) String dynamicAttributes,
            @DescribeParameter(name = "staticAttributes", description = STATIC, min = 0) String staticAttributes,
            @DescribeParameter(name = "keepAttributes", description = KEEP, min = 0) String keepAttributes,
            @DescribeParameter(name = "k", description = K, min = 0, defaultValue = "" + KMeansOptions.DEFAULT_K,
                    minValue = 2, maxValue = KMeansOptions.MAX_K) Integer k,
            @DescribeParameter(name = "batchSize", description = BATCH, min = 0, defaultValue = "" + KMeansOptions.DEFAULT_BATCH_SIZE,
                    minValue = 1, maxValue = 1 << 24) Integer batchSize,
            @DescribeParameter(name = "initSize", description = INIT, min = 0, defaultValue = "" + KMeansOptions.DEFAULT_INIT_SIZE,
                    minValue = 1, maxValue = 1 << 24) Integer initSize,
            @DescribeParameter(name = "epochs", description = EPOCHS, min = 0, defaultValue = "" + KMeansOptions.DEFAULT_EPOCHS,
                    minValue = 1, maxValue = 1000) Integer epochs,
            @DescribeParameter(name = "testFraction", description = TEST, min = 0, defaultValue = "" + KMeansOptions.DEFAULT_TEST_FRACTION,
                    minValue = 0, maxValue = 0.99) Double testFraction,
            @DescribeParameter(name = "standardize", description = STANDARDIZE, min = 0, defaultValue = "true") Boolean standardize,
            @DescribeParameter(name = "seed", description = SEED, min = 0, defaultValue = "0") Long seed,
            @DescribeParameter(name = "backend", description = BACKEND, min = 0, defaultValue = "auto") String backend,
            @DescribeParameter(name = ExecutionEngine.INPUT, description = ExecutionEngine.DESCRIPTION, min = 0,
                    defaultValue = "local") String engine,
            @DescribeParameter(name = "outputName", description = OUTPUT, min = 0) String outputName,
            @DescribeParameter(name = "workspace", description = WORKSPACE, min = 0) String workspace,
            @DescribeParameter(name = "style", description = STYLE, min = 0) String style,
            @DescribeParameter(name = ReservoirParameters.SIZE, description = RES_SIZE, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_SIZE, minValue = 2, maxValue = ReservoirOptions.MAX_SIZE)
                    Integer reservoirSize,
            @DescribeParameter(name = ReservoirParameters.SPECTRAL_RADIUS, description = RES_RADIUS, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_SPECTRAL_RADIUS, minValue = 1e-6, maxValue = 2)
                    Double spectralRadius,
            @DescribeParameter(name = ReservoirParameters.LEAK_RATE, description = RES_LEAK, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_LEAK, minValue = 1e-6, maxValue = 1) Double leakRate,
            @DescribeParameter(name = ReservoirParameters.INPUT_SCALING, description = RES_INPUT, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_INPUT_SCALING, minValue = 1e-6, maxValue = 100)
                    Double inputScaling,
            @DescribeParameter(name = ReservoirParameters.CONNECTIVITY, description = RES_CONNECTIVITY, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_CONNECTIVITY, minValue = 1e-6, maxValue = 1)
                    Double reservoirConnectivity,
            @DescribeParameter(name = ReservoirParameters.DIMENSION, description = RES_DIMENSION, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_DIMENSION, minValue = 1,
                    maxValue = ReservoirOptions.MAX_DIMENSION) Integer embeddingDimension,
            @DescribeParameter(name = ReservoirParameters.RIDGE, description = RES_RIDGE, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_RIDGE, minValue = 1e-9, maxValue = 1e6) Double ridge,
            @DescribeParameter(name = ReservoirParameters.WASHOUT, description = RES_WASHOUT, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_WASHOUT, minValue = 0, maxValue = 1000) Integer washout,
            @DescribeParameter(name = ReservoirParameters.SEED, description = RES_SEED, min = 0) Long reservoirSeed,
            ProgressListener listener) throws ProcessException {
        GivenInputs given = reservoirInputs(clusteringInputs(layer, dynamicAttributes, staticAttributes, keepAttributes, k,
                batchSize, initSize, epochs, testFraction, standardize, seed, backend, outputName, workspace, style),
                reservoirSize, spectralRadius, leakRate, inputScaling, reservoirConnectivity, embeddingDimension, ridge, washout, reservoirSeed)
                .put(ExecutionEngine.INPUT, engine);
        ProcessInputs in = ProcessRun.validate(() -> given.check(BatchedKMeansParameters.PARAMETERS));
        BatchedKMeansParameters p = ProcessRun.validate(() -> BatchedKMeansParameters.from(in));
        if (ProcessRun.validate(() -> ExecutionEngine.parse(in.get(ExecutionEngine.INPUT, String.class))) == ExecutionEngine.SPARK) {
            return SparkRuns.batchedKMeans(catalog, spark, p, listener, LOG);
        }
        String sld = ProcessRun.validate(() -> styleSld(p.style()));
        return ProcessRun.execute(catalog, listener, passes(p), LOG, (scratch, monitor, log) -> {
            try (LayerSource source = catalog.openPoints(p.layer())) {
                BatchedKMeansResult r = new BatchedKMeansJob(log, scratch)
                        .execute(p, source, catalog.pointSink(p.workspace()), monitor, sld);
                return ProcessRun.results("layerName", r.layer().name(), r.summary(), r.profiles());
            }
        });
    }

    /** The inputs every k-means process shares, in the order of {@link BatchedKMeansParameters#PARAMETERS}. */
    static GivenInputs clusteringInputs(String layer, String dynamicAttributes, String staticAttributes, String keepAttributes,
                                        Integer k, Integer batchSize, Integer initSize, Integer epochs, Double testFraction,
                                        Boolean standardize, Long seed, String backend, String outputName, String workspace,
                                        String style) {
        return new GivenInputs().put("layer", layer).put("dynamicAttributes", dynamicAttributes)
                .put("staticAttributes", staticAttributes).put("keepAttributes", keepAttributes).put("k", k)
                .put("batchSize", batchSize).put("initSize", initSize).put("epochs", epochs).put("testFraction", testFraction)
                .put("standardize", standardize).put("seed", seed).put("backend", backend).put("outputName", outputName)
                .put("workspace", workspace).put("style", style);
    }

    /** Adds the reservoir-embedding inputs, in the order of {@link ReservoirParameters#PARAMETERS}. */
    static GivenInputs reservoirInputs(GivenInputs given, Integer reservoirSize, Double spectralRadius, Double leakRate,
                                       Double inputScaling, Double reservoirConnectivity, Integer embeddingDimension,
                                       Double ridge, Integer washout, Long reservoirSeed) {
        return given.put(ReservoirParameters.SIZE, reservoirSize).put(ReservoirParameters.SPECTRAL_RADIUS, spectralRadius)
                .put(ReservoirParameters.LEAK_RATE, leakRate).put(ReservoirParameters.INPUT_SCALING, inputScaling)
                .put(ReservoirParameters.CONNECTIVITY, reservoirConnectivity)
                .put(ReservoirParameters.DIMENSION, embeddingDimension).put(ReservoirParameters.RIDGE, ridge)
                .put(ReservoirParameters.WASHOUT, washout).put(ReservoirParameters.SEED, reservoirSeed);
    }

    /** Statistics, warm start, the training epochs, labelling. */
    static int passes(BatchedKMeansParameters p) {
        return 3 + p.options().epochs();
    }

    /**
     * The {@code style} input as an SLD document, or {@code null} for the generated style.
     *
     * @throws IllegalArgumentException when the value is not an XML document
     */
    static String styleSld(String style) {
        if (style == null || style.isBlank()) {
            return null;
        }
        if (!style.stripLeading().startsWith("<")) {
            throw new IllegalArgumentException("style must be an SLD document (XML text starting with '<'), got '"
                    + (style.length() > 40 ? style.substring(0, 40) + "..." : style)
                    + "'. Leave it empty to publish the generated cluster style.");
        }
        return style;
    }
}
