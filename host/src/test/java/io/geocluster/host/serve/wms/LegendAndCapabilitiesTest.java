package io.geocluster.host.serve.wms;

import static io.geocluster.host.serve.wms.WmsFixtures.PALETTE;
import static io.geocluster.host.serve.wms.WmsFixtures.argb;
import static io.geocluster.host.serve.wms.WmsFixtures.kvp;
import static io.geocluster.host.serve.wms.WmsFixtures.pixel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.host.raster.GeoTiffGrid;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** GetLegendGraphic swatches and the GetCapabilities document, read back with DOM. */
class LegendAndCapabilitiesTest {
    private static final String WMS = "http://www.opengis.net/wms";

    @TempDir
    Path dir;
    private WmsService wms;

    @BeforeEach
    void setUp() throws Exception {
        // EPSG Guidance Note 7-2: 50°N 5°E is E 3 962 799.45, N 2 999 718.85 in EPSG:3035.
        WmsFixtures.pointLayer(dir, "pts_clusters", new double[] {3_962_799.45, 3_962_899.45},
                new double[] {2_999_718.85, 2_999_818.85}, new int[] {0, 1}, true);
        WmsFixtures.labelRaster(dir, "iikmc_scene1",
                new GeoTiffGrid(2, 1, 32632, 500_000, 10, 7_000_010, -10), new byte[] {0, 2}, 3, 1.0);
        wms = new WmsService(new FolderWmsLayers(dir), "http://example.org/ows");
    }

    @Test
    void pointLegendHasOneCircleSwatchPerRule() throws Exception {
        BufferedImage img = WmsFixtures.image(wms.handle(kvp("SERVICE", "WMS", "VERSION", "1.3.0",
                "REQUEST", "GetLegendGraphic", "LAYER", "pts_clusters", "FORMAT", "image/png")));
        // Three rules (clusters 0, 1, "not clustered"), swatches 20 px at x 4..23, rows at least 20 px + 4 px apart.
        int rowHeight = (img.getHeight() - 2 * LegendRenderer.PAD + LegendRenderer.GAP) / 3;
        assertTrue(rowHeight >= 24, "row height " + rowHeight);
        int cx = LegendRenderer.PAD + 10;
        assertEquals(argb(PALETTE.color(0)), pixel(img, cx, LegendRenderer.PAD + 10));
        assertEquals(argb(PALETTE.color(1)), pixel(img, cx, LegendRenderer.PAD + rowHeight + 10));
        assertEquals("FFA0A0A0", pixel(img, cx, LegendRenderer.PAD + 2 * rowHeight + 10));
        assertEquals(0, img.getRGB(0, 0) >>> 24, "transparent margin");
        assertTrue(img.getWidth() > 60, "labels are drawn right of the swatches");
    }

    @Test
    void rasterLegendHasSquareSwatchesOfTheClasses() throws Exception {
        BufferedImage img = WmsFixtures.image(wms.handle(kvp("REQUEST", "GetLegendGraphic", "LAYER", "iikmc_scene1",
                "FORMAT", "image/png", "WIDTH", "12", "HEIGHT", "12")));
        // Classes 0 and 2 (class 1 is empty); square corners carry the colour too.
        assertEquals(argb(PALETTE.color(0)), pixel(img, LegendRenderer.PAD, LegendRenderer.PAD));
        List<String> colours = new ArrayList<>();
        for (int y = 0; y < img.getHeight(); y++) {
            colours.add(pixel(img, LegendRenderer.PAD + 6, y));
        }
        assertTrue(colours.contains(argb(PALETTE.color(2))), colours.toString());
        assertTrue(!colours.contains(argb(PALETTE.color(1))));
    }

