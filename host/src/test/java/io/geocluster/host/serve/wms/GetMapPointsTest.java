package io.geocluster.host.serve.wms;

import static io.geocluster.host.serve.wms.WmsFixtures.PALETTE;
import static io.geocluster.host.serve.wms.WmsFixtures.argb;
import static io.geocluster.host.serve.wms.WmsFixtures.kvp;
import static io.geocluster.host.serve.wms.WmsFixtures.pixel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.geocluster.plugin.output.ClusterStyles;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GetMap of a point layer with points at hand-placed coordinates: the centre pixel of each
 * symbol, computed by hand from the box and size, must hold its cluster's SLD fill colour.
 */
class GetMapPointsTest {
    @TempDir
    Path dir;

    /** 1 m per pixel over [4 000 000, 4 000 100] × [3 000 000, 3 000 100], EPSG:3035. */
    private static final double X0 = 4_000_000;
    private static final double Y0 = 3_000_000;

    private WmsService service(boolean index) throws Exception {
        // Pixel (i, j) of a 100 × 100 map has its centre at (X0 + i + 0.5, Y0 + 100 - j - 0.5).
        double[] x = {X0 + 10.5, X0 + 50.5, X0 + 80.5, X0 + 30.5, X0 + 500};
        double[] y = {Y0 + 89.5, Y0 + 49.5, Y0 + 19.5, Y0 + 69.5, Y0 + 500};
        int[] clusters = {0, 1, 2, -1, 1};
        WmsFixtures.pointLayer(dir, "pts", x, y, clusters, index);
        return new WmsService(new FolderWmsLayers(dir), "http://localhost/ows");
    }

    @ParameterizedTest(name = "R-tree index: {0}")
    @ValueSource(booleans = {true, false})
    void clustersAreDrawnInTheirColoursAtTheirPixels(boolean index) throws Exception {
        // EPSG:3035 is northing first in WMS 1.3.0: BBOX = minN, minE, maxN, maxE.
        BufferedImage img = WmsFixtures.image(service(index).handle(kvp("SERVICE", "WMS", "VERSION", "1.3.0",
                "REQUEST", "GetMap", "LAYERS", "pts", "STYLES", "", "CRS", "EPSG:3035",
                "BBOX", Y0 + "," + X0 + "," + (Y0 + 100) + "," + (X0 + 100),
                "WIDTH", "100", "HEIGHT", "100", "FORMAT", "image/png", "TRANSPARENT", "TRUE")));
        assertEquals(100, img.getWidth());
        assertEquals(argb(PALETTE.color(0)), pixel(img, 10, 10));
        assertEquals(argb(PALETTE.color(1)), pixel(img, 50, 50));
        assertEquals(argb(PALETTE.color(2)), pixel(img, 80, 80));
        assertEquals(argb(new Color(0xA0, 0xA0, 0xA0)), pixel(img, 30, 30), "NULL cluster is the grey rule");
        // Symbols are 6 px across: 5 px away from a centre is background, fully transparent.
        assertEquals(0, img.getRGB(10, 16) >>> 24);
        assertEquals(0, img.getRGB(0, 0) >>> 24);
        assertEquals(0, img.getRGB(99, 99) >>> 24);
    }

    @Test
    void opaqueMapsHaveTheRequestedBackground() throws Exception {
        BufferedImage img = WmsFixtures.image(service(true).handle(kvp("REQUEST", "GetMap", "VERSION", "1.3.0",
                "LAYERS", "pts", "STYLES", "", "CRS", "EPSG:3035", "BBOX", Y0 + "," + X0 + "," + (Y0 + 100) + "," + (X0 + 100),
                "WIDTH", "100", "HEIGHT", "100", "FORMAT", "image/png", "BGCOLOR", "0x102030")));
        assertEquals("FF102030", pixel(img, 0, 0));
        assertEquals(argb(PALETTE.color(1)), pixel(img, 50, 50));
    }

