package io.geocluster.plugin.geoserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.plugin.geoserver.Fakes.FakeCatalog;
import io.geocluster.plugin.geoserver.Fakes.FakeClasses;
import io.geocluster.plugin.geoserver.Fakes.FakeCoverageInfo;
import io.geocluster.plugin.geoserver.Fakes.FakeLayer;
import io.geocluster.plugin.raster.QaMask;
import io.geocluster.plugin.spi.SceneSource;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BandedSampleModel;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageSceneSourceTest {
    @TempDir
    Path temp;

    /** A colour space of any number of components, so that a BufferedImage can hold N bands. */
    private static final class Bands extends ColorSpace {
        private static final long serialVersionUID = 1L;

        Bands(int n) {
            super(ColorSpace.TYPE_GRAY, n);
        }

        @Override
        public float[] toRGB(float[] value) {
            return new float[3];
        }

        @Override
        public float[] fromRGB(float[] rgb) {
            return new float[getNumComponents()];
        }

        @Override
        public float[] toCIEXYZ(float[] value) {
            return new float[3];
        }

        @Override
        public float[] fromCIEXYZ(float[] xyz) {
            return new float[getNumComponents()];
        }
    }

    /** An image of {@code bands[b][row][col]} samples of the given data buffer type. */
    static BufferedImage image(int type, double[][][] bands) {
        int h = bands[0].length;
        int w = bands[0][0].length;
        WritableRaster raster = Raster.createWritableRaster(new BandedSampleModel(type, w, h, bands.length), null);
        for (int b = 0; b < bands.length; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    raster.setSample(x, y, b, bands[b][y][x]);
                }
            }
        }
        ComponentColorModel cm = new ComponentColorModel(new Bands(bands.length), false, false, Transparency.OPAQUE, type);
        return new BufferedImage(cm, raster, false, null);
    }

    private FakeCatalog catalog;
    private FakeCoverageInfo coverage;

    private GeoServerLayerCatalog layers(List<String> dimensions, BufferedImage image) {
        catalog = new FakeCatalog();
        catalog.workspace("landsat");
        coverage = new FakeCoverageInfo("scene1", dimensions, image);
        catalog.layers.put("landsat:scene1", new FakeLayer(coverage));
        return new GeoServerLayerCatalog(catalog, () -> temp, new FakeClasses(temp));
    }

    /**
     * A 3 × 2 scene, dimensions SR_B4, QA_PIXEL, SR_B3 (in that image order). Pixel (0,0) is fill
     * in SR_B4; (1,0) has the cloud bit (3) set; (2,1) has the clear bit (6) only.
     */
    private GeoServerLayerCatalog landsat() {
        double[][] b4 = {{0, 10000, 20000}, {8000, 9000, 7273}};
        double[][] qa = {{1 << 6, 1 << 3, 1 << 6}, {1 << 6, 1 << 6, 1 << 6}};
        double[][] b3 = {{5000, 6000, 7000}, {8000, 9000, 10000}};
        return layers(List.of("SR_B4", "QA_PIXEL", "SR_B3"), image(DataBuffer.TYPE_USHORT, new double[][][] {b4, qa, b3}));
    }

    @Test
    void readsSurfaceReflectanceUnderTheQaMask() throws IOException {
        try (SceneSource scene = landsat().openScene("landsat:scene1", List.of("sr_b3", "SR_B4"), QaMask.defaults())) {
            assertEquals(3, scene.width());
            assertEquals(2, scene.height());
            assertEquals(List.of("SR_B3", "SR_B4"), scene.bands());
            assertEquals("EPSG:32632", scene.crs());
            assertEquals("scene1", scene.name(), "the coverage's own name, without workspace");
            assertEquals(2, scene.blockHeight());
            float[] values = new float[2 * 3 * 2];
            boolean[] valid = new boolean[6];
            assertEquals(4, scene.readRows(0, 2, values, valid));
            assertArrayEquals(new boolean[] {false, false, true, true, true, true}, valid);
            // Reflectance = DN * 2.75e-5 - 0.2, pixel-major with bands in the order asked for.
            assertEquals(7000 * 2.75e-5 - 0.2, values[2 * 2], 1e-6);
            assertEquals(20000 * 2.75e-5 - 0.2, values[2 * 2 + 1], 1e-6);
            assertEquals(10000 * 2.75e-5 - 0.2, values[5 * 2], 1e-6);
            assertEquals(7273 * 2.75e-5 - 0.2, values[5 * 2 + 1], 1e-6);

            float[] row = new float[3 * 2];
            boolean[] rowValid = new boolean[3];
            assertEquals(3, scene.readRows(1, 1, row, rowValid), "the second row alone");
            assertEquals(8000 * 2.75e-5 - 0.2, row[0], 1e-6);
        }
        assertEquals(1, coverage.releases, "closing releases the coverage image once");
    }

    @Test
    void defaultBandsAndMasksNeedTheirBands() {
        GeoServerLayerCatalog layers = landsat();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layers.openScene("landsat:scene1", List.of(), QaMask.defaults()));
        assertTrue(e.getMessage().contains("no band named SR_B2") && e.getMessage().contains("SR_B4, QA_PIXEL, SR_B3"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> layers.openScene("landsat:scene1", List.of("SR_B3"), QaMask.parse("qa_aerosol:bit3")));
        assertTrue(e.getMessage().contains("no mask band named SR_QA_AEROSOL"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> layers.openScene("landsat:scene1", List.of("SR_B3", "sr_b3"), QaMask.defaults()));
        assertTrue(e.getMessage().contains("asked for twice"), e.getMessage());
        assertEquals(0, coverage.reads, "no pixel read for a refused band selection");
    }

    @Test
    void maskWithoutQaPixelBitsNeedsNoQaPixelBand() throws IOException {
        double[][] b5 = {{100, 0}};
        GeoServerLayerCatalog layers = layers(List.of("SR_B5"), image(DataBuffer.TYPE_USHORT, new double[][][] {b5}));
        try (SceneSource scene = layers.openScene("landsat:scene1", List.of("SR_B5"), QaMask.ofBits(0, 0))) {
            float[] values = new float[2];
            boolean[] valid = new boolean[2];
            assertEquals(1, scene.readRows(0, 1, values, valid));
            assertArrayEquals(new boolean[] {true, false}, valid);
        }
    }

    @Test
    void floatBandsAreReadAsStoredAndNaNIsInvalid() throws IOException {
        double[][] ndvi = {{0.25, Double.NaN, 0}};
        GeoServerLayerCatalog layers = layers(List.of("NDVI"), image(DataBuffer.TYPE_FLOAT, new double[][][] {ndvi}));
        try (SceneSource scene = layers.openScene("landsat:scene1", List.of("ndvi"), QaMask.ofBits(0, 0))) {
            float[] values = new float[3];
            boolean[] valid = new boolean[3];
            assertEquals(2, scene.readRows(0, 1, values, valid));
            assertArrayEquals(new boolean[] {true, false, true}, valid);
            assertEquals(0.25f, values[0]);
            assertEquals(0f, values[2], "0 is a value, not fill, outside SR_Bn integer bands");
        }
    }

    @Test
    void rowsOutsideTheSceneAndShortBuffersAreRefused() throws IOException {
        try (SceneSource scene = landsat().openScene("landsat:scene1", List.of("SR_B3"), QaMask.defaults())) {
            assertThrows(IllegalArgumentException.class, () -> scene.readRows(1, 2, new float[6], new boolean[6]));
            assertThrows(IllegalArgumentException.class, () -> scene.readRows(0, 2, new float[5], new boolean[6]));
        }
    }

    @Test
    void nonCoverageAndUnknownLayersAreRefusedByName() {
        GeoServerLayerCatalog layers = landsat();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layers.openScene("landsat:nope", List.of(), QaMask.defaults()));
        assertTrue(e.getMessage().contains("'landsat:nope'"), e.getMessage());
        catalog.layers.put("landsat:points", new FakeLayer(new Fakes.FakeFeatureTypeInfo("points", catalog.workspace("landsat"),
                "EPSG:4326", null)));
        e = assertThrows(IllegalArgumentException.class, () -> layers.openScene("landsat:points", List.of(), QaMask.defaults()));
        assertTrue(e.getMessage().contains("'landsat:points' is not a coverage"), e.getMessage());
    }
}
