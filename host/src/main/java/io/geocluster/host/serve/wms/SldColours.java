package io.geocluster.host.serve.wms;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the SLD 1.0 styles geocluster generates ({@code ClusterStyles.pointSld} and
 * {@code rasterSld}) into a {@link LayerStyle}: per rule, the {@code cluster = n} filter (or
 * {@code cluster IS NULL}), the mark's fill and stroke colours and size, and the rule title;
 * per raster {@code ColorMapEntry}, quantity, colour, opacity and label.
 *
 * <p><b>Limitations:</b> this is not a general SLD engine. A point rule without a filter applies
 * to every feature without a more specific rule; filters other than equality on one property or
 * IS NULL, and colour maps other than {@code type="values"}, are read as that fallback or
 * refused. The parser refuses DOCTYPEs, so external entities are never fetched.
 */
public final class SldColours {
    static final String SLD = "http://www.opengis.net/sld";
    static final String OGC = "http://www.opengis.net/ogc";

    private SldColours() {
    }

    /**
     * Reads a style file.
     *
     * @throws IOException when the file cannot be read or is not well-formed XML
     * @throws IllegalArgumentException when it is XML but not a style this class understands
     */
    public static LayerStyle read(Path sld, LayerKind kind) throws IOException {
        try (InputStream in = Files.newInputStream(sld)) {
            return read(in, kind, sld.getFileName().toString());
        }
    }

    /** Reads a style from a stream; {@code source} names it in messages. */
    public static LayerStyle read(InputStream in, LayerKind kind, String source) throws IOException {
        Document doc;
        try {
            doc = Xml.secureBuilder().parse(in);
        } catch (SAXException e) {
            throw new IOException(source + ": not a well-formed SLD: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"StyledLayerDescriptor".equals(root.getLocalName())) {
            throw new IllegalArgumentException(source + ": root element is " + root.getLocalName()
                    + ", not StyledLayerDescriptor");
        }
        Element userStyle = first(root, SLD, "UserStyle");
        String name = userStyle == null ? null : text(first(userStyle, SLD, "Name"));
        if (name == null || name.isBlank()) {
            name = "default";
        }
        return kind == LayerKind.RASTER ? raster(root, name, source) : points(root, name, source);
    }

    private static LayerStyle points(Element root, String name, String source) {
        List<StyleClass> classes = new ArrayList<>();
        StyleClass fallback = null;
        NodeList rules = root.getElementsByTagNameNS(SLD, "Rule");
        for (int i = 0; i < rules.getLength(); i++) {
            Element rule = (Element) rules.item(i);
            Element mark = first(rule, SLD, "Mark");
            if (mark == null) {
                continue;
            }
            Color fill = cssColour(first(mark, SLD, "Fill"), "fill", "fill-opacity", LayerStyle.DEFAULT_FILL, source);
            Color stroke = cssColour(first(mark, SLD, "Stroke"), "stroke", "stroke-opacity", null, source);
            double size = number(text(first(rule, SLD, "Size")), LayerStyle.DEFAULT_SIZE);
            String title = text(first(rule, SLD, "Title"));
            if (title == null) {
                title = text(first(rule, SLD, "Name"));
            }
            Element filter = first(rule, OGC, "Filter");
            if (filter == null) {
                fallback = new StyleClass(null, title == null ? "Feature" : title, fill, stroke, size);
                classes.add(fallback);
                continue;
            }
            Element equal = first(filter, OGC, "PropertyIsEqualTo");
            Element isNull = first(filter, OGC, "PropertyIsNull");
            if (equal != null) {
                String literal = text(first(equal, OGC, "Literal"));
                Integer value = integer(literal, source);
                classes.add(new StyleClass(value, title == null ? "cluster " + value : title, fill, stroke, size));
            } else if (isNull != null) {
                classes.add(new StyleClass(null, title == null ? "Not clustered" : title, fill, stroke, size));
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException(source + ": no point rule with a Mark");
        }
        return new LayerStyle(name, classes, fallback);
    }

    private static LayerStyle raster(Element root, String name, String source) {
        Element colorMap = first(root, SLD, "ColorMap");
        if (colorMap == null) {
            throw new IllegalArgumentException(source + ": no RasterSymbolizer ColorMap");
        }
        String type = colorMap.getAttribute("type");
        if (!type.isEmpty() && !"values".equals(type)) {
            // Ramps and intervals mean something else for class labels; refuse rather than mislead.
            throw new IllegalArgumentException(source + ": ColorMap type '" + type + "' is not supported, only 'values'");
        }
        double opacity = Math.max(0, Math.min(1, number(text(first(root, SLD, "Opacity")), 1)));
        List<StyleClass> classes = new ArrayList<>();
        NodeList entries = colorMap.getElementsByTagNameNS(SLD, "ColorMapEntry");
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            Integer value = integer(e.getAttribute("quantity"), source);
            double entryOpacity = e.hasAttribute("opacity") ? number(e.getAttribute("opacity"), 1) : 1;
            Color c = withAlpha(colour(e.getAttribute("color"), source), opacity * entryOpacity);
            String label = e.getAttribute("label");
            classes.add(new StyleClass(value, label.isEmpty() ? "Class " + value : label, c, null, 0));
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException(source + ": the ColorMap has no entries");
        }
        return new LayerStyle(name, classes, null);
    }

    /** The colour of an SLD {@code Fill} or {@code Stroke}, with its opacity parameter. */
    private static Color cssColour(Element owner, String colourName, String opacityName, Color missing, String source) {
        if (owner == null) {
            return missing;
        }
        Color c = missing;
        double opacity = 1;
        NodeList params = owner.getElementsByTagNameNS(SLD, "CssParameter");
        for (int i = 0; i < params.getLength(); i++) {
            Element p = (Element) params.item(i);
            String n = p.getAttribute("name");
            if (colourName.equals(n)) {
                c = colour(text(p), source);
            } else if (opacityName.equals(n)) {
                opacity = number(text(p), 1);
            }
        }
        return c == null ? null : withAlpha(c, opacity);
    }

    /** Parses {@code #RRGGBB} (case-insensitive). */
    static Color colour(String hex, String source) {
        String s = hex == null ? "" : hex.trim();
        if (s.length() != 7 || s.charAt(0) != '#') {
            throw new IllegalArgumentException(source + ": colour '" + s + "' is not #RRGGBB");
        }
        try {
            return new Color(Integer.parseInt(s.substring(1), 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": colour '" + s + "' is not #RRGGBB", e);
        }
    }

    private static Color withAlpha(Color c, double opacity) {
        double o = Double.isFinite(opacity) ? Math.max(0, Math.min(1, opacity)) : 1;
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(o * 255));
    }

    private static Integer integer(String s, String source) {
        try {
            return Integer.valueOf(s == null ? "" : s.trim());
        } catch (NumberFormatException e) {
            // Quantities may be written "3.0"; a fractional value cannot match a class label.
            try {
                double d = Double.parseDouble(s.trim());
                if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                    return (int) d;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
            throw new IllegalArgumentException(source + ": '" + s + "' is not an integer class value", e);
        }
    }

    private static double number(String s, double missing) {
        if (s == null || s.isBlank()) {
            return missing;
        }
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : missing;
        } catch (NumberFormatException e) {
            return missing;
        }
    }

    /** First descendant element of that name, or {@code null}. */
    static Element first(Element parent, String ns, String local) {
        NodeList list = parent.getElementsByTagNameNS(ns, local);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    /** Trimmed text content, or {@code null} for a missing element. */
    static String text(Node n) {
        return n == null ? null : n.getTextContent().trim();
    }
}