    @Test
    void geographicRequestsAreLatitudeFirstAndReprojected() throws Exception {
        // EPSG Guidance Note 7-2 worked example for EPSG:3035: 50°N 5°E is E 3 962 799.45, N 2 999 718.85.
        WmsFixtures.pointLayer(dir, "one", new double[] {3_962_799.45}, new double[] {2_999_718.85}, new int[] {2}, true);
        WmsService wms = new WmsService(new FolderWmsLayers(dir), "http://localhost/ows");
        // 0.0001° per pixel; lon 5 is 99.5 px from the west edge and lat 50 is 99.5 px below the north edge.
        BufferedImage img = WmsFixtures.image(wms.handle(kvp("REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS", "one",
                "STYLES", "", "CRS", "EPSG:4326", "BBOX", "49.98995,4.99005,50.00995,5.01005",
                "WIDTH", "200", "HEIGHT", "200", "FORMAT", "image/png", "TRANSPARENT", "TRUE")));
        assertEquals(argb(PALETTE.color(2)), pixel(img, 99, 99));
        assertEquals(0, img.getRGB(99, 110) >>> 24);

        // Web Mercator of 5°E 50°N by the spherical formulas, a = 6 378 137 m.
        double mx = 6_378_137 * Math.toRadians(5);
        double my = 6_378_137 * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(50) / 2));
        img = WmsFixtures.image(wms.handle(kvp("REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS", "one",
                "STYLES", "", "CRS", "EPSG:3857",
                "BBOX", (mx - 40.5) + "," + (my - 59.5) + "," + (mx + 59.5) + "," + (my + 40.5),
                "WIDTH", "100", "HEIGHT", "100", "FORMAT", "image/png", "TRANSPARENT", "TRUE")));
        // x: 40.5 px from the west edge; y: 40.5 px below the north edge.
        assertEquals(argb(PALETTE.color(2)), pixel(img, 40, 40));
    }

    @Test
    void csvPointLayersAreDrawnTooWithOrWithoutClusters() throws Exception {
        // EGMS convention: easting/northing are EPSG:3035.
        Files.writeString(dir.resolve("egms.csv"), "pid,easting,northing,mean_velocity\n"
                + "1," + (X0 + 10.5) + "," + (Y0 + 89.5) + ",1.5\n" + "2," + (X0 + 80.5) + "," + (Y0 + 19.5) + ",-2\n");
        Files.writeString(dir.resolve("labelled.csv"), "pid,easting,northing,cluster\n"
                + "1," + (X0 + 10.5) + "," + (Y0 + 89.5) + ",2\n" + "2," + (X0 + 80.5) + "," + (Y0 + 19.5) + ",\n");
        Files.writeString(dir.resolve("labelled.sld"),
                ClusterStyles.pointSld("labelled", "t", new long[] {0, 0, 1}, PALETTE), StandardCharsets.UTF_8);
        WmsService wms = new WmsService(new FolderWmsLayers(dir), "http://localhost/ows");
        WmsLayer egms = new FolderWmsLayers(dir).layer("egms").orElseThrow();
        assertEquals("EPSG:3035", egms.crs());
        assertEquals(new Bounds(X0 + 10.5, Y0 + 19.5, X0 + 80.5, Y0 + 89.5), egms.bounds());
        String bbox = Y0 + "," + X0 + "," + (Y0 + 100) + "," + (X0 + 100);
        BufferedImage img = WmsFixtures.image(wms.handle(kvp("REQUEST", "GetMap", "VERSION", "1.3.0",
                "LAYERS", "egms", "STYLES", "", "CRS", "EPSG:3035", "BBOX", bbox,
                "WIDTH", "100", "HEIGHT", "100", "FORMAT", "image/png", "TRANSPARENT", "TRUE")));
        assertEquals(argb(LayerStyle.DEFAULT_FILL), pixel(img, 10, 10), "no SLD: the default style");
        assertEquals(argb(LayerStyle.DEFAULT_FILL), pixel(img, 80, 80));
        assertEquals(0, img.getRGB(50, 50) >>> 24);
        img = WmsFixtures.image(wms.handle(kvp("REQUEST", "GetMap", "VERSION", "1.3.0",
                "LAYERS", "labelled", "STYLES", "", "CRS", "EPSG:3035", "BBOX", bbox,
                "WIDTH", "100", "HEIGHT", "100", "FORMAT", "image/png", "TRANSPARENT", "TRUE")));
        assertEquals(argb(PALETTE.color(2)), pixel(img, 10, 10));
        assertEquals("FFA0A0A0", pixel(img, 80, 80), "an empty cluster cell is NULL: the grey rule");
    }
}
