package io.geocluster.plugin.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.reservoir.ParallelEmbedding;
import io.geocluster.engine.reservoir.TimeGrid;
import io.geocluster.plugin.attributes.AttributeSelection;
import io.geocluster.plugin.attributes.DisplacementSeries;
import io.geocluster.plugin.attributes.ReservoirColumns;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerSource;
import io.geocluster.plugin.spi.LayerStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A view of a layer with its reservoir embedding as extra numeric attributes
 * ({@link ReservoirColumns}), for {@code dynamicAttributes=reservoir}: BatchedKMeans and
 * SmoothedKMeans run unchanged on it. The model is fitted by a sample pass over the dated columns
 * the first time the view is opened ({@link ReservoirFit}); every later pass embeds its rows batch
 * by batch as they stream, so memory depends on the batch, R and D, never on the number of rows.
 * Other attributes, kept values, ids and coordinates come from the layer as they are.
 */
final class ReservoirLayerSource implements LayerSource {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final LayerSource layer;
    private final BatchedKMeansParameters parameters;
    private final DisplacementSeries series;
    private final TimeGrid grid;
    private final LayerSchema schema;
    private final RunMonitor monitor;
    private final Consumer<String> log;
    private ReservoirFit fit;

    private ReservoirLayerSource(LayerSource layer, BatchedKMeansParameters parameters, DisplacementSeries series,
                                 TimeGrid grid, RunMonitor monitor, Consumer<String> log) {
        this.layer = layer;
        this.parameters = parameters;
        this.series = series;
        this.grid = grid;
        this.monitor = monitor;
        this.log = log;
        LayerSchema s = layer.schema();
        List<AttributeInfo> attributes = new ArrayList<>(s.attributes());
        for (String name : ReservoirColumns.names(parameters.reservoir().features())) {
            attributes.add(new AttributeInfo(name, AttributeType.REAL));
        }
        this.schema = new LayerSchema(s.name(), s.id(), attributes, s.crs(), s.crsWkt(), s.featureCount());
    }

    /**
     * The reservoir view of a layer when {@code dynamicAttributes} asks for {@code reservoir},
     * otherwise {@code null}. Checks the dated columns without reading a row.
     *
     * @throws IllegalArgumentException when the layer has fewer than {@value TimeGrid#MIN_DATES}
     *         dated columns, stores them out of date order, already has an attribute named like
     *         an embedding column, or when {@code keepAttributes} asks for an embedding column
     */
    static ReservoirLayerSource ifRequested(LayerSource layer, BatchedKMeansParameters p, RunMonitor monitor,
                                            Consumer<String> log) {
        LayerSchema s = layer.schema();
        if (!AttributeSelection.requestsReservoir(s, p.dynamicAttributes())) {
            return null;
        }
        DisplacementSeries series = DisplacementSeries.of(s);
        if (series.columns().size() < TimeGrid.MIN_DATES) {
            throw new IllegalArgumentException("dynamicAttributes: '" + AttributeSelection.RESERVOIR + "' embeds the per-date"
                    + " displacement columns (named yyyymmdd) and needs at least " + TimeGrid.MIN_DATES + " of them; layer '"
                    + s.name() + "' has " + series.columns().size() + ".");
        }
        DisplacementSeries.requireLayerOrder(s, "dynamicAttributes");
        for (AttributeInfo a : s.attributes()) {
            if (ReservoirColumns.index(a.name()) >= 0) {
                throw new IllegalArgumentException("dynamicAttributes: '" + AttributeSelection.RESERVOIR + "' adds features named "
                        + ReservoirColumns.PREFIX + "0, " + ReservoirColumns.PREFIX + "1, ..., but layer '" + s.name()
                        + "' already has an attribute '" + a.name() + "'; rename it or select its features by name.");
            }
        }
        ReservoirLayerSource view = new ReservoirLayerSource(layer, p, series, new TimeGrid(series.days()), monitor, log);
        for (String name : AttributeSelection.any(view.schema, "keepAttributes", p.keepAttributes())) {
            if (ReservoirColumns.index(name) >= 0) {
                throw new IllegalArgumentException("keepAttributes: '" + name + "' is a reservoir embedding feature, computed"
                        + " for clustering; only attributes of layer '" + s.name() + "' can be kept.");
            }
        }
        return view;
    }

    @Override
    public LayerSchema schema() {
        return schema;
    }

    /** The fitted model and the sample pass's statistics; fits on first call. */
    synchronized ReservoirFit fit() throws IOException {
        if (fit == null) {
            fit = ReservoirFit.run(layer, series, grid, parameters.reservoir(), parameters.options(), monitor);
            log.accept(fit.describe());
        }
        return fit;
    }

    /** Adds the {@code reservoir} section to a process summary. */
    String summarise(String summary) throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(summary);
        fit().summarise(root);
        return MAPPER.writeValueAsString(root);
    }

    @Override
    public LayerStream open(List<String> numeric, List<String> kept) throws IOException {
        ReservoirFit model = fit();
        int features = model.model().features();
        int dates = series.columns().size();
        // The layer is read with the dated columns first (the embedding's input), then the other
        // requested attributes; each output column is either a layer column or an embedding one.
        List<String> inner = new ArrayList<>(series.columns());
        int[] source = new int[numeric.size()];
        for (int j = 0; j < source.length; j++) {
            String name = numeric.get(j);
            int e = ReservoirColumns.index(name);
            if (e >= 0 && e < features) {
                source[j] = -1 - e;
            } else {
                int at = inner.indexOf(name);
                if (at < 0) {
                    at = inner.size();
                    inner.add(name);
                }
                source[j] = at;
            }
        }
        int columns = numeric.size();
        int innerColumns = inner.size();
        return new MappedLayerStream(layer.open(inner, kept), columns, () -> new MappedLayerStream.Mapper() {
            private final ParallelEmbedding embedding = new ParallelEmbedding(model.model(),
                    Runtime.getRuntime().availableProcessors());
            private float[] embedded = new float[0];
            private float[] out = new float[0];

            @Override
            public FeatureBatch map(FeatureBatch b) {
                int n = b.size();
                if (embedded.length < n * features) {
                    embedded = new float[n * features];
                    out = new float[n * columns];
                }
                float[] in = b.values();
                assert b.columns() == innerColumns && dates <= innerColumns;
                embedding.embed(in, 0, innerColumns, n, embedded, 0, features);
                for (int i = 0; i < n; i++) {
                    int o = i * columns;
                    for (int j = 0; j < columns; j++) {
                        int s = source[j];
                        out[o + j] = s >= 0 ? in[i * innerColumns + s] : embedded[i * features - 1 - s];
                    }
                }
                return new FeatureBatch(n, columns, out, b.ids(), b.x(), b.y());
            }

            @Override
            public void close() {
                embedding.close();
            }
        });
    }

    @Override
    public void close() throws IOException {
        // The layer belongs to the caller.
    }
}
