package io.geocluster.plugin.spi;

import java.io.IOException;
import java.util.List;

/**
 * One scene of a multi-image clustering: a grid of pixels with several bands, read a window of
 * whole rows at a time as reflectance (or whatever physical unit the bands carry) with a validity
 * flag per pixel. Implemented over Landsat scene folders by the host and over coverages by the
 * GeoServer catalog.
 *
 * <p>Reading the same rows twice gives the same values and flags, which the writer relies on to
 * place labels back without keeping a per-pixel index.
 */
public interface SceneSource extends AutoCloseable {
    /** Name the scene is known by (a Landsat product id, a coverage name). */
    String name();

    /** Columns of the grid. */
    int width();

    /** Rows of the grid. */
    int height();

    /** The bands read, in the order a pixel holds them. */
    List<String> bands();

    /** The CRS of the grid as an authority code (e.g. {@code EPSG:32632}), or {@code null}. */
    String crs();

    /** Rows read at once most cheaply (strip or tile height); at least 1. */
    int blockHeight();

    /**
     * Reads rows {@code [firstRow, firstRow + rowCount)}.
     *
     * @param values receives {@code rowCount × width × bands} values, pixel-major; values of
     *        invalid pixels are unspecified
     * @param valid receives {@code rowCount × width} flags: false for fill, masked (cloud,
     *        shadow, ...) or non-finite pixels
     * @return the number of valid pixels in the window
     */
    int readRows(int firstRow, int rowCount, float[] values, boolean[] valid) throws IOException;

    @Override
    void close() throws IOException;
}
