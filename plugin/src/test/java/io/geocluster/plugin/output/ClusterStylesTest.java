package io.geocluster.plugin.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

class ClusterStylesTest {
    private static final String SLD = "http://www.opengis.net/sld";
    private static final String OGC = "http://www.opengis.net/ogc";

    @Test
    void twelveClustersGiveTwelveRulesAndTheNullRule() throws Exception {
        Palette palette = Palette.standard();
        long[] sizes = new long[12];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 100L * (i + 1);
        }
        sizes[3] = 1234;
        String sld = ClusterStyles.pointSld("egms_clusters", "EGMS clusters", sizes, palette);
        assertFalse(sld.contains("${"), "unfilled placeholder left");

        Document doc = parse(sld);
        Element root = doc.getDocumentElement();
        assertEquals(SLD, root.getNamespaceURI());
        assertEquals("StyledLayerDescriptor", root.getLocalName());
        assertEquals("1.0.0", root.getAttribute("version"));

        Element namedLayer = only(root, SLD, "NamedLayer");
        assertEquals("egms_clusters", text(only(namedLayer, SLD, "Name")));
        Element userStyle = only(namedLayer, SLD, "UserStyle");
        assertEquals(List.of("Name", "Title", "Abstract", "FeatureTypeStyle"), childNames(userStyle),
                "UserStyle children in SLD 1.0 schema order");
        assertEquals("EGMS clusters", text(only(userStyle, SLD, "Title")));

        List<Element> rules = children(only(userStyle, SLD, "FeatureTypeStyle"), SLD, "Rule");
        assertEquals(13, rules.size());
        for (int i = 0; i < 12; i++) {
            Element rule = rules.get(i);
            assertEquals(List.of("Name", "Title", "Filter", "PointSymbolizer"), childNames(rule));
            assertEquals("cluster-" + i, text(only(rule, SLD, "Name")));
            assertEquals(ClusterStyles.legendTitle(i, sizes[i]), text(only(rule, SLD, "Title")));
            Element equal = only(only(rule, OGC, "Filter"), OGC, "PropertyIsEqualTo");
            assertEquals("cluster", text(only(equal, OGC, "PropertyName")));
            assertEquals(Integer.toString(i), text(only(equal, OGC, "Literal")));

            Element graphic = only(only(rule, SLD, "PointSymbolizer"), SLD, "Graphic");
            Element mark = only(graphic, SLD, "Mark");
            assertEquals("circle", text(only(mark, SLD, "WellKnownName")));
            assertEquals(palette.hex(i), cssParameter(only(mark, SLD, "Fill"), "fill"));
            assertEquals(palette.outlineHex(i), cssParameter(only(mark, SLD, "Stroke"), "stroke"));
            assertEquals("6", text(only(graphic, SLD, "Size")));
        }
        assertEquals("Cluster 3 (1 234 points)", text(only(rules.get(3), SLD, "Title")));

