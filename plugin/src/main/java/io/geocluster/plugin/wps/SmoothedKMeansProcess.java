package io.geocluster.plugin.wps;

import static io.geocluster.plugin.wps.BatchedKMeansProcess.BACKEND;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.BATCH;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.DYNAMIC;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.EPOCHS;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.INIT;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.K;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.KEEP;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.LAYER;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.LAYER_NAME;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.OUTPUT;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.PROFILES;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.SEED;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.STANDARDIZE;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.STATIC;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.STYLE;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.SUMMARY;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.TEST;
import static io.geocluster.plugin.wps.BatchedKMeansProcess.WORKSPACE;

import io.geocluster.engine.graph.SmoothingOptions;
import io.geocluster.engine.kmeans.KMeansOptions;
import io.geocluster.engine.reservoir.ReservoirOptions;
import io.geocluster.plugin.process.BatchedKMeansResult;
import io.geocluster.plugin.process.SmoothedKMeansJob;
import io.geocluster.plugin.process.SmoothedKMeansParameters;
import io.geocluster.plugin.process.ReservoirParameters;
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
 * {@code cluster:SmoothedKMeans}: {@code cluster:BatchedKMeans} after smoothing every feature over
 * the layer's spatial k-nearest-neighbour graph, x_i ← α·x_i + (1-α)·AGG_{j∈N(i)} x_j, H times
 * (DESIGN.md §3). The work is {@link SmoothedKMeansJob}'s.
 *
 * <p>Inputs: every BatchedKMeans input, then those of
 * {@link SmoothedKMeansParameters#PARAMETERS} that follow them, with the same defaults and
 * ranges (checked by {@code ProcessAnnotationsTest}).
 */
@DescribeProcess(title = "Smoothed k-means",
        description = "Smooths the attributes of every point towards those of its nearest neighbours, then clusters"
                + " them with mini-batch k-means, so that clusters form spatially coherent regions; publishes a new"
                + " styled layer with a 'cluster' attribute.")
public final class SmoothedKMeansProcess implements ClusterProcess {
    private static final Logger LOG = Logger.getLogger(SmoothedKMeansProcess.class.getName());

    private final LayerCatalog catalog;

    /** @param catalog where layers are read and results published */
    public SmoothedKMeansProcess(LayerCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Runs the smoothing and the clustering.
     *
     * @return {@code layerName} (String), {@code summary} and {@code profiles} ({@link RawData})
     * @throws ProcessException for invalid inputs or a failed read or publish, with a message for
     *         the user
     */
    @DescribeResults({
        @DescribeResult(name = "layerName", type = String.class, description = LAYER_NAME, primary = true),
        @DescribeResult(name = "summary", type = RawData.class, description = SUMMARY
                + " Adds the smoothing settings and neighbour-graph statistics.", meta = {"mimeTypes=" + RawResult.JSON}),
        @DescribeResult(name = "profiles", type = RawData.class, description = PROFILES
                + " Values are the original, unsmoothed ones.", meta = {"mimeTypes=" + RawResult.PNG})
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
            @DescribeParameter(name = "outputName", description = OUTPUT, min = 0) String outputName,
            @DescribeParameter(name = "workspace", description = WORKSPACE, min = 0) String workspace,
            @DescribeParameter(name = "style", description = STYLE, min = 0) String style,
            @DescribeParameter(name = ReservoirParameters.SIZE, description = BatchedKMeansProcess.RES_SIZE, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_SIZE, minValue = 2, maxValue = ReservoirOptions.MAX_SIZE)
                    Integer reservoirSize,
            @DescribeParameter(name = ReservoirParameters.SPECTRAL_RADIUS, description = BatchedKMeansProcess.RES_RADIUS, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_SPECTRAL_RADIUS, minValue = 1e-6, maxValue = 2)
                    Double spectralRadius,
            @DescribeParameter(name = ReservoirParameters.LEAK_RATE, description = BatchedKMeansProcess.RES_LEAK, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_LEAK, minValue = 1e-6, maxValue = 1) Double leakRate,
            @DescribeParameter(name = ReservoirParameters.INPUT_SCALING, description = BatchedKMeansProcess.RES_INPUT, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_INPUT_SCALING, minValue = 1e-6, maxValue = 100)
                    Double inputScaling,
            @DescribeParameter(name = ReservoirParameters.CONNECTIVITY, description = BatchedKMeansProcess.RES_CONNECTIVITY, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_CONNECTIVITY, minValue = 1e-6, maxValue = 1)
                    Double reservoirConnectivity,
            @DescribeParameter(name = ReservoirParameters.DIMENSION, description = BatchedKMeansProcess.RES_DIMENSION, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_DIMENSION, minValue = 1,
                    maxValue = ReservoirOptions.MAX_DIMENSION) Integer embeddingDimension,
            @DescribeParameter(name = ReservoirParameters.RIDGE, description = BatchedKMeansProcess.RES_RIDGE, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_RIDGE, minValue = 1e-9, maxValue = 1e6) Double ridge,
            @DescribeParameter(name = ReservoirParameters.WASHOUT, description = BatchedKMeansProcess.RES_WASHOUT, min = 0,
                    defaultValue = "" + ReservoirOptions.DEFAULT_WASHOUT, minValue = 0, maxValue = 1000) Integer washout,
            @DescribeParameter(name = ReservoirParameters.SEED, description = BatchedKMeansProcess.RES_SEED, min = 0) Long reservoirSeed,
            @DescribeParameter(name = "hops", description = "Smoothing steps H over the neighbour graph; 0 clusters the"
                    + " unsmoothed features.", min = 0, defaultValue = "" + SmoothingOptions.DEFAULT_HOPS,
                    minValue = 0, maxValue = 1000) Integer hops,
            @DescribeParameter(name = "alpha", description = "Weight of a point's own features at each step; 1 - alpha"
                    + " goes to its neighbours.", min = 0, defaultValue = "" + SmoothingOptions.DEFAULT_ALPHA,
                    minValue = 0, maxValue = 1) Double alpha,
            @DescribeParameter(name = "neighbours", description = "Neighbours per point in the spatial graph (k of its"
                    + " k nearest neighbours).", min = 0, defaultValue = "" + SmoothingOptions.DEFAULT_NEIGHBOURS,
                    minValue = 1, maxValue = 256) Integer neighbours,
            @DescribeParameter(name = "maxDistance", description = "Longest neighbour edge in metres (great-circle metres"
                    + " for longitude/latitude layers); farther neighbours are dropped. Empty for no limit.", min = 0,
                    minValue = 0, maxValue = 1e9) Double maxDistance,
            @DescribeParameter(name = "aggregation", description = "How neighbour features are combined: mean, weighted"
                    + " (by inverse distance) or sum (exactly the formula; inflates values with the number of"
                    + " neighbours).", min = 0, defaultValue = "mean") String aggregation,
            ProgressListener listener) throws ProcessException {
        GivenInputs given = BatchedKMeansProcess.reservoirInputs(BatchedKMeansProcess.clusteringInputs(layer,
                        dynamicAttributes, staticAttributes, keepAttributes, k, batchSize, initSize, epochs, testFraction,
                        standardize, seed, backend, outputName, workspace, style),
                        reservoirSize, spectralRadius, leakRate, inputScaling, reservoirConnectivity, embeddingDimension, ridge, washout, reservoirSeed)
                .put("hops", hops).put("alpha", alpha).put("neighbours", neighbours).put("maxDistance", maxDistance)
                .put("aggregation", aggregation);
        SmoothedKMeansParameters p = ProcessRun.validate(() -> SmoothedKMeansParameters.from(given.check(SmoothedKMeansParameters.PARAMETERS)));
        String sld = ProcessRun.validate(() -> BatchedKMeansProcess.styleSld(p.clustering().style()));
        // bounds, sharding, graph, one pass per hop, then BatchedKMeans's passes
        int passes = 3 + p.hops() + BatchedKMeansProcess.passes(p.clustering());
        return ProcessRun.execute(catalog, listener, passes, LOG, (scratch, monitor, log) -> {
            try (LayerSource source = catalog.openPoints(p.clustering().layer())) {
                BatchedKMeansResult r = new SmoothedKMeansJob(log, scratch)
                        .execute(p, source, catalog.pointSink(p.clustering().workspace()), monitor, sld);
                return ProcessRun.results("layerName", r.layer().name(), r.summary(), r.profiles());
            }
        });
    }
}
