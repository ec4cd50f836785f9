package io.geocluster.plugin.process;

import io.geocluster.engine.BatchCursor;
import io.geocluster.engine.BatchStream;
import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.SpillingBatchStream;
import io.geocluster.engine.compute.Backends;
import io.geocluster.engine.compute.ComputeBackend;
import io.geocluster.engine.kmeans.BatchedKMeans;
import io.geocluster.engine.kmeans.KMeansModel;
import io.geocluster.engine.kmeans.Labeller;
import io.geocluster.engine.kmeans.LabellingResult;
import io.geocluster.engine.kmeans.PassTiming;
import io.geocluster.plugin.attributes.AttributeSelection;
import io.geocluster.plugin.attributes.DisplacementSeries;
import io.geocluster.plugin.output.ClusterStyles;
import io.geocluster.plugin.output.Palette;
import io.geocluster.plugin.output.ProfileChart;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.KeptValues;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerSource;
import io.geocluster.plugin.spi.LayerStream;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import io.geocluster.plugin.spi.PublishedLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code cluster:BatchedKMeans}: mini-batch k-means streamed over a point layer, then a labelling
 * pass that writes the labelled layer, its style, a JSON summary and a profile chart.
 *
 * <p>The same class serves GeoServer (through the catalog {@link LayerSource}/{@link LayerSink})
 * and the host (over files). Nothing is published unless the whole run succeeds: the writer is
 * committed last and discarded on any failure or cancellation, and the source is only read.
 */
public final class BatchedKMeansJob {
    /** Free space left on the scratch disk after the pass cache. */
    private static final long SCRATCH_MARGIN = 1L << 30;

    private final Consumer<String> log;
    private final Path scratch;

    /**
     * @param log receives informational lines (backend choice, pass summaries)
     * @param scratch folder for the pass cache ({@link SpillingBatchStream}), or {@code null} to
     *        read the source on every pass
     */
    public BatchedKMeansJob(Consumer<String> log, Path scratch) {
        this.log = log;
        this.scratch = scratch;
    }

    /**
     * Runs the process.
     *
     * @param styleSld SLD to publish instead of the generated one, or {@code null}
     * @throws IllegalArgumentException for invalid inputs, with a message for the user
     * @throws io.geocluster.engine.RunCancelledException when the monitor cancels
     */
    public BatchedKMeansResult execute(BatchedKMeansParameters p, LayerSource source, LayerSink sink,
                                       RunMonitor monitor, String styleSld) throws IOException {
        ReservoirLayerSource reservoir = ReservoirLayerSource.ifRequested(source, p, monitor, log);
        return execute(p, reservoir != null ? reservoir : source, sink, monitor, styleSld, reservoir);
    }

    /**
     * Runs the process on a layer that may already be a view: the reservoir embedding, when
     * asked for, was added by the caller, which gives its view so the summary can report it.
     */
    BatchedKMeansResult execute(BatchedKMeansParameters p, LayerSource source, LayerSink sink, RunMonitor monitor,
                                String styleSld, ReservoirLayerSource reservoir) throws IOException {
        LayerSchema schema = source.schema();
        List<String> features = selectFeatures(schema, p);
        String outputName = p.outputName() != null ? p.outputName() : defaultOutputName(schema.name());
        sink.checkWritable(outputName);
        List<String> kept = new ArrayList<>(AttributeSelection.any(schema, "keepAttributes", p.keepAttributes()));
        if (schema.id().type() == AttributeType.TEXT) {
            // Text ids reach the engine as hashes; the original text must travel separately.
            kept.remove(schema.id().name());
            kept.add(0, schema.id().name());
        }
        DisplacementSeries series = DisplacementSeries.of(schema);
        List<String> profileColumns = new ArrayList<>(features);
        Set<String> seriesOnly = new LinkedHashSet<>(series.columns());
        seriesOnly.removeAll(features);
        profileColumns.addAll(seriesOnly);

        long start = System.nanoTime();
        // Without kept attributes every pass can come from one recorded stream; with them, the
        // labelling pass must go back to the source for the kept values.
        boolean labelFromCache = kept.isEmpty();
        LayerStream layerStream = source.open(labelFromCache ? profileColumns : features, List.of());
        try (ComputeBackend backend = Backends.create(p.backend(), log);
             SpillingBatchStream passes = spilling(layerStream, schema)) {
            BatchStream training = passes != null ? passes : layerStream;
            KMeansModel model = BatchedKMeans.fit(training, features, p.options(), backend, monitor);

            Labeller labeller = new Labeller(model, backend, profileColumns.size());
            long labelStart = System.nanoTime();
            OutputLayer output = new OutputLayer(outputName, schema.crs(), schema.crsWkt(), sourceIdAttribute(schema),
                    keptInfo(schema, kept));
            try (LayerWriter writer = sink.create(output);
                 BatchCursor cursor = labelFromCache ? training.open() : source.open(profileColumns, kept).open()) {
                KeptValues keptValues = labelFromCache ? NO_KEPT_VALUES : (KeptValues) cursor;
                monitor.passStarted("labelling", model.counts().rows());
                long rows = 0;
                for (FeatureBatch b; (b = cursor.next()) != null; ) {
                    monitor.checkCanceled();
                    labeller.label(b);
                    writer.write(b, labeller.labels(), labeller.split(), keptValues);
                    rows += b.size();
                    monitor.passProgress(rows);
                }
                monitor.passFinished();
                LabellingResult result = labeller.result();
                long empty = java.util.Arrays.stream(result.profiles().sizes()).filter(size -> size == 0).count();
                if (empty > 0) {
                    log.accept(empty + " of " + model.k() + " clusters received no point: the layer has fewer distinct"
                            + " feature rows than k, or k is larger than its structure supports; consider a smaller k.");
                }
                List<PassTiming> timings = new ArrayList<>(model.timings());
                timings.add(new PassTiming("labelling", rows, (System.nanoTime() - labelStart) / 1e9));
                monitor.checkCanceled();
                String sld = styleSld != null ? styleSld
                        : ClusterStyles.pointSld(outputName, "Clusters of " + schema.name(), result.profiles().sizes(), Palette.standard());
                // Everything that can fail happens before the commit: after it, only JSON is built.
                byte[] chart = ProfileChart.render(profileInput(schema, features, series, profileColumns, result));
                PublishedLayer published = writer.commit(sld);
                String summary = BatchedKMeansSummary.json(p, schema, outputName, model, result, timings, backend.name(),
                        (System.nanoTime() - start) / 1e9, published);
                if (reservoir != null) {
                    summary = reservoir.summarise(summary);
                }
                return new BatchedKMeansResult(published, summary, chart);
            }
        }
    }

