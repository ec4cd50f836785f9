package io.geocluster.plugin.attributes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerSchema;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code reservoir} item, the embedding column names and the date-order rule. */
class ReservoirSelectionTest {
    private static LayerSchema schema(String... names) {
        return new LayerSchema("pts", new AttributeInfo("fid", AttributeType.INTEGER),
                java.util.Arrays.stream(names).map(n -> new AttributeInfo(n, AttributeType.REAL)).toList(), "EPSG:3035", 10);
    }

    @Test
    void theItemIsRecognisedUnlessAnAttributeHasItsName() {
        assertTrue(AttributeSelection.requestsReservoir(schema("height"), "height, Reservoir"));
        assertFalse(AttributeSelection.requestsReservoir(schema("height"), "height,series"));
        assertFalse(AttributeSelection.requestsReservoir(schema("height"), null));
        assertFalse(AttributeSelection.requestsReservoir(schema("reservoir"), "reservoir"), "an exact name wins");
    }

    @Test
    void onAViewTheItemSelectsTheEmbeddingColumnsInOrder() {
        LayerSchema view = schema("height", "res_0", "res_1", "res_2", "resolution");
        assertEquals(List.of("res_0", "res_1", "res_2", "height"),
                AttributeSelection.numeric(view, "dynamicAttributes", "reservoir,height"));
    }

    @Test
    void withoutAViewTheItemSaysWhereItBelongs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttributeSelection.numeric(schema("height"), "staticAttributes", "reservoir"));
        assertTrue(e.getMessage().startsWith("staticAttributes") && e.getMessage().contains("dynamicAttributes"), e.getMessage());
    }

    @Test
    void embeddingColumnNames() {
        assertEquals(List.of("res_0", "res_1", "res_2"), ReservoirColumns.names(3));
        assertEquals(0, ReservoirColumns.index("res_0"));
        assertEquals(109, ReservoirColumns.index("res_109"));
        assertEquals(-1, ReservoirColumns.index("res_"));
        assertEquals(-1, ReservoirColumns.index("res_01"));
        assertEquals(-1, ReservoirColumns.index("res_x"));
        assertEquals(-1, ReservoirColumns.index("resolution"));
    }

    @Test
    void datedColumnsOutOfOrderAreRefusedByName() {
        DisplacementSeries.requireLayerOrder(schema("height", "20180104", "20180116", "20180128"), "dynamicAttributes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DisplacementSeries.requireLayerOrder(
                schema("20180104", "20180128", "height", "20180116"), "dynamicAttributes"));
        assertTrue(e.getMessage().startsWith("dynamicAttributes") && e.getMessage().contains("'20180116' comes after column '20180128'"),
                e.getMessage());
    }

    @Test
    void daysAreEpochDaysInDateOrder() {
        DisplacementSeries s = DisplacementSeries.of(schema("20180116", "20180104"));
        assertArrayEquals(new long[] {LocalDate.of(2018, 1, 4).toEpochDay(), LocalDate.of(2018, 1, 16).toEpochDay()}, s.days());
    }
}
