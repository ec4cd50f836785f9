package io.geocluster.plugin.spi;

import java.util.Objects;

/**
 * A committed result layer.
 *
 * @param name the published layer name
 * @param location where the data went (a file path or a catalog reference)
 * @param styleLocation where the style went
 * @param features number of features written
 */
public record PublishedLayer(String name, String location, String styleLocation, long features) {
    /** Checks the name and locations are present. */
    public PublishedLayer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(styleLocation, "styleLocation");
    }
}
