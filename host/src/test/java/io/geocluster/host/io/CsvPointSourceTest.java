package io.geocluster.host.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.StableHash;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads hand-written EGMS-style CSV files. */
class CsvPointSourceTest {
    private static final String EGMS = String.join("\n",
            "pid,mp_type,latitude,longitude,easting,northing,height,rmse,mean_velocity,20200105,20200111",
            "1QkU5xR,DS,60.1,10.5,4200000.5,4100000.25,120,1.5,-2.25,0.0,1.5",
            "1QkU5xS,PS,60.2,10.6,4200010,4100010,,1.25,NaN,-0.5,",
            "2AbC9,PS,60.3,10.7,4200020.75,4100020.5,95,,3,nan,2",
            "");

    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void egmsSchemaWithTypesCoordinatesAndCrs() throws IOException {
        try (CsvPointSource source = new CsvPointSource(csv("burst.csv", EGMS))) {
            LayerSchema schema = source.schema();
            assertEquals("burst", schema.name());
            assertEquals(new AttributeInfo("pid", AttributeType.TEXT), schema.id());
            assertEquals(List.of(new AttributeInfo("mp_type", AttributeType.TEXT),
                    new AttributeInfo("latitude", AttributeType.REAL), new AttributeInfo("longitude", AttributeType.REAL),
                    new AttributeInfo("easting", AttributeType.REAL), new AttributeInfo("northing", AttributeType.REAL),
                    new AttributeInfo("height", AttributeType.INTEGER), new AttributeInfo("rmse", AttributeType.REAL),
                    new AttributeInfo("mean_velocity", AttributeType.REAL),
                    new AttributeInfo("20200105", AttributeType.REAL), new AttributeInfo("20200111", AttributeType.REAL)),
                    schema.attributes());
            assertEquals("EPSG:3035", schema.crs());
            assertEquals(3, schema.featureCount());
        }
    }

    @Test
    void textPidsAreHashedAndEmptyFieldsAreNaN() throws IOException {
        try (CsvPointSource source = new CsvPointSource(csv("burst.csv", EGMS))) {
            LayerStream stream = source.open(List.of("height", "mean_velocity", "20200111"),
                    List.of("pid", "mp_type", "height", "rmse"));
            try (LayerCursor cursor = stream.open()) {
                FeatureBatch b = cursor.next();
                assertEquals(3, b.size());
                assertEquals(3, b.columns());
                assertEquals(StableHash.of("1QkU5xR"), b.ids()[0]);
                assertEquals(StableHash.of("1QkU5xS"), b.ids()[1]);
                assertEquals(StableHash.of("2AbC9"), b.ids()[2]);
                assertEquals(4200000.5, b.x()[0], 0.0);
                assertEquals(4100020.5, b.y()[2], 0.0);
                assertEquals(120f, b.value(0, 0), 0f);
                assertEquals(-2.25f, b.value(0, 1), 0f);
                assertEquals(1.5f, b.value(0, 2), 0f);
                assertTrue(Float.isNaN(b.value(1, 0)), "empty height");
                assertTrue(Float.isNaN(b.value(1, 1)), "NaN velocity");
                assertTrue(Float.isNaN(b.value(1, 2)), "empty last field");
                assertEquals(3f, b.value(2, 1), 0f);
                assertEquals("1QkU5xS", cursor.kept(1, 0));
                assertEquals("PS", cursor.kept(1, 1));
                assertEquals(120L, cursor.kept(0, 2));
                assertNull(cursor.kept(1, 2));
                assertEquals(1.25, cursor.kept(1, 3));
                assertNull(cursor.kept(2, 3));
                assertNull(cursor.next());
            }
        }
    }

    @Test
    void integerPidsAreTheIds() throws IOException {
        Path file = csv("ints.csv", "pid,x,y,v\n17,1.5,2.5,3\n-4,0,0,\n9000000000,7,8,1e3\n");
        try (CsvPointSource source = new CsvPointSource(file)) {
            assertEquals(new AttributeInfo("pid", AttributeType.INTEGER), source.schema().id());
            assertNull(source.schema().crs()); // x/y: unknown CRS
            assertEquals(AttributeType.REAL, source.schema().attribute("v").orElseThrow().type());
            try (LayerCursor cursor = source.open(List.of("v"), List.of("pid")).open()) {
                FeatureBatch b = cursor.next();
                assertEquals(17, b.ids()[0]);
                assertEquals(-4, b.ids()[1]);
                assertEquals(9_000_000_000L, b.ids()[2]);
                assertEquals(9_000_000_000L, cursor.kept(2, 0));
                assertEquals(1.5, b.x()[0], 0.0);
                assertEquals(1000f, b.value(2, 0), 0f);
            }
        }
    }

    @Test
    void anEmptyPidMakesPidsText() throws IOException {
        try (CsvPointSource source = new CsvPointSource(csv("gap.csv", "pid,v\n1,2\n,3\n"))) {
            assertEquals(AttributeType.TEXT, source.schema().id().type());
        }
    }

