package io.geocluster.host.raster;

import io.geocluster.plugin.raster.QaMask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffWriter;
import mil.nga.tiff.util.TiffConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandsatSceneTest {
    // QA_PIXEL words written by hand from the bit table in DESIGN.md §5.
    private static final int FILL = 1;
    /** Clear land: clear bit 6, every confidence pair low (01). */
    private static final int CLEAR_LAND = (1 << 6) | (1 << 8) | (1 << 10) | (1 << 12) | (1 << 14);
    /** Cloud (bit 3) with its dilation (bit 1), high cloud confidence. */
    private static final int CLOUD_DILATED = (1 << 3) | (1 << 1) | (3 << 8) | (1 << 10) | (1 << 12) | (1 << 14);
    /** Cloud shadow (bit 4) with high shadow confidence. */
    private static final int SHADOW_HIGH = (1 << 4) | (1 << 8) | (3 << 10) | (1 << 12) | (1 << 14);


    static final String ID = "LC08_L2SP_199026_20200801_20200807_02_T1";
    /** 4 columns x 3 rows, 30 m UTM 32N. */
    static final GeoTiffGrid GRID = new GeoTiffGrid(4, 3, 32632, 500000, 30, 6650000, -30);
    static final List<String> BANDS = LandsatScene.DEFAULT_BANDS;

    // Pixel roles (row-major index).
    static final int P_FILL = 0;       // DN 0 in every band, QA_PIXEL fill
    static final int P_AEROSOL = 2;    // clear, but QA_AEROSOL bits 3 and 5 set
    static final int P_CLOUD = 5;      // cloud + dilated
    static final int P_SHADOW = 6;     // cloud shadow
    static final int P_ONE_ZERO = 9;   // clear QA but DN 0 in SR_B5 only

    @TempDir
    Path tmp;

    static int dn(int pixel, int band) {
        // Inside the C2 L2 valid range (7273..43636) and above 32767 for some, to catch sign errors.
        return 7273 + pixel * 2500 + band * 600;
    }

    static int qaPixel(int pixel) {
        return switch (pixel) {
            case P_FILL -> FILL;
            case P_CLOUD -> CLOUD_DILATED;
            case P_SHADOW -> SHADOW_HIGH;
            default -> CLEAR_LAND;
        };
    }

    static int qaAerosol(int pixel) {
        int validRetrieval = 1 << 1;
        return pixel == P_FILL ? 1 : pixel == P_AEROSOL ? validRetrieval | 1 << 3 | 1 << 5 : validRetrieval;
    }

    /** Writes a single-band uint16 (or uint8) GeoTIFF with the grid's GeoTIFF tags. */
    static void write(Path file, GeoTiffGrid g, int[] values, boolean uint8) throws IOException {
        int n = (int) g.pixelCount();
        ByteBuffer buf = ByteBuffer.allocate(n * (uint8 ? 1 : 2)).order(ByteOrder.nativeOrder());
        for (int i = 0; i < n; i++) {
            if (uint8) {
                buf.put(i, (byte) values[i]);
            } else {
                buf.putShort(i * 2, (short) values[i]);
            }
        }
        Rasters r = new Rasters(g.width(), g.height(),
                new FieldType[] {uint8 ? FieldType.BYTE : FieldType.SHORT}, new ByteBuffer[] {buf});
        FileDirectory dir = GeoTiffLabelWriter.baseDirectory(g, r, uint8 ? 8 : 16,
                TiffConstants.COMPRESSION_DEFLATE);
        TiffWriter.writeTiff(file.toFile(), new TIFFImage(dir));
    }

    /** A complete synthetic scene folder. */
    Path scene(String name) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve(name));
        int n = (int) GRID.pixelCount();
        for (int b = 0; b < BANDS.size(); b++) {
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                boolean zero = i == P_FILL || (i == P_ONE_ZERO && BANDS.get(b).equals("SR_B5"));
                v[i] = zero ? 0 : dn(i, b);
            }
            write(folder.resolve(ID + "_" + BANDS.get(b) + ".TIF"), GRID, v, false);
        }
        int[] qa = new int[n];
        int[] aero = new int[n];
        for (int i = 0; i < n; i++) {
            qa[i] = qaPixel(i);
            aero[i] = qaAerosol(i);
        }
        write(folder.resolve(ID + "_QA_PIXEL.TIF"), GRID, qa, false);
        write(folder.resolve(ID + "_SR_QA_AEROSOL.TIF"), GRID, aero, true);
        return folder;
    }

    @Test
    void readRowsMasksFillCloudShadowAndScalesDn() throws IOException {
        Path folder = scene("s1");
        LandsatScene s = LandsatScene.open(folder, null);
        assertEquals(ID, s.productId());
        assertEquals(GRID, s.grid());
        assertEquals(BANDS, s.bands());
        assertTrue(s.hasAerosol());
        assertTrue(s.mtl().isEmpty());

        int nb = BANDS.size();
        int n = (int) GRID.pixelCount();
        float[] refl = new float[n * nb];
        boolean[] valid = new boolean[n];
        int count = s.readRows(0, GRID.height(), QaMask.defaults(), refl, valid);

        assertEquals(n - 4, count);
        for (int i = 0; i < n; i++) {
            boolean expectValid = i != P_FILL && i != P_CLOUD && i != P_SHADOW && i != P_ONE_ZERO;
            assertEquals(expectValid, valid[i], "pixel " + i);
            for (int b = 0; b < nb; b++) {
                float got = refl[i * nb + b];
                if (expectValid) {
                    assertEquals(dn(i, b) * 2.75e-5 - 0.2, got, 1e-6, "pixel " + i + " band " + b);
                } else {
                    assertTrue(Float.isNaN(got), "masked pixel " + i + " must be NaN");
                }
            }
        }
        assertTrue(valid[P_AEROSOL], "QA_AEROSOL bits 3 and 5 are not clouds");

        // A window of the middle row only, indices relative to the window.
        boolean[] rowValid = new boolean[GRID.width()];
        float[] rowRefl = new float[GRID.width() * nb];
        assertEquals(2, s.readRows(1, 1, QaMask.defaults(), rowRefl, rowValid));
        assertTrue(rowValid[0]);
        assertFalse(rowValid[P_CLOUD - 4]);
        assertFalse(rowValid[P_SHADOW - 4]);
        assertEquals(dn(7, 2) * 2.75e-5 - 0.2, rowRefl[3 * nb + 2], 1e-6);

        // Aerosol masking on request removes the pixel with bit 5.
        QaMask aerosolMask = QaMask.parse("qa_pixel:fill;qa_aerosol:interpolated_aerosol");
        s.readRows(0, GRID.height(), aerosolMask, refl, valid);
        assertFalse(valid[P_AEROSOL]);
        assertTrue(valid[P_CLOUD], "this mask does not select clouds");
        assertFalse(valid[P_ONE_ZERO], "DN 0 is fill whatever the mask");
    }

    @Test
    void bandSubsetAndShortNames() throws IOException {
        LandsatScene s = LandsatScene.open(scene("s2"), List.of("b4", "SR_B5"));
        assertEquals(List.of("SR_B4", "SR_B5"), s.bands());
        float[] refl = new float[(int) GRID.pixelCount() * 2];
        boolean[] valid = new boolean[(int) GRID.pixelCount()];
        s.readRows(0, 3, QaMask.defaults(), refl, valid);
        assertEquals(dn(1, 3) * 2.75e-5 - 0.2, refl[2 + 1], 1e-6); // pixel 1, SR_B5 = 4th default band
    }

    @Test
    void mtlCoefficientsComeFromTheLevel2GroupNotTheLevel1One() throws IOException {
        Path folder = scene("s3");
        Files.writeString(folder.resolve(ID + "_MTL.txt"), String.join("\n",
                "GROUP = LANDSAT_METADATA_FILE",
                "  GROUP = LEVEL2_SURFACE_REFLECTANCE_PARAMETERS",
                "    REFLECTANCE_MULT_BAND_2 = 3.0E-05",
                "    REFLECTANCE_ADD_BAND_2 = -0.250000",
                "    REFLECTANCE_MULT_BAND_3 = 2.75E-05",
                "  END_GROUP = LEVEL2_SURFACE_REFLECTANCE_PARAMETERS",
                "  GROUP = LEVEL1_RADIOMETRIC_RESCALING",
                "    REFLECTANCE_MULT_BAND_2 = 2.0000E-05",
                "    REFLECTANCE_ADD_BAND_2 = -0.100000",
                "    REFLECTANCE_MULT_BAND_4 = 2.0000E-05",
                "    REFLECTANCE_ADD_BAND_4 = -0.100000",
                "  END_GROUP = LEVEL1_RADIOMETRIC_RESCALING",
                "END_GROUP = LANDSAT_METADATA_FILE",
                "END", ""));
        LandsatScene s = LandsatScene.open(folder, null);
        assertTrue(s.mtl().isPresent());
        assertEquals(3.0e-5, s.mult(0));
        assertEquals(-0.25, s.add(0));
        // Band 3 lacks its ADD, band 4 has only L1 (TOA) values: both fall back to the C2 L2 constants.
        assertEquals(LandsatScene.C2_L2_MULT, s.mult(1));
        assertEquals(LandsatScene.C2_L2_MULT, s.mult(2));
        assertEquals(LandsatScene.C2_L2_ADD, s.add(2));

        float[] refl = new float[(int) GRID.pixelCount() * BANDS.size()];
        boolean[] valid = new boolean[(int) GRID.pixelCount()];
        s.readRows(0, 3, QaMask.defaults(), refl, valid);
        assertEquals(dn(1, 0) * 3.0e-5 - 0.25, refl[BANDS.size()], 1e-6);
    }

    @Test
    void mtlJsonIsReadToo() throws IOException {
        Path folder = scene("s4");
        Files.writeString(folder.resolve(ID + "_MTL.json"), """
                {"LANDSAT_METADATA_FILE": {
                  "LEVEL2_SURFACE_REFLECTANCE_PARAMETERS": {
                    "REFLECTANCE_MULT_BAND_2": "3.0E-05", "REFLECTANCE_ADD_BAND_2": "-0.250000"
                  },
                  "LEVEL1_RADIOMETRIC_RESCALING": {
                    "REFLECTANCE_MULT_BAND_3": "2.0000E-05", "REFLECTANCE_ADD_BAND_3": "-0.100000"
                  }
                }}
                """);
        LandsatScene s = LandsatScene.open(folder, null);
        assertEquals(3.0e-5, s.mult(0));
        assertEquals(-0.25, s.add(0));
        assertEquals(LandsatScene.C2_L2_MULT, s.mult(1));
        assertEquals(LandsatScene.C2_L2_ADD, s.add(1));
    }

    @Test
    void missingBandFileNamesTheExpectedFile() throws IOException {
        Path folder = scene("s5");
        Files.delete(folder.resolve(ID + "_SR_B6.TIF"));
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> LandsatScene.open(folder, null));
        assertTrue(e.getMessage().contains(ID + "_SR_B6.TIF"), e.getMessage());

        Files.delete(folder.resolve(ID + "_QA_PIXEL.TIF"));
        e = assertThrows(FileNotFoundException.class, () -> LandsatScene.open(folder, List.of("SR_B2")));
        assertTrue(e.getMessage().contains(ID + "_QA_PIXEL.TIF"), e.getMessage());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        e = assertThrows(FileNotFoundException.class, () -> LandsatScene.open(empty, null));
        assertTrue(e.getMessage().contains("_SR_B2.TIF"), e.getMessage());
    }

    @Test
    void missingAerosolFileOnlyMattersWhenTheMaskNeedsIt() throws IOException {
        Path folder = scene("s6");
        Files.delete(folder.resolve(ID + "_SR_QA_AEROSOL.TIF"));
        LandsatScene s = LandsatScene.open(folder, null);
        assertFalse(s.hasAerosol());
        float[] refl = new float[(int) GRID.pixelCount() * BANDS.size()];
        boolean[] valid = new boolean[(int) GRID.pixelCount()];
        assertEquals(8, s.readRows(0, 3, QaMask.defaults(), refl, valid));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.readRows(0, 3, QaMask.parse("qa_aerosol:bit5"), refl, valid));
        assertTrue(e.getMessage().contains("_SR_QA_AEROSOL.TIF"), e.getMessage());
    }

    @Test
    void mismatchedBandSizesAreRejected() throws IOException {
        Path folder = scene("s7");
        GeoTiffGrid bigger = new GeoTiffGrid(5, 3, 32632, 500000, 30, 6650000, -30);
        write(folder.resolve(ID + "_SR_B4.TIF"), bigger, new int[15], false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LandsatScene.open(folder, null));
        String msg = e.getMessage();
        assertTrue(msg.contains("SR_B4") && msg.contains("5x3") && msg.contains("SR_B2") && msg.contains("4x3"), msg);

        // Same size, shifted origin: also a different grid.
        GeoTiffGrid shifted = new GeoTiffGrid(4, 3, 32632, 500030, 30, 6650000, -30);
        write(folder.resolve(ID + "_SR_B4.TIF"), shifted, new int[12], false);
        e = assertThrows(IllegalArgumentException.class, () -> LandsatScene.open(folder, null));
        assertTrue(e.getMessage().contains("SR_B4") && e.getMessage().contains("500030"), e.getMessage());
    }

    @Test
    void badBandNamesAndMixedProductsAreRejected() throws IOException {
        Path folder = scene("s8");
        assertThrows(IllegalArgumentException.class, () -> LandsatScene.open(folder, List.of("ST_B10")));
        assertThrows(IllegalArgumentException.class, () -> LandsatScene.open(folder, List.of("SR_B2", "B2")));
        Files.copy(folder.resolve(ID + "_SR_B2.TIF"), folder.resolve("LC09_OTHER_SR_B2.TIF"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LandsatScene.open(folder, null));
        assertTrue(e.getMessage().contains("LC09_OTHER"), e.getMessage());
    }
}
