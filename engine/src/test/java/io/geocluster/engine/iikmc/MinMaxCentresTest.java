package io.geocluster.engine.iikmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MinMaxCentresTest {
    @Test
    void matchesFormulaOnHandCase() {
        // Band 0: min 0, max 8, k = 4 → step 2: centres 1, 3, 5, 7.
        // Band 1: min −1, max 1 → step 0.5: centres −0.75, −0.25, 0.25, 0.75.
        float[] c = MinMaxCentres.of(new float[] {0, -1}, new float[] {8, 1}, 4);
        assertArrayEquals(new float[] {1, -0.75f, 3, -0.25f, 5, 0.25f, 7, 0.75f}, c);
    }

    @Test
    void flatBandGivesOneValue() {
        float[] c = MinMaxCentres.of(new float[] {0.2f}, new float[] {0.2f}, 3);
        assertArrayEquals(new float[] {0.2f, 0.2f, 0.2f}, c);
    }

    @Test
    void rejectsMismatchedBands() {
        assertThrows(IllegalArgumentException.class, () -> MinMaxCentres.of(new float[2], new float[3], 2));
    }

    @Test
    void optionsValidateNamingTheParameter() {
        IikmcOptions d = IikmcOptions.defaults(8);
        assertEquals(20, d.maxIterations());
        assertEquals(0.01, d.tolerance());
        assertEquals(EmptyClusterRule.CANCEL, d.emptyClusters());
        assertTrue(msg(() -> new IikmcOptions(256, 20, 0.01, EmptyClusterRule.CANCEL)).startsWith("k must"));
        assertTrue(msg(() -> new IikmcOptions(1, 20, 0.01, EmptyClusterRule.CANCEL)).startsWith("k must"));
        assertTrue(msg(() -> new IikmcOptions(8, 0, 0.01, EmptyClusterRule.CANCEL)).startsWith("maxIterations"));
        assertTrue(msg(() -> new IikmcOptions(8, 20, 1.0, EmptyClusterRule.CANCEL)).startsWith("tolerance"));
        assertTrue(msg(() -> new IikmcOptions(8, 20, -0.1, EmptyClusterRule.CANCEL)).startsWith("tolerance"));
        assertTrue(msg(() -> new IikmcOptions(8, 20, 0.01, null)).startsWith("emptyClusters"));
        new IikmcOptions(255, 1, 0, EmptyClusterRule.RESEED);
        assertEquals(EmptyClusterRule.RESEED, EmptyClusterRule.parse(" Reseed"));
        assertTrue(msg(() -> EmptyClusterRule.parse("drop")).startsWith("emptyClusters"));
    }

    private static String msg(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }
}
