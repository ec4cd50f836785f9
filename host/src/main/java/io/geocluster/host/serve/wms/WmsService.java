package io.geocluster.host.serve.wms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A WMS 1.3.0 server over a set of layers: answers GetCapabilities, GetMap (PNG) and
 * GetLegendGraphic given the request's key-value parameters, and turns every refusal or
 * failure into an OGC {@code ServiceExceptionReport}.
 *
 * <p>Requests are checked up front (names, numbers, sizes, CRS, format) before any file is
 * opened; image sizes are capped at {@value MapRequest#MAX_SIZE} pixels a side and at most a few
 * maps are drawn at once, so no request can exhaust the heap.
 *
 * <p><b>Thread safety:</b> thread-safe; one instance serves all requests.
 */
public final class WmsService {
    private static final Logger LOG = Logger.getLogger(WmsService.class.getName());
    /** Largest legend swatch. */
    static final int MAX_LEGEND_SIZE = 256;
    /** How long a request waits for a drawing slot before it is refused as busy. */
    private static final long SLOT_WAIT_SECONDS = 30;

    private final WmsLayers layers;
    private final String defaultServiceUrl;
    private final Semaphore drawing;

    /**
     * @param layers the layers to serve
     * @param defaultServiceUrl the URL written into capabilities when the caller gives none
     */
    public WmsService(WmsLayers layers, String defaultServiceUrl) {
        this.layers = Objects.requireNonNull(layers, "layers");
        this.defaultServiceUrl = Objects.requireNonNull(defaultServiceUrl, "defaultServiceUrl");
        // A 4096 × 4096 map holds about 200 MB while drawn: a few at a time, whatever the load.
        this.drawing = new Semaphore(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), true);
    }

    /** Answers a request, writing {@code defaultServiceUrl} into capabilities. */
    public WmsResponse handle(Map<String, String> kvp) {
        return handle(kvp, defaultServiceUrl);
    }

    /**
     * Answers a request.
     *
     * @param kvp the query parameters (names in any case; the first of repeated names wins)
     * @param serviceUrl the URL of this service as the client sees it, without query
     * @return the image or document, or an exception report with a 4xx/5xx status
     */
    public WmsResponse handle(Map<String, String> kvp, String serviceUrl) {
        try {
            Kvp p = new Kvp(kvp);
            String service = p.get("SERVICE");
            if (service != null && !service.isBlank() && !service.trim().equalsIgnoreCase("WMS")) {
                throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, "SERVICE",
                        "this endpoint serves SERVICE=WMS, got " + LayerNames.printable(service));
            }
            String request = p.required("REQUEST");
            return switch (request.toLowerCase(Locale.ROOT)) {
                case "getcapabilities" -> capabilities(serviceUrl);
                case "getmap" -> map(MapRequest.parse(p));
                case "getlegendgraphic" -> legend(p);
                default -> throw new WmsException(WmsException.OPERATION_NOT_SUPPORTED, "REQUEST",
                        "REQUEST must be GetCapabilities, GetMap or GetLegendGraphic, got " + LayerNames.printable(request));
            };
        } catch (WmsException e) {
            return ExceptionReport.of(e);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "WMS request failed", e);
            return ExceptionReport.of(new WmsException(null, null, "the server could not answer: " + e.getMessage(), 500));
        } catch (OutOfMemoryError e) {
            // Sizes are capped, so this means the heap is too small for the limits; refuse, stay up.
            return ExceptionReport.of(new WmsException(null, null, "the server ran out of memory drawing this map", 503));
        }
    }

    private WmsResponse capabilities(String serviceUrl) throws IOException {
        List<WmsLayer> all = layers.layers();
        List<String> styleNames = new ArrayList<>();
        for (WmsLayer l : all) {
            styleNames.add(style(l).name());
        }
        return WmsResponse.ok("text/xml; charset=UTF-8",
                Capabilities.write(all, styleNames, serviceUrl).getBytes(StandardCharsets.UTF_8));
    }

    private WmsResponse map(MapRequest map) throws WmsException, IOException {
        List<WmsLayer> resolved = new ArrayList<>();
        List<LayerStyle> styles = new ArrayList<>();
        for (int i = 0; i < map.layers().size(); i++) {
            WmsLayer layer = layer(map.layers().get(i), "LAYERS");
            if (!CrsCatalog.offered(layer.crs()).contains(map.crs())) {
                throw new WmsException(WmsException.INVALID_CRS, "CRS", "layer " + layer.name() + " is offered in "
                        + CrsCatalog.offered(layer.crs()) + ", not " + map.crs());
            }
            resolved.add(layer);
            styles.add(namedStyle(layer, map.styles().get(i), "STYLES"));
        }
        acquire();
        try {
            return WmsResponse.ok("image/png", MapRenderer.png(MapRenderer.render(map, resolved, styles)));
        } finally {
            drawing.release();
        }
    }

    private WmsResponse legend(Kvp p) throws WmsException, IOException {
        String format = p.get("FORMAT", "image/png");
        if (!MapRequest.isPng(format)) {
            throw new WmsException(WmsException.INVALID_FORMAT, "FORMAT",
                    "only image/png is offered, got " + LayerNames.printable(format));
        }
        WmsLayer layer = layer(p.required("LAYER"), "LAYER");
        LayerStyle style = namedStyle(layer, p.get("STYLE", ""), "STYLE");
        int width = p.size("WIDTH", MAX_LEGEND_SIZE, 20);
        int height = p.size("HEIGHT", MAX_LEGEND_SIZE, 20);
        acquire();
        try {
            return WmsResponse.ok("image/png",
                    MapRenderer.png(LegendRenderer.render(style, layer.kind(), Math.min(width, height))));
        } finally {
            drawing.release();
        }
    }

    private void acquire() throws WmsException {
        try {
            if (!drawing.tryAcquire(SLOT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new WmsException(null, null, "the server is busy drawing other maps; try again", 503);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WmsException(null, null, "interrupted while waiting to draw", 503);
        }
    }

    private WmsLayer layer(String name, String parameter) throws WmsException, IOException {
        if (!LayerNames.isSafe(name)) {
            throw new WmsException(WmsException.LAYER_NOT_DEFINED, parameter,
                    "no layer named " + LayerNames.printable(name));
        }
        return layers.layer(name).orElseThrow(() -> new WmsException(WmsException.LAYER_NOT_DEFINED, parameter,
                "no layer named " + LayerNames.printable(name)));
    }

    /** The layer's style when {@code requested} is empty, {@code default} or its name. */
    private LayerStyle namedStyle(WmsLayer layer, String requested, String parameter) throws WmsException {
        LayerStyle style = style(layer);
        String r = requested == null ? "" : requested.trim();
        if (!r.isEmpty() && !r.equalsIgnoreCase("default") && !r.equals(style.name())) {
            throw new WmsException(WmsException.STYLE_NOT_DEFINED, parameter, "layer " + layer.name()
                    + " has style " + style.name() + ", not " + LayerNames.printable(r));
        }
        return style;
    }

    /** The layer's SLD style, or the default one when it has none or it cannot be read. */
    static LayerStyle style(WmsLayer layer) {
        if (layer.style() != null && Files.isRegularFile(layer.style())) {
            try {
                return SldColours.read(layer.style(), layer.kind());
            } catch (IOException | RuntimeException e) {
                // A broken style must not hide the data: draw it plainly and say why in the log.
                LOG.log(Level.WARNING, "style of layer {0} is unreadable, drawing the default: {1}",
                        new Object[] {layer.name(), e.getMessage()});
            }
        }
        return LayerStyle.defaultStyle(layer.kind());
    }
}
