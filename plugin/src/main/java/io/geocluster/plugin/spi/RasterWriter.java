package io.geocluster.plugin.spi;

import java.io.IOException;
import java.util.List;

/**
 * One publishing transaction of label rasters: each is a uint8 grid on the grid and CRS of the
 * scene it labels, with nodata 255, published with the style given to {@link #style}.
 */
public interface RasterWriter extends AutoCloseable {
    /**
     * Writes one label raster.
     *
     * @param layerName the name it is published under
     * @param scene the scene whose grid (size, geotransform, CRS) it copies
     * @param labels {@code width × height} class ids, row-major; 255 where the pixel was masked
     */
    void write(String layerName, SceneSource scene, byte[] labels) throws IOException;

    /** The SLD every raster of this transaction is published with. */
    void style(String styleName, String sld) throws IOException;

    /** Makes every written raster and the style visible at once. */
    List<PublishedLayer> commit() throws IOException;

    /** Discards everything unless committed. */
    @Override
    void close() throws IOException;
}