    @Test
    void capabilitiesListEveryLayerWithCrsBoxesAndLegend() throws Exception {
        WmsResponse r = wms.handle(kvp("service", "WMS", "request", "GetCapabilities"));
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/xml"));
        Document d = WmsFixtures.dom(r);
        Element root = d.getDocumentElement();
        assertEquals("WMS_Capabilities", root.getLocalName());
        assertEquals(WMS, root.getNamespaceURI());
        assertEquals("1.3.0", root.getAttribute("version"));
        Map<String, Element> layers = new HashMap<>();
        NodeList all = d.getElementsByTagNameNS(WMS, "Layer");
        for (int i = 0; i < all.getLength(); i++) {
            Element l = (Element) all.item(i);
            Element name = SldColours.first(l, WMS, "Name");
            if (name != null && name.getParentNode() == l) {
                layers.put(name.getTextContent(), l);
            }
        }
        assertEquals(List.of("iikmc_scene1", "pts_clusters"), layers.keySet().stream().sorted().toList());

        Element pts = layers.get("pts_clusters");
        assertEquals(List.of("EPSG:3035", "EPSG:4326", "EPSG:3857", "CRS:84"), texts(pts, "CRS"));
        Element box = box(pts, "EPSG:3035");
        // Northing first for EPSG:3035.
        assertEquals(2_999_718.85, Double.parseDouble(box.getAttribute("minx")), 1e-6);
        assertEquals(3_962_799.45, Double.parseDouble(box.getAttribute("miny")), 1e-6);
        assertEquals(3_962_899.45, Double.parseDouble(box.getAttribute("maxy")), 1e-6);
        // The box's south-west corner is 50°N 5°E; the grid north of the LAEA box bends a little, so
        // the geographic box encloses it within about 10 m (1e-4°), hence the tolerance.
        Element geo = box(pts, "EPSG:4326");
        assertEquals(50.0, Double.parseDouble(geo.getAttribute("minx")), 2e-4, "latitude first");
        assertEquals(5.0, Double.parseDouble(geo.getAttribute("miny")), 2e-4);
        assertTrue(Double.parseDouble(geo.getAttribute("maxx")) > 50.0005, "north of the first point");
        Element ex = SldColours.first(pts, WMS, "EX_GeographicBoundingBox");
        assertEquals(5.0, Double.parseDouble(SldColours.text(SldColours.first(ex, WMS, "westBoundLongitude"))), 2e-4);
        assertEquals(50.0, Double.parseDouble(SldColours.text(SldColours.first(ex, WMS, "southBoundLatitude"))), 2e-4);
        assertEquals("pts_clusters", SldColours.text(SldColours.first(SldColours.first(pts, WMS, "Style"), WMS, "Name")));
        Element legend = (Element) SldColours.first(pts, WMS, "LegendURL")
                .getElementsByTagNameNS(WMS, "OnlineResource").item(0);
        String href = legend.getAttributeNS("http://www.w3.org/1999/xlink", "href");
        assertTrue(href.startsWith("http://example.org/ows?") && href.contains("request=GetLegendGraphic")
                && href.contains("layer=pts_clusters"), href);

        Element raster = layers.get("iikmc_scene1");
        assertEquals("EPSG:32632", texts(raster, "CRS").get(0));
        Element utm = box(raster, "EPSG:32632");
        assertEquals(500_000, Double.parseDouble(utm.getAttribute("minx")));
        assertEquals(7_000_000, Double.parseDouble(utm.getAttribute("miny")));
        assertEquals(500_020, Double.parseDouble(utm.getAttribute("maxx")));
        assertEquals("iikmc_scene1", SldColours.text(SldColours.first(SldColours.first(raster, WMS, "Style"), WMS, "Name")));
    }

    @Test
    void rasterScenesShareTheirRunsStyle() throws Exception {
        // IIkMC publishes <out>_<scene>.tif and one <out>.sld.
        WmsFixtures.labelRaster(dir, "run", new GeoTiffGrid(1, 1, 32632, 0, 1, 1, -1), new byte[] {0}, 1, 1.0);
        java.nio.file.Files.move(dir.resolve("run.tif"), dir.resolve("run_sceneA.tif"));
        WmsLayer l = new FolderWmsLayers(dir).layer("run_sceneA").orElseThrow();
        assertEquals(dir.resolve("run.sld"), l.style());
    }

    private static List<String> texts(Element parent, String name) {
        List<String> out = new ArrayList<>();
        NodeList list = parent.getElementsByTagNameNS(WMS, name);
        for (int i = 0; i < list.getLength(); i++) {
            out.add(list.item(i).getTextContent());
        }
        return out;
    }

    private static Element box(Element layer, String crs) {
        NodeList list = layer.getElementsByTagNameNS(WMS, "BoundingBox");
        for (int i = 0; i < list.getLength(); i++) {
            Element b = (Element) list.item(i);
            if (b.getAttribute("CRS").equals(crs)) {
                return b;
            }
        }
        throw new AssertionError("no BoundingBox for " + crs);
    }
}
