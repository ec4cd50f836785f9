package io.geocluster.plugin.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessInputsTest {
    @Test
    void defaultsFollowTheContract() {
        BatchedKMeansParameters p = BatchedKMeansParameters.from(
                new ProcessInputs(BatchedKMeansParameters.PARAMETERS, Map.of("layer", "a.gpkg", "staticAttributes", "h")));
        assertEquals(8, p.options().k());
        assertEquals(256, p.options().batchSize());
        assertEquals(25_600, p.options().initSize());
        assertEquals(1, p.options().epochs());
        assertEquals(0.2, p.options().testFraction());
        assertTrue(p.options().standardize());
        assertEquals("auto", p.backend());
    }

    @Test
    void badValuesNameTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProcessInputs(
                BatchedKMeansParameters.PARAMETERS, Map.of("layer", "a", "k", "eight")));
        assertEquals("k must be an integer, got 'eight'.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ProcessInputs(
                BatchedKMeansParameters.PARAMETERS, Map.of("layer", "a", "k", "1")));
        assertTrue(e.getMessage().startsWith("k must be between 2 and 1024"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ProcessInputs(
                BatchedKMeansParameters.PARAMETERS, Map.of("layer", "a", "kk", "3")));
        assertTrue(e.getMessage().contains("Unknown input 'kk'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ProcessInputs(BatchedKMeansParameters.PARAMETERS, Map.of()));
        assertTrue(e.getMessage().contains("'layer' is required"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ProcessInputs(
                BatchedKMeansParameters.PARAMETERS, Map.of("layer", "a", "standardize", "yes")));
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    }
}
