package io.geocluster.plugin.process;

import io.geocluster.plugin.spi.PublishedLayer;
import java.util.Objects;

/**
 * What {@code cluster:BatchedKMeans} returns.
 *
 * @param layer the published, labelled layer
 * @param summary the JSON summary (k, sizes, centres in original units, inertia, passes, timings)
 * @param profiles the cluster-profile chart as PNG bytes
 */
public record BatchedKMeansResult(PublishedLayer layer, String summary, byte[] profiles) {
    /** Checks every part is present. */
    public BatchedKMeansResult {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(profiles, "profiles");
    }
}