    /** The pass cache, when a scratch folder was given and has room for the layer. */
    private SpillingBatchStream spilling(LayerStream stream, LayerSchema schema) throws IOException {
        if (scratch == null) {
            return null;
        }
        long limit = Files.getFileStore(scratch).getUsableSpace() - SCRATCH_MARGIN;
        long rows = schema.featureCount();
        long needed = rows < 0 ? -1 : rows * (4L * stream.columns() + 24) + 8L * rows;
        if (limit <= 0 || needed > limit) {
            log.accept("Not caching passes: the scratch folder " + scratch + " lacks space; every pass reads the layer.");
            return null;
        }
        return new SpillingBatchStream(stream, scratch, limit);
    }

    /** Kept values of a labelling pass that keeps no attribute. */
    private static final KeptValues NO_KEPT_VALUES = (row, column) -> {
        throw new IndexOutOfBoundsException("no attribute is kept");
    };

    static List<String> selectFeatures(LayerSchema schema, BatchedKMeansParameters p) {
        Set<String> features = new LinkedHashSet<>(AttributeSelection.numeric(schema, "dynamicAttributes", p.dynamicAttributes()));
        features.addAll(AttributeSelection.numeric(schema, "staticAttributes", p.staticAttributes()));
        if (features.isEmpty()) {
            throw new IllegalArgumentException("Select at least one feature with dynamicAttributes or staticAttributes.");
        }
        return new ArrayList<>(features);
    }

    /** Default output name: the layer name made safe for a table name, plus {@code _clusters}. */
    static String defaultOutputName(String layerName) {
        String base = layerName.replaceAll("[^A-Za-z0-9_]", "_");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0)) && base.charAt(0) != '_') {
            base = "layer_" + base;
        }
        return base + "_clusters";
    }

    /**
     * The source id column of the output: named as in the source, except that a source {@code fid}
     * becomes {@code source_fid} so that it does not fight the output's own primary key. Text ids
     * keep their name: the sink fills that column from the kept value of the same name.
     */
    static AttributeInfo sourceIdAttribute(LayerSchema schema) {
        AttributeInfo id = schema.id();
        return id.name().equalsIgnoreCase("fid") ? new AttributeInfo("source_fid", id.type()) : id;
    }

    private static List<AttributeInfo> keptInfo(LayerSchema schema, List<String> kept) {
        List<AttributeInfo> out = new ArrayList<>();
        for (String name : kept) {
            out.add(name.equals(schema.id().name()) ? schema.id() : schema.attribute(name).orElseThrow());
        }
        return out;
    }

    private static ProfileChart.Input profileInput(LayerSchema schema, List<String> features, DisplacementSeries series,
                                                   List<String> profileColumns, LabellingResult result) {
        // Dated features are drawn as the series panel; the feature panel keeps the others.
        List<String> shown = new ArrayList<>(features);
        shown.removeAll(series.columns());
        if (shown.isEmpty()) {
            shown = features;
        }
        ProfileColumns columns = ProfileColumns.split(result.profiles(), profileColumns, shown, series);
        return new ProfileChart.Input("Cluster profiles of " + schema.name(), shown, columns.features(),
                series.isEmpty() ? null : series.dates(), columns.series(), Palette.standard());
    }
}
