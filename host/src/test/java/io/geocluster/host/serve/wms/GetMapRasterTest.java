package io.geocluster.host.serve.wms;

import static io.geocluster.host.serve.wms.WmsFixtures.PALETTE;
import static io.geocluster.host.serve.wms.WmsFixtures.argb;
import static io.geocluster.host.serve.wms.WmsFixtures.kvp;
import static io.geocluster.host.serve.wms.WmsFixtures.pixel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.geocluster.host.raster.GeoTiffGrid;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetMap of a tiny uint8 label GeoTIFF: nearest-neighbour cells in their ColorMap colours, nodata transparent. */
class GetMapRasterTest {
    @TempDir
    Path dir;

    /** 4 × 3 cells of 10 m, upper-left corner (500 000, 7 000 030), UTM 32N. */
    private static final GeoTiffGrid GRID = new GeoTiffGrid(4, 3, 32632, 500_000, 10, 7_000_030, -10);
    private static final byte N = (byte) 255;
    private static final byte[] LABELS = {
        0, 1, 2, N,
        2, 2, 0, 1,
        N, 0, 1, 2,
    };
    private WmsService wms;

    @BeforeEach
    void setUp() throws Exception {
        WmsFixtures.labelRaster(dir, "scene_a", GRID, LABELS, 3, 1.0);
        wms = new WmsService(new FolderWmsLayers(dir), "http://localhost/ows");
    }

    private BufferedImage map(String bbox, int w, int h) throws Exception {
        return WmsFixtures.image(wms.handle(kvp("REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS", "scene_a",
                "STYLES", "", "CRS", "EPSG:32632", "BBOX", bbox, "WIDTH", "" + w, "HEIGHT", "" + h,
                "FORMAT", "image/png", "TRANSPARENT", "TRUE")));
    }

    @Test
    void everyCellIsTwoByTwoPixelsOfItsClassColour() throws Exception {
        BufferedImage img = map("500000,7000000,500040,7000030", 8, 6);
        for (int j = 0; j < 6; j++) {
            for (int i = 0; i < 8; i++) {
                int v = LABELS[(j / 2) * 4 + i / 2] & 0xFF;
                String expected = v == 255 ? "00000000" : argb(PALETTE.color(v));
                assertEquals(expected, pixel(img, i, j), "pixel " + i + "," + j + " (class " + v + ")");
            }
        }
    }

    @Test
    void partsOutsideTheRasterStayTransparent() throws Exception {
        // 10 m per pixel, the box starts 20 m west of the raster and ends 10 m north of it.
        BufferedImage img = map("499980,7000000,500040,7000040", 6, 4);
        assertEquals(0, img.getRGB(0, 1) >>> 24, "west of the raster");
        assertEquals(0, img.getRGB(3, 0) >>> 24, "north of the raster");
        // Pixel (2, 1) is cell (0, 0), class 0; pixel (5, 3) is cell (3, 2), class 2.
        assertEquals(argb(PALETTE.color(0)), pixel(img, 2, 1));
        assertEquals(argb(PALETTE.color(2)), pixel(img, 5, 3));
    }

    @Test
    void styleOpacityIsApplied() throws Exception {
        WmsFixtures.labelRaster(dir, "half", GRID, LABELS, 3, 0.5);
        BufferedImage img = WmsFixtures.image(wms.handle(kvp("REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS", "half",
                "STYLES", "", "CRS", "EPSG:32632", "BBOX", "500000,7000000,500040,7000030", "WIDTH", "4", "HEIGHT", "3",
                "FORMAT", "image/png", "TRANSPARENT", "TRUE")));
        Color c = new Color(img.getRGB(0, 0), true);
        assertEquals(128, c.getAlpha());
    }

    @Test
    void aRepublishedRasterIsDrawnAfresh() throws Exception {
        assertEquals(argb(PALETTE.color(0)), pixel(map("500000,7000000,500040,7000030", 4, 3), 0, 0));
        byte[] swapped = LABELS.clone();
        swapped[0] = 2;
        // Same grid and size; the writer moves a new file into place, as a rerun with --overwrite does.
        WmsFixtures.labelRaster(dir, "scene_a", GRID, swapped, 3, 1.0);
        assertEquals(argb(PALETTE.color(2)), pixel(map("500000,7000000,500040,7000030", 4, 3), 0, 0));
    }

    @Test
    void wideMapsAreDrawnStripByStripWithoutSeams() throws Exception {
        // 4096 px across: strips of 256 rows. Cells are 1024 px wide and 520 / 3 px high.
        BufferedImage img = map("500000,7000000,500040,7000030", 4096, 520);
        assertEquals(RasterPainter.STRIP_PIXELS / 4096, 256);
        for (int j : new int[] {0, 255, 256, 300, 511, 512, 519}) {
            for (int i : new int[] {0, 1023, 1024, 4095}) {
                int v = LABELS[(int) (j / (520 / 3.0)) * 4 + i / 1024] & 0xFF;
                assertEquals(v == 255 ? "00000000" : argb(PALETTE.color(v)), pixel(img, i, j), "pixel " + i + "," + j);
            }
        }
    }
}
