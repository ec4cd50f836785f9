package io.geocluster.plugin.geoserver;

import java.awt.image.RenderedImage;
import java.util.Objects;

/**
 * The pixels of a coverage as GeoServer reads them: a (usually deferred, tiled) image whose tiles
 * are decoded when asked for, and the action that releases it.
 *
 * @param image the coverage's image at native resolution
 * @param release releases the image's resources (GeoTools' {@code GridCoverage2D.dispose})
 */
record CoverageImage(RenderedImage image, Runnable release) {
    /** Checks both parts are present. */
    CoverageImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(release, "release");
    }
}
