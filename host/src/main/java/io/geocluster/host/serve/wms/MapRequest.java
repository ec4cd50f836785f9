package io.geocluster.host.serve.wms;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A validated GetMap request (OGC 06-042 §7.3): the layers and styles, the CRS, the box in x/y
 * order whatever the CRS's axis order, the image size and background.
 *
 * @param layers layer names, drawn in this order (the first at the bottom)
 * @param styles style names, one per layer ({@code ""} for the default)
 * @param crs normalised CRS code
 * @param bbox the box in x/y (easting/northing, lon/lat) order
 * @param width image width in pixels
 * @param height image height in pixels
 * @param transparent whether the background is transparent
 * @param background background colour when not transparent
 */
record MapRequest(List<String> layers, List<String> styles, String crs, Bounds bbox, int width, int height,
        boolean transparent, Color background) {

    /** Largest WIDTH and HEIGHT (OGC 06-042 §7.3.3.8 lets the server set this; it is in the capabilities). */
    static final int MAX_SIZE = 4096;
    /** Most layers in one request. */
    static final int MAX_LAYERS = 64;

    /** Parses and checks the GetMap parameters. */
    static MapRequest parse(Kvp kvp) throws WmsException {
        String version = kvp.get("VERSION");
        if (version != null && !version.isBlank() && !version.trim().equals("1.3.0")) {
            throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, "VERSION",
                    "only WMS 1.3.0 is supported, got VERSION=" + LayerNames.printable(version));
        }
        List<String> layers = list(kvp.required("LAYERS"));
        if (layers.size() > MAX_LAYERS) {
            throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, "LAYERS",
                    "at most " + MAX_LAYERS + " layers per request, got " + layers.size());
        }
        List<String> styles = list(kvp.get("STYLES", ""));
        if (styles.size() == 1 && styles.get(0).isEmpty()) {
            styles = new ArrayList<>();
        }
        if (!styles.isEmpty() && styles.size() != layers.size()) {
            throw new WmsException(WmsException.STYLE_NOT_DEFINED, "STYLES",
                    "STYLES lists " + styles.size() + " styles for " + layers.size() + " layers");
        }
        while (styles.size() < layers.size()) {
            styles.add("");
        }
        String format = kvp.required("FORMAT");
        if (!isPng(format)) {
            throw new WmsException(WmsException.INVALID_FORMAT, "FORMAT",
                    "only image/png is offered, got " + LayerNames.printable(format));
        }
        String exceptions = kvp.get("EXCEPTIONS");
        if (exceptions != null && !exceptions.isBlank() && !exceptions.equalsIgnoreCase("XML")
                && !exceptions.equalsIgnoreCase("application/vnd.ogc.se_xml")) {
            throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, "EXCEPTIONS",
                    "only XML exceptions are offered, got " + LayerNames.printable(exceptions));
        }
        String crsText = kvp.required("CRS");
        String crs = CrsCatalog.normalise(crsText);
        if (crs == null) {
            throw new WmsException(WmsException.INVALID_CRS, "CRS", "CRS " + LayerNames.printable(crsText)
                    + " is not of the form EPSG:<code> or CRS:84");
        }
        Bounds bbox = bbox(kvp.required("BBOX"), crs);
        int width = kvp.size("WIDTH", MAX_SIZE, null);
        int height = kvp.size("HEIGHT", MAX_SIZE, null);
        boolean transparent = kvp.bool("TRANSPARENT", false);
        Color background = colour(kvp.get("BGCOLOR"));
        return new MapRequest(List.copyOf(layers), List.copyOf(styles), crs, bbox, width, height, transparent,
                background);
    }

    static boolean isPng(String format) {
        String f = format.trim().toLowerCase(Locale.ROOT);
        return f.equals("image/png") || f.startsWith("image/png;");
    }

    /**
     * Comma-separated list; empty items kept (an empty style means the default one). Only
     * spaces are trimmed: a control character is part of the name, which then matches nothing.
     */
    static List<String> list(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(",", -1)) {
            out.add(s.replaceAll("^ +| +$", ""));
        }
        return out;
    }

    /** BBOX in the CRS's axis order, turned to x/y order and checked. */
    static Bounds bbox(String text, String crs) throws WmsException {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, "BBOX",
                    "BBOX must be minx,miny,maxx,maxy (4 numbers), got " + LayerNames.printable(text));
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, "BBOX",
                        "BBOX value " + (i + 1) + " is not a number: " + LayerNames.printable(parts[i]));
            }
            if (!Double.isFinite(v[i])) {
                throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, "BBOX",
                        "BBOX value " + (i + 1) + " is not finite: " + parts[i].trim());
            }
        }
        boolean swap = CrsCatalog.northFirst(crs);
        double minX = swap ? v[1] : v[0];
        double minY = swap ? v[0] : v[1];
        double maxX = swap ? v[3] : v[2];
        double maxY = swap ? v[2] : v[3];
        double w = maxX - minX;
        double h = maxY - minY;
        // Zero or inverted boxes are errors (§7.3.5.7); overflowing spans (1e308 wide) cannot be mapped to pixels.
        if (!(w > 0) || !(h > 0) || !Double.isFinite(w) || !Double.isFinite(h)) {
            throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, "BBOX",
                    "BBOX must have minimum below maximum on both axes and a finite size, got " + text.trim());
        }
        return new Bounds(minX, minY, maxX, maxY);
    }

    /** BGCOLOR {@code 0xRRGGBB}, white when absent. */
    static Color colour(String text) throws WmsException {
        if (text == null || text.isBlank()) {
            return Color.WHITE;
        }
        String t = text.trim();
        if (t.length() == 8 && (t.startsWith("0x") || t.startsWith("0X"))) {
            try {
                return new Color(Integer.parseInt(t.substring(2), 16));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, "BGCOLOR",
                "BGCOLOR must be 0xRRGGBB, got " + LayerNames.printable(text));
    }
}
