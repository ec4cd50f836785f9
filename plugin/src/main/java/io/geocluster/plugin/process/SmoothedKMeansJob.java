package io.geocluster.plugin.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.SpillingBatchStream;
import io.geocluster.engine.compute.Backends;
import io.geocluster.engine.compute.ComputeBackend;
import io.geocluster.engine.graph.SmoothedFeatures;
import io.geocluster.engine.graph.SmoothingOptions;
import io.geocluster.engine.graph.SmoothingStatistics;
import io.geocluster.engine.graph.SpatialSmoothing;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code cluster:SmoothedKMeans}: BatchedKMeans after H-hop smoothing of the features over the
 * layer's spatial k-nearest-neighbour graph. The smoothing runs out of core
 * ({@link SpatialSmoothing}); the clustering, labelling and publishing are BatchedKMeans's own,
 * run on a view of the layer whose features read smoothed. The summary adds the graph statistics.
 */
public final class SmoothedKMeansJob {
    /** CRS codes whose coordinates are longitude/latitude degrees. */
    private static final Set<String> GEOGRAPHIC = Set.of("EPSG:4326", "EPSG:4258", "EPSG:4979", "CRS:84", "OGC:CRS84");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Consumer<String> log;
    private final Path scratch;

    /**
     * @param log receives informational lines
     * @param scratch folder for the smoothing scratch files and the pass cache; {@code null} for
     *        the system temporary folder
     */
    public SmoothedKMeansJob(Consumer<String> log, Path scratch) {
        this.log = log;
        this.scratch = scratch != null ? scratch : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Runs the process; see {@link BatchedKMeansJob#execute} for the contract.
     */
    public BatchedKMeansResult execute(SmoothedKMeansParameters p, LayerSource source, LayerSink sink, RunMonitor monitor,
                                       String styleSld) throws IOException {
        ReservoirLayerSource reservoir = ReservoirLayerSource.ifRequested(source, p.clustering(), monitor, log);
        LayerSource layer = reservoir != null ? reservoir : source;
        LayerSchema schema = layer.schema();
        List<String> features = BatchedKMeansJob.selectFeatures(schema, p.clustering());
        String outputName = p.clustering().outputName() != null ? p.clustering().outputName()
                : BatchedKMeansJob.defaultOutputName(schema.name());
        sink.checkWritable(outputName);
        boolean geographic = schema.crs() != null && GEOGRAPHIC.contains(schema.crs().toUpperCase(Locale.ROOT));
        SmoothingOptions options = p.options(geographic);
        if (schema.featureCount() >= 0 && options.neighbours() >= schema.featureCount()) {
            throw new IllegalArgumentException("neighbours = " + options.neighbours()
                    + " must be smaller than the number of points (" + schema.featureCount() + ").");
        }
        long start = System.nanoTime();
        SmoothingStatistics graph;
        BatchedKMeansResult result;
        // The bounds and sharding passes read the same rows: the second replays a recording.
        try (ComputeBackend backend = Backends.create(p.clustering().backend(), s -> { });
             SpillingBatchStream input = new SpillingBatchStream(layer.open(features, List.of()), scratch,
                     Files.getFileStore(scratch).getUsableSpace() / 2);
             SmoothedFeatures smoothed = SpatialSmoothing.run(input, features.size(), options, scratch, backend, monitor)) {
            graph = smoothed.statistics();
            double smoothingSeconds = (System.nanoTime() - start) / 1e9;
            log.accept(String.format(Locale.ROOT, "graph: %,d points, mean degree %.2f, median edge %.1f m, %,d isolated;"
                    + " smoothing took %.1f s", graph.nodes(), graph.meanDegree(), graph.medianEdgeLength(), graph.isolated(),
                    smoothingSeconds));
            result = new BatchedKMeansJob(log, scratch).execute(p.clustering(),
                    new SmoothedLayerSource(layer, features, smoothed), sink, monitor, styleSld, reservoir);
            return new BatchedKMeansResult(result.layer(), summary(result.summary(), p, options, graph, smoothingSeconds),
                    result.profiles());
        }
    }

    private static String summary(String clustering, SmoothedKMeansParameters p, SmoothingOptions options,
                                  SmoothingStatistics graph, double seconds) throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(clustering);
        root.put("process", "cluster:SmoothedKMeans");
        ObjectNode s = root.putObject("smoothing");
        s.put("hops", options.hops());
        s.put("alpha", options.alpha());
        s.put("neighbours", options.neighbours());
        if (p.maxDistance() != null) {
            s.put("maxDistance", p.maxDistance());
        }
        s.put("aggregation", options.aggregation().name().toLowerCase(Locale.ROOT));
        s.put("distance", options.geographic() ? "great-circle metres (longitude/latitude layer)" : "projected layer units");
        s.put("seconds", Math.round(seconds * 1000) / 1000.0);
        ObjectNode g = s.putObject("graph");
        g.put("points", graph.nodes());
        g.put("edges", graph.edges());
        g.put("meanDegree", graph.meanDegree());
        putNumber(g, "medianEdgeLength", graph.medianEdgeLength());
        putNumber(g, "p90EdgeLength", graph.p90EdgeLength());
        g.put("isolatedPoints", graph.isolated());
        g.put("haloLimitedPoints", graph.haloLimited());
        g.put("shards", graph.shards());
        return MAPPER.writeValueAsString(root);
    }

    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }
}
