package io.geocluster.plugin.geoserver;

import java.awt.image.RenderedImage;
import java.util.Objects;
import org.geotools.coverage.grid.GridGeometry2D;

/**
 * The pixels of a coverage as GeoServer reads them: a (usually deferred, tiled) image whose tiles
 * are decoded when asked for, and the action that releases it.
 *
 * @param image the coverage's image at native resolution
 * @param grid the coverage's grid geometry (grid range, grid-to-CRS transform, CRS), which label
 *        rasters of the scene copy; {@code null} when unknown
 * @param release releases the image's resources (GeoTools' {@code GridCoverage2D.dispose})
 */
record CoverageImage(RenderedImage image, GridGeometry2D grid, Runnable release) {
    /** Checks the image and the release action are present. */
    CoverageImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(release, "release");
    }
}
