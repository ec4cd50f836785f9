package io.geocluster.plugin.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QaMaskTest {

    // QA_PIXEL bits, DESIGN.md §5. Confidence fields are 2-bit: 01 = low, 11 = high.
    static final int FILL = 1 << 0;
    static final int DILATED = 1 << 1;
    static final int CIRRUS = 1 << 2;
    static final int CLOUD = 1 << 3;
    static final int SHADOW = 1 << 4;
    static final int SNOW = 1 << 5;
    static final int CLEAR = 1 << 6;
    static final int WATER = 1 << 7;
    static final int CLOUD_CONF_LOW = 1 << 8;
    static final int CLOUD_CONF_HIGH = 3 << 8;
    static final int SHADOW_CONF_LOW = 1 << 10;
    static final int SHADOW_CONF_HIGH = 3 << 10;
    static final int SNOW_CONF_LOW = 1 << 12;
    static final int CIRRUS_CONF_LOW = 1 << 14;
    static final int ALL_CONF_LOW = CLOUD_CONF_LOW | SHADOW_CONF_LOW | SNOW_CONF_LOW | CIRRUS_CONF_LOW;

    /** Clear land: clear bit and every confidence low. */
    static final int CLEAR_LAND = CLEAR | ALL_CONF_LOW;
    /** Clear water. */
    static final int CLEAR_WATER = CLEAR | WATER | ALL_CONF_LOW;
    /** Cloud with high confidence (no dilation bit). */
    static final int CLOUD_HIGH = CLOUD | CLOUD_CONF_HIGH | SHADOW_CONF_LOW | SNOW_CONF_LOW | CIRRUS_CONF_LOW;
    /** Cloud plus its dilation. */
    static final int CLOUD_DILATED = CLOUD_HIGH | DILATED;
    /** Cloud shadow with high shadow confidence. */
    static final int SHADOW_HIGH = SHADOW | CLOUD_CONF_LOW | SHADOW_CONF_HIGH | SNOW_CONF_LOW | CIRRUS_CONF_LOW;
    /** Only the dilated-cloud bit (a clear pixel next to a cloud). */
    static final int DILATED_ONLY = DILATED | ALL_CONF_LOW;
    /** Cirrus flagged, nothing else. */
    static final int CIRRUS_ONLY = CIRRUS | ALL_CONF_LOW;
    static final int SNOW_PIXEL = SNOW | ALL_CONF_LOW;

    // SR_QA_AEROSOL bits: 0 fill, 1 valid retrieval, 2 water, 3-4 unused, 5 interpolated, 6-7 level.
    static final int A_FILL = 1 << 0;
    static final int A_VALID = 1 << 1;
    static final int A_BIT3 = 1 << 3;
    static final int A_INTERPOLATED = 1 << 5;
    static final int A_HIGH = 3 << 6;

    @Test
    void bitConstantsMatchTheWellKnownC2Values() {
        // Commonly quoted C2 QA_PIXEL values, here only as a cross-check of the bit arithmetic above.
        assertEquals(21824, CLEAR_LAND);
        assertEquals(21952, CLEAR_WATER);
        assertEquals(22280, CLOUD_HIGH);
        assertEquals(1, FILL);
    }

    @Test
    void defaultMaskDecodesHandMadeValues() {
        QaMask m = QaMask.defaults();
        assertEquals(FILL | DILATED | CIRRUS | CLOUD | SHADOW, m.pixelBits());
        assertEquals(0, m.aerosolBits());
        assertFalse(m.usesAerosol());
        assertFalse(m.masked(CLEAR_LAND, 0));
        assertFalse(m.masked(CLEAR_WATER, 0));
        assertFalse(m.masked(SNOW_PIXEL, 0), "snow is not in the default mask");
        assertTrue(m.masked(FILL, 0));
        assertTrue(m.masked(CLOUD_HIGH, 0));
        assertTrue(m.masked(CLOUD_DILATED, 0));
        assertTrue(m.masked(DILATED_ONLY, 0));
        assertTrue(m.masked(CIRRUS_ONLY, 0));
        assertTrue(m.masked(SHADOW_HIGH, 0));
        // Confidence bits alone (cloud confidence high without the cloud bit) do not mask.
        assertFalse(m.masked(CLEAR | CLOUD_CONF_HIGH, 0));
        assertEquals(m, QaMask.parse(QaMask.DEFAULT_SPEC));
        assertEquals(m, QaMask.parse(null));
        assertEquals(QaMask.DEFAULT_SPEC, m.toString());
    }

    @Test
    void aerosolBits3And5AreNotCloudsAndTheDefaultIgnoresThem() {
        QaMask m = QaMask.defaults();
        int aerosol = A_VALID | A_BIT3 | A_INTERPOLATED | A_HIGH;
        assertFalse(m.masked(CLEAR_LAND, aerosol));
        assertFalse(m.masked(CLEAR_LAND, A_BIT3 | A_INTERPOLATED));
        assertFalse(m.masked(CLEAR_LAND, 0xFF), "the default never reads QA_AEROSOL");
    }

    @Test
    void aerosolBitsOnRequest() {
        QaMask m = QaMask.parse("qa_pixel:fill,cloud ; qa_aerosol:fill,interpolated_aerosol,bit6");
        assertEquals(FILL | CLOUD, m.pixelBits());
        assertEquals(A_FILL | A_INTERPOLATED | (1 << 6), m.aerosolBits());
        assertTrue(m.usesAerosol());
        assertTrue(m.masked(CLEAR_LAND, A_INTERPOLATED));
        assertTrue(m.masked(CLEAR_LAND, A_HIGH)); // contains bit 6
        assertFalse(m.masked(CLEAR_LAND, A_VALID | A_BIT3));
        assertFalse(m.masked(SHADOW_HIGH, 0), "shadow not selected here");
        assertEquals("qa_pixel:fill,cloud;qa_aerosol:fill,interpolated_aerosol,bit6", m.toString());

        QaMask numeric = QaMask.parse("QA_AEROSOL:bit5");
        assertEquals(0, numeric.pixelBits(), "a given mask replaces the default");
        assertEquals(A_INTERPOLATED, numeric.aerosolBits());
        assertEquals(QaMask.parse("sr_qa_aerosol:interpolated_aerosol"), numeric);

        assertEquals(CLEAR | WATER | (1 << 15), QaMask.parse("qa_pixel:clear,water,bit15").pixelBits());
        assertEquals(QaMask.ofBits(CLOUD, A_FILL), QaMask.parse("qa_pixel:bit3;qa_aerosol:bit0"));
    }

    @Test
    void parseErrorsAreClear() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QaMask.parse("qa_pixel:fill,clouds"));
        assertTrue(e.getMessage().contains("'clouds'"), e.getMessage());
        assertTrue(e.getMessage().contains("cloud_shadow") && e.getMessage().contains("bit0..bit15"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> QaMask.parse("qa_aerosol:cloud"));
        assertTrue(e.getMessage().contains("interpolated_aerosol") && e.getMessage().contains("bit0..bit7"),
                e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> QaMask.parse("qa_aerosol:bit8"));
        assertTrue(e.getMessage().contains("bit8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QaMask.parse("qa_pixel:bit16"));
        assertTrue(e.getMessage().contains("bit16"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> QaMask.parse("qa_radsat:bit1"));
        assertTrue(e.getMessage().contains("qa_radsat") && e.getMessage().contains("qa_pixel"), e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> QaMask.parse("fill,cloud"));
        assertThrows(IllegalArgumentException.class, () -> QaMask.parse("qa_pixel:"));
        assertThrows(IllegalArgumentException.class, () -> QaMask.parse("qa_pixel:fill,,cloud"));
        assertThrows(IllegalArgumentException.class, () -> QaMask.parse("qa_pixel:fill;qa_pixel:cloud"));
        assertThrows(IllegalArgumentException.class, () -> QaMask.parse(";"));
        assertThrows(IllegalArgumentException.class, () -> QaMask.ofBits(1 << 16, 0));
    }
}
