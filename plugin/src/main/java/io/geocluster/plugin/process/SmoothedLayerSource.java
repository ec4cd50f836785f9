package io.geocluster.plugin.process;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.graph.SmoothedFeatures;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerSource;
import io.geocluster.plugin.spi.LayerStream;
import java.io.IOException;
import java.util.List;

/**
 * A view of a layer whose feature attributes read as their smoothed values: SmoothedKMeans runs
 * the unchanged BatchedKMeans pipeline (passes, pass cache, labelling, kept attributes, output) on
 * it. Other attributes, kept values, ids and coordinates come from the layer as they are.
 */
final class SmoothedLayerSource implements LayerSource {
    private final LayerSource layer;
    private final List<String> features;
    private final SmoothedFeatures smoothed;

    SmoothedLayerSource(LayerSource layer, List<String> features, SmoothedFeatures smoothed) {
        this.layer = layer;
        this.features = List.copyOf(features);
        this.smoothed = smoothed;
    }

    @Override
    public LayerSchema schema() {
        return layer.schema();
    }

    @Override
    public LayerStream open(List<String> numeric, List<String> kept) throws IOException {
        if (numeric.size() < features.size() || !numeric.subList(0, features.size()).equals(features)) {
            throw new IllegalStateException("the smoothed features must be read first, in order: " + features);
        }
        LayerStream inner = layer.open(numeric, kept);
        return new MappedLayerStream(inner, inner.columns(), () -> new MappedLayerStream.Mapper() {
            private long ordinal;

            @Override
            public FeatureBatch map(FeatureBatch b) throws IOException {
                if (ordinal + b.size() > smoothed.rows()) {
                    throw new IOException("the layer grew since it was smoothed");
                }
                smoothed.overwrite(ordinal, b.size(), b.values(), b.columns());
                ordinal += b.size();
                return b;
            }
        });
    }

    @Override
    public void close() throws IOException {
        // The layer belongs to the caller.
    }
}
