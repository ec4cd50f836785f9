package io.geocluster.plugin.process;

import io.geocluster.plugin.spi.PublishedLayer;
import java.util.List;
import java.util.Objects;

/**
 * What {@code cluster:IIkMC} returns.
 *
 * @param layers the published label rasters, one per scene in input order
 * @param summary the JSON summary (centres in reflectance, class sizes per scene, changed
 *        fraction per iteration)
 * @param profiles the spectral-signature chart as PNG bytes
 */
public record IikmcJobResult(List<PublishedLayer> layers, String summary, byte[] profiles) {
    /** Checks every part is present and copies the list. */
    public IikmcJobResult {
        layers = List.copyOf(layers);
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(profiles, "profiles");
    }
}