    @Test
    void withoutPidTheRowOrdinalIsTheId() throws IOException {
        Path file = csv("plain.csv", "longitude,latitude,value,name\n10,60,1,a\n11,61,2,\n12,62,3,\"c, quoted\"\n");
        try (CsvPointSource source = new CsvPointSource(file)) {
            LayerSchema schema = source.schema();
            assertEquals(new AttributeInfo("row", AttributeType.INTEGER), schema.id());
            assertEquals("EPSG:4326", schema.crs());
            assertEquals(AttributeType.TEXT, schema.attribute("name").orElseThrow().type());
            try (LayerCursor cursor = source.open(List.of("value"), List.of("name", "row")).open()) {
                FeatureBatch b = cursor.next();
                assertEquals(0, b.ids()[0]);
                assertEquals(2, b.ids()[2]);
                assertEquals(12.0, b.x()[2], 0.0);
                assertEquals(62.0, b.y()[2], 0.0);
                assertNull(cursor.kept(1, 0));
                assertEquals("c, quoted", cursor.kept(2, 0));
                assertEquals(2L, cursor.kept(2, 1));
            }
        }
    }

    @Test
    void withoutCoordinateColumnsBatchesHaveNone() throws IOException {
        try (CsvPointSource source = new CsvPointSource(csv("flat.csv", "a,b\n1,2\n3,4\n"))) {
            assertNull(source.schema().crs());
            try (LayerCursor cursor = source.open(List.of("a", "b"), List.of()).open()) {
                FeatureBatch b = cursor.next();
                assertFalse(b.hasCoordinates());
                assertEquals(4f, b.value(1, 1), 0f);
            }
        }
    }

    @Test
    void typeInference() throws IOException {
        Path file = csv("types.csv", "i,r,t,missing,mixed\n1,1,a,,1\n-2,2.5,b,NaN,x\n,3e2,3,,2\n");
        try (CsvPointSource source = new CsvPointSource(file)) {
            LayerSchema schema = source.schema();
            assertEquals(AttributeType.INTEGER, schema.attribute("i").orElseThrow().type());
            assertEquals(AttributeType.REAL, schema.attribute("r").orElseThrow().type());
            assertEquals(AttributeType.TEXT, schema.attribute("t").orElseThrow().type());
            assertEquals(AttributeType.REAL, schema.attribute("missing").orElseThrow().type());
            assertEquals(AttributeType.TEXT, schema.attribute("mixed").orElseThrow().type());
            IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                    () -> source.open(List.of("i", "mixed"), List.of()));
            assertTrue(text.getMessage().contains("'mixed'"), text.getMessage());
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> source.open(List.of("j"), List.of()));
            assertTrue(unknown.getMessage().contains("'j'") && unknown.getMessage().contains("missing"),
                    unknown.getMessage());
        }
    }

    @Test
    void severalBatchesAndPassesAgree() throws IOException {
        StringBuilder content = new StringBuilder("pid,easting,northing,v\n");
        int rows = CsvPointSource.BATCH_ROWS * 2 + 5;
        for (int i = 0; i < rows; i++) {
            content.append(i * 2).append(',').append(i).append(',').append(-i).append(',').append(i * 0.5).append('\n');
        }
        try (CsvPointSource source = new CsvPointSource(csv("big.csv", content.toString()))) {
            assertEquals(rows, source.schema().featureCount());
            LayerStream stream = source.open(List.of("v"), List.of());
            for (int pass = 0; pass < 2; pass++) {
                int row = 0;
                try (LayerCursor cursor = stream.open()) {
                    for (FeatureBatch b = cursor.next(); b != null; b = cursor.next()) {
                        for (int i = 0; i < b.size(); i++, row++) {
                            assertEquals(row * 2L, b.ids()[i]);
                            assertEquals(row * 0.5f, b.value(i, 0), 0f);
                            assertEquals(-row, b.y()[i], 0.0);
                        }
                    }
                }
                assertEquals(rows, row);
            }
        }
    }

    @Test
    void badFilesFailClearly() throws IOException {
        FileNotFoundException missing = assertThrows(FileNotFoundException.class,
                () -> new CsvPointSource(dir.resolve("absent.csv")));
        assertTrue(missing.getMessage().startsWith("Layer file not found: "), missing.getMessage());
        IOException duplicate = assertThrows(IOException.class,
                () -> new CsvPointSource(csv("dup.csv", "pid,height,height\n1,2,3\n")));
        assertTrue(duplicate.getMessage().contains("duplicate column name 'height'"), duplicate.getMessage());
        IOException ragged = assertThrows(IOException.class,
                () -> new CsvPointSource(csv("ragged.csv", "pid,a\n1,2\n3\n")));
        assertTrue(ragged.getMessage().contains("has 1 fields, the header has 2"), ragged.getMessage());
        assertThrows(IOException.class, () -> new CsvPointSource(csv("empty.csv", "")));
    }

    @Test
    void byteOrderMarkIsNotPartOfTheFirstName() throws IOException {
        try (CsvPointSource source = new CsvPointSource(csv("bom.csv", "\uFEFFpid,v\n5,1\n"))) {
            assertEquals(new AttributeInfo("pid", AttributeType.INTEGER), source.schema().id());
        }
    }
}
