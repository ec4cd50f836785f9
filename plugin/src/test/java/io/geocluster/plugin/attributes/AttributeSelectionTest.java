package io.geocluster.plugin.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerSchema;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeSelectionTest {
    private static final LayerSchema SCHEMA = new LayerSchema("pts", new AttributeInfo("pid", AttributeType.TEXT), List.of(
            new AttributeInfo("mp_type", AttributeType.TEXT),
            new AttributeInfo("height", AttributeType.REAL),
            new AttributeInfo("emb_0", AttributeType.REAL),
            new AttributeInfo("emb_1", AttributeType.REAL),
            new AttributeInfo("20180116", AttributeType.REAL),
            new AttributeInfo("20180104", AttributeType.REAL),
            new AttributeInfo("20181301", AttributeType.REAL), // not a date
            new AttributeInfo("truth", AttributeType.INTEGER)), "EPSG:3035", 10);

    @Test
    void namesPrefixesAndSeries() {
        assertEquals(List.of("height", "emb_0", "emb_1"), AttributeSelection.numeric(SCHEMA, "p", "height, emb_"));
        assertEquals(List.of("emb_0", "emb_1"), AttributeSelection.numeric(SCHEMA, "p", "emb_*,emb_0"));
        assertEquals(List.of("20180104", "20180116"), AttributeSelection.numeric(SCHEMA, "p", "series"));
        assertEquals(List.of(), AttributeSelection.numeric(SCHEMA, "p", " "));
        assertEquals(List.of(), AttributeSelection.numeric(SCHEMA, "p", null));
    }

    @Test
    void unknownAndTextAttributesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttributeSelection.numeric(SCHEMA, "staticAttributes", "heigth"));
        assertTrue(e.getMessage().contains("staticAttributes") && e.getMessage().contains("'heigth'")
                && e.getMessage().contains("height"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttributeSelection.numeric(SCHEMA, "staticAttributes", "mp_type"));
        assertTrue(e.getMessage().contains("'mp_type'") && e.getMessage().contains("text"), e.getMessage());
        assertEquals(List.of("mp_type"), AttributeSelection.any(SCHEMA, "keepAttributes", "mp_type"));
    }

    @Test
    void datedColumns() {
        DisplacementSeries s = DisplacementSeries.of(SCHEMA);
        assertEquals(List.of("20180104", "20180116"), s.columns());
        assertEquals(LocalDate.of(2018, 1, 16), s.dates().get(1));
        assertNull(DisplacementSeries.dateOf("20181301"));
        assertNull(DisplacementSeries.dateOf("height"));
    }
}