        Element nullRule = rules.get(12);
        assertEquals("Not clustered", text(only(nullRule, SLD, "Title")));
        Element isNull = only(only(nullRule, OGC, "Filter"), OGC, "PropertyIsNull");
        assertEquals("cluster", text(only(isNull, OGC, "PropertyName")));
        String grey = cssParameter(only(only(only(only(nullRule, SLD, "PointSymbolizer"), SLD, "Graphic"), SLD, "Mark"), SLD, "Fill"), "fill");
        Color c = Color.decode(grey);
        assertTrue(c.getRed() == c.getGreen() && c.getGreen() == c.getBlue(), "not-clustered fill is grey: " + grey);
    }

    @Test
    void namesAndTitlesAreEscaped() throws Exception {
        String layer = "rock&<roll>";
        String title = "Tom & Jerry <\"quoted\"> 'it' ${rules} ${layerName}";
        String sld = ClusterStyles.pointSld(layer, title, new long[] {3, 4}, Palette.standard());
        assertTrue(sld.contains("rock&amp;&lt;roll&gt;"), sld);
        assertFalse(sld.contains("Tom & Jerry"), "raw ampersand in output");

        Document doc = parse(sld);
        Element userStyle = only(only(doc.getDocumentElement(), SLD, "NamedLayer"), SLD, "UserStyle");
        assertEquals(layer, text(only(only(doc.getDocumentElement(), SLD, "NamedLayer"), SLD, "Name")));
        assertEquals(layer, text(only(userStyle, SLD, "Name")));
        // Placeholder look-alikes in a title are text, not template syntax.
        assertEquals(title, text(only(userStyle, SLD, "Title")));
        assertEquals(3, children(only(userStyle, SLD, "FeatureTypeStyle"), SLD, "Rule").size());
    }

    @Test
    void charactersXmlForbidsAreReplacedSoTheDocumentStillParses() throws Exception {
        String sld = ClusterStyles.pointSld("layer", "bell\u0007 and lone \uD800 surrogate, emoji \uD83D\uDE00", new long[] {1}, Palette.standard());
        Element userStyle = only(only(parse(sld).getDocumentElement(), SLD, "NamedLayer"), SLD, "UserStyle");
        assertEquals("bell\uFFFD and lone \uFFFD surrogate, emoji \uD83D\uDE00", text(only(userStyle, SLD, "Title")));
    }

    @Test
    void emptyClustersGetNoRule() throws Exception {
        String sld = ClusterStyles.pointSld("l", "t", new long[] {5, 0, 7}, Palette.standard());
        Element fts = only(only(only(parse(sld).getDocumentElement(), SLD, "NamedLayer"), SLD, "UserStyle"), SLD, "FeatureTypeStyle");
        List<Element> rules = children(fts, SLD, "Rule");
        assertEquals(3, rules.size());
        assertEquals("cluster-0", text(only(rules.get(0), SLD, "Name")));
        assertEquals("cluster-2", text(only(rules.get(1), SLD, "Name")));
        assertEquals(Palette.standard().hex(2), cssParameter(only(only(only(only(rules.get(1), SLD, "PointSymbolizer"), SLD, "Graphic"), SLD, "Mark"), SLD, "Fill"), "fill"));
        assertEquals("not-clustered", text(only(rules.get(2), SLD, "Name")));
    }

    @Test
    void noClustersStillGiveAValidStyleWithTheNullRule() throws Exception {
        String sld = ClusterStyles.pointSld("l", "t", new long[0], Palette.standard());
        Element fts = only(only(only(parse(sld).getDocumentElement(), SLD, "NamedLayer"), SLD, "UserStyle"), SLD, "FeatureTypeStyle");
        assertEquals(1, children(fts, SLD, "Rule").size());
    }

    @Test
    void clustersBeyondThePaletteUseGeneratedColours() throws Exception {
        Palette two = Palette.of(List.of(Color.RED, Color.BLUE));
        String sld = ClusterStyles.pointSld("l", "t", new long[] {1, 1, 1, 1, 1}, two);
        Element fts = only(only(only(parse(sld).getDocumentElement(), SLD, "NamedLayer"), SLD, "UserStyle"), SLD, "FeatureTypeStyle");
        List<Element> rules = children(fts, SLD, "Rule");
        for (int i = 0; i < 5; i++) {
            assertEquals(two.hex(i), cssParameter(only(only(only(only(rules.get(i), SLD, "PointSymbolizer"), SLD, "Graphic"), SLD, "Mark"), SLD, "Fill"), "fill"));
        }
        assertEquals("Cluster 4 (1 point)", text(only(rules.get(4), SLD, "Title")));
    }

    @Test
    void legendTitlesGroupDigitsIndependentlyOfLocale() {
        assertEquals("Cluster 0 (0 points)", ClusterStyles.legendTitle(0, 0));
        assertEquals("Cluster 7 (999 points)", ClusterStyles.legendTitle(7, 999));
        assertEquals("Cluster 12 (5 000 000 000 points)", ClusterStyles.legendTitle(12, 5_000_000_000L));
    }

    @Test
    void negativeSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ClusterStyles.pointSld("l", "t", new long[] {1, -1}, Palette.standard()));
    }

    @Test
    void rasterClassesGetOneValuesEntryEachWithPaletteColourAndLegendLabel() throws Exception {
        long[] sizes = {120_000, 0, 5, 1, 7_000_000};
        String sld = ClusterStyles.rasterSld("landsat_classes", "IIkMC classes <2024>", sizes, Palette.standard(), 0.8);
        assertFalse(sld.contains("${"), "unfilled placeholder left");
        Element root = parse(sld).getDocumentElement();
        assertEquals("1.0.0", root.getAttribute("version"));
        Element namedLayer = only(root, SLD, "NamedLayer");
        assertEquals("landsat_classes", text(only(namedLayer, SLD, "Name")));
        Element userStyle = only(namedLayer, SLD, "UserStyle");
        assertEquals(List.of("Name", "Title", "Abstract", "FeatureTypeStyle"), childNames(userStyle));
        assertEquals("IIkMC classes <2024>", text(only(userStyle, SLD, "Title")));
        assertEquals("4 classes, 7 120 006 pixels; generated by geocluster", text(only(userStyle, SLD, "Abstract")));
        Element raster = only(only(only(userStyle, SLD, "FeatureTypeStyle"), SLD, "Rule"), SLD, "RasterSymbolizer");
        assertEquals(List.of("Opacity", "ColorMap"), childNames(raster), "SLD 1.0 RasterSymbolizer order");
        assertEquals(0.8, Double.parseDouble(text(only(raster, SLD, "Opacity"))));
        Element colorMap = only(raster, SLD, "ColorMap");
        assertEquals("values", colorMap.getAttribute("type"), "exact class values, not a ramp");

        List<Element> entries = children(colorMap, SLD, "ColorMapEntry");
        // class 1 is empty (cancelled): no entry, so no legend line for it
        int[] expectedClasses = {0, 2, 3, 4};
        String[] expectedLabels = {"Class 0 (120 000 pixels)", "Class 2 (5 pixels)", "Class 3 (1 pixel)",
            "Class 4 (7 000 000 pixels)"};
        assertEquals(expectedClasses.length, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Element e = entries.get(i);
            assertEquals(expectedClasses[i], Integer.parseInt(e.getAttribute("quantity")));
            assertEquals(expectedLabels[i], e.getAttribute("label"));
            assertEquals(Palette.standard().hex(expectedClasses[i]), e.getAttribute("color"));
        }
        // same colour for a class number as the point styles and the profile chart use
        assertEquals("#E69F00", entries.get(0).getAttribute("color").toUpperCase(java.util.Locale.ROOT));
        for (Element e : entries) {
            assertFalse(e.getAttribute("quantity").equals("255"), "255 is nodata and stays transparent");
        }
    }

    @Test
    void rasterStyleRejectsWhatAByteRasterCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> ClusterStyles.rasterSld("s", "t", new long[256], Palette.standard(), 1));
        assertThrows(IllegalArgumentException.class, () -> ClusterStyles.rasterSld("s", "t", new long[] {1, -2}, Palette.standard(), 1));
        assertThrows(IllegalArgumentException.class, () -> ClusterStyles.rasterSld("s", "t", new long[] {1}, Palette.standard(), 1.5));
        assertThrows(IllegalArgumentException.class, () -> ClusterStyles.rasterSld("s", "t", new long[] {1}, Palette.standard(), Double.NaN));
    }

    @Test
    void rasterLabelsAreEscapedInAttributes() throws Exception {
        String sld = ClusterStyles.rasterSld("a\"b&c", "t", new long[] {2}, Palette.standard(), 1);
        Element root = parse(sld).getDocumentElement();
        assertEquals("a\"b&c", text(only(only(root, SLD, "NamedLayer"), SLD, "Name")));
    }

    // --- DOM helpers ---------------------------------------------------------------------

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> children(Element parent, String ns, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> childNames(Element parent) {
        List<String> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e.getLocalName());
            }
        }
        return out;
    }

    private static Element only(Element parent, String ns, String name) {
        List<Element> found = children(parent, ns, name);
        assertEquals(1, found.size(), "exactly one " + name + " under " + parent.getLocalName());
        return found.get(0);
    }

    private static String text(Element e) {
        return e.getTextContent().strip();
    }

    private static String cssParameter(Element parent, String name) {
        for (Element p : children(parent, SLD, "CssParameter")) {
            if (name.equals(p.getAttribute("name"))) {
                return text(p);
            }
        }
        throw new AssertionError("no CssParameter " + name);
    }
}
