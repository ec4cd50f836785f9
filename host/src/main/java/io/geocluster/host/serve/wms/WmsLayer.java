package io.geocluster.host.serve.wms;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One layer as WMS sees it: its name and title, what it holds, its native CRS and extent, the
 * data file and the SLD file that styles it ({@code null} for the default style).
 *
 * @param name the WMS layer name (safe characters only, see {@link LayerNames})
 * @param title human title for GetCapabilities and the web page
 * @param kind points or label raster
 * @param crs native CRS as {@code EPSG:<code>}, or {@code null} when the data names none
 * @param bounds extent in the native CRS, x/y order; {@code null} for an empty layer
 * @param data the GeoPackage or GeoTIFF file
 * @param style the SLD file, or {@code null}
 * @param modified last modification of the data in epoch milliseconds, for "most recent" lists
 */
public record WmsLayer(String name, String title, LayerKind kind, String crs, Bounds bounds, Path data, Path style,
        long modified) {
    /** Checks the name and the required fields. */
    public WmsLayer {
        LayerNames.check(name);
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
    }
}
