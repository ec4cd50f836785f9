package io.geocluster.host.serve.wms;

import java.awt.Color;
import java.util.Objects;

/**
 * One class of a layer's style: the value it matches (a cluster number, a raster class, or
 * {@code null} for the "not clustered" rule), its legend label and how it is drawn.
 *
 * @param value the attribute or pixel value matched, {@code null} for NULL clusters
 * @param label legend text
 * @param fill fill colour (with the layer's opacity applied for rasters)
 * @param stroke outline colour of point symbols, {@code null} for none
 * @param size point symbol diameter in pixels (ignored for rasters)
 */
public record StyleClass(Integer value, String label, Color fill, Color stroke, double size) {
    /** Checks the required fields. */
    public StyleClass {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(fill, "fill");
    }
}
