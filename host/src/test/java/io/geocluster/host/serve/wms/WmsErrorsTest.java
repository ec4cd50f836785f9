package io.geocluster.host.serve.wms;

import static io.geocluster.host.serve.wms.WmsFixtures.kvp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed requests, huge numbers and traversal names get exception reports with the standard codes. */
class WmsErrorsTest {
    /** Shared by the read-only tests; tests that change files use {@link #own}. */
    @TempDir
    static Path root;
    private static Path dir;
    private static WmsService wms;

    @TempDir
    Path own;

    @BeforeAll
    static void setUp() throws Exception {
        dir = workspace(root);
        wms = new WmsService(new FolderWmsLayers(dir), "http://localhost/ows");
    }

    /** {@code parent/workspace/pts.gpkg}, plus {@code parent/outside.gpkg} that traversal names would reach. */
    private static Path workspace(Path parent) throws Exception {
        Path ws = Files.createDirectory(parent.resolve("workspace"));
        WmsFixtures.pointLayer(ws, "pts", new double[] {4_000_000}, new double[] {3_000_000}, new int[] {0}, true);
        WmsFixtures.pointLayer(parent, "outside", new double[] {4_000_000}, new double[] {3_000_000}, new int[] {0}, true);
        return ws;
    }

    private static Map<String, String> getMap(String... overrides) {
        Map<String, String> m = kvp("SERVICE", "WMS", "VERSION", "1.3.0", "REQUEST", "GetMap", "LAYERS", "pts",
                "STYLES", "", "CRS", "EPSG:3035", "BBOX", "2999000,3999000,3001000,4001000", "WIDTH", "64",
                "HEIGHT", "64", "FORMAT", "image/png");
        for (int i = 0; i < overrides.length; i += 2) {
            m.put(overrides[i], overrides[i + 1]);
        }
        return m;
    }

    static Stream<Arguments> badGetMaps() {
        return Stream.of(
                Arguments.of("LAYERS", "nosuch", "LayerNotDefined"),
                Arguments.of("LAYERS", "pts,nosuch", "LayerNotDefined"),
                Arguments.of("CRS", "EPSG:9999999", "InvalidCRS"),
                Arguments.of("CRS", "EPSG:32632", "InvalidCRS"),
                Arguments.of("CRS", "urn:ogc:def:crs:EPSG::3035", "InvalidCRS"),
                Arguments.of("CRS", "EPSG:99999999999999999999", "InvalidCRS"),
                Arguments.of("WIDTH", "100000", "InvalidParameterValue"),
                Arguments.of("WIDTH", "99999999999999999999999", "InvalidParameterValue"),
                Arguments.of("HEIGHT", "-5", "InvalidParameterValue"),
                Arguments.of("HEIGHT", "0", "InvalidParameterValue"),
                Arguments.of("WIDTH", "1e3", "InvalidParameterValue"),
                Arguments.of("BBOX", "NaN,0,1,1", "InvalidParameterValue"),
                Arguments.of("BBOX", "0,0,Infinity,1", "InvalidParameterValue"),
                Arguments.of("BBOX", "-1e308,0,1e308,1", "InvalidParameterValue"),
                Arguments.of("BBOX", "0,0,1e999,1", "InvalidParameterValue"),
                Arguments.of("BBOX", "1,1,0,0", "InvalidParameterValue"),
                Arguments.of("BBOX", "0,0,1", "InvalidParameterValue"),
                Arguments.of("BBOX", "a,b,c,d", "InvalidParameterValue"),
                Arguments.of("FORMAT", "image/jpeg", "InvalidFormat"),
                Arguments.of("FORMAT", "", "MissingParameterValue"),
                Arguments.of("STYLES", "nosuchstyle", "StyleNotDefined"),
                Arguments.of("STYLES", ",", "StyleNotDefined"),
                Arguments.of("VERSION", "1.1.1", "InvalidParameterValue"),
                Arguments.of("TRANSPARENT", "maybe", "InvalidParameterValue"),
                Arguments.of("BGCOLOR", "red", "InvalidParameterValue"),
                Arguments.of("REQUEST", "DescribeLayer", "OperationNotSupported"),
                Arguments.of("REQUEST", "", "MissingParameterValue"),
                Arguments.of("SERVICE", "WFS", "InvalidParameterValue"),
                Arguments.of("BBOX", "1,2,3,".repeat(3000), "InvalidParameterValue"));
    }

    @ParameterizedTest(name = "{0}={1} → {2}")
    @MethodSource("badGetMaps")
    void badGetMapParametersGetTheirExceptionCode(String name, String value, String code) throws Exception {
        WmsResponse r = wms.handle(getMap(name, value));
        assertEquals(400, r.status(), r.text());
        assertEquals(code, WmsFixtures.exceptionCode(r));
    }

    @ParameterizedTest(name = "layer {0}")
    @ValueSource(strings = {"../outside", "..", "../workspace/pts", "/etc/passwd", "..\\outside", "a/b", "C:\\x",
        "pts\u0000", "pts\n", "pts/../pts", ".pts", "%2e%2e/outside", "~/outside", "\u202e", "pts.gpkg", ""})
    void traversalAndOddNamesAreNotLayers(String name) throws Exception {
        WmsResponse r = wms.handle(getMap("LAYERS", name));
        assertEquals(400, r.status(), r.text());
        String code = WmsFixtures.exceptionCode(r);
        assertTrue(code.equals("LayerNotDefined") || name.isEmpty() && code.equals("MissingParameterValue"), code);
        assertFalse(r.text().contains("\u0000"), "control characters are not echoed");
        WmsResponse legend = wms.handle(kvp("REQUEST", "GetLegendGraphic", "LAYER", name, "FORMAT", "image/png"));
        assertEquals(400, legend.status());
        assertTrue(legend.isException());
    }

    @Test
    void folderLayersNeverResolveOutsideTheFolder() throws Exception {
        FolderWmsLayers layers = new FolderWmsLayers(dir);
        assertTrue(layers.layer("pts").isPresent());
        for (String name : new String[] {"../outside", "..", "/" + root.resolve("outside"), "pts/..", "a\\..\\outside"}) {
            assertTrue(layers.layer(name).isEmpty(), name);
        }
        assertEquals(1, layers.layers().size());
    }

    @Test
    void symbolicLinksAndHiddenFilesAreIgnored() throws Exception {
        Path dir = workspace(own);
        Path root = own;
        Path link = dir.resolve("linked.gpkg");
        try {
            Files.createSymbolicLink(link, root.resolve("outside.gpkg"));
        } catch (UnsupportedOperationException | java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
        }
        Files.copy(dir.resolve("pts.gpkg"), dir.resolve(".hidden.gpkg"));
        FolderWmsLayers layers = new FolderWmsLayers(dir);
        assertTrue(layers.layer("linked").isEmpty());
        assertEquals(1, layers.layers().size());
    }

    @Test
    void brokenLayerFilesAndStylesDoNotBreakTheService() throws Exception {
        Path dir = workspace(own);
        WmsService wms = new WmsService(new FolderWmsLayers(dir), "http://localhost/ows");
        Files.writeString(dir.resolve("junk.gpkg"), "not a database");
        Files.writeString(dir.resolve("junk2.tif"), "not a tiff");
        Files.writeString(dir.resolve("pts.sld"), "<StyledLayerDescriptor");
        WmsResponse caps = wms.handle(kvp("REQUEST", "GetCapabilities", "SERVICE", "WMS"));
        assertEquals(200, caps.status());
        assertTrue(caps.text().contains("<Name>pts</Name>") && !caps.text().contains("junk"));
        // The broken SLD falls back to the default style; the map still draws.
        WmsResponse map = wms.handle(getMap());
        assertEquals(200, map.status(), map.text());
    }

    @Test
    void missingParametersAreNamed() throws Exception {
        Map<String, String> m = getMap();
        m.remove("BBOX");
        WmsResponse r = wms.handle(m);
        assertEquals("MissingParameterValue", WmsFixtures.exceptionCode(r));
        assertTrue(r.text().contains("locator=\"BBOX\""), r.text());
        assertEquals("MissingParameterValue", WmsFixtures.exceptionCode(wms.handle(kvp("SERVICE", "WMS"))));
        assertEquals("MissingParameterValue",
                WmsFixtures.exceptionCode(wms.handle(kvp("REQUEST", "GetLegendGraphic", "FORMAT", "image/png"))));
        assertEquals("InvalidParameterValue", WmsFixtures.exceptionCode(wms.handle(kvp("REQUEST",
                "GetLegendGraphic", "LAYER", "pts", "WIDTH", "100000"))));
    }

    @Test
    void largestMapIsDrawnWithinLimits() throws Exception {
        WmsResponse r = wms.handle(getMap("WIDTH", "4096", "HEIGHT", "4096"));
        assertEquals(200, r.status(), r.text());
    }
}
