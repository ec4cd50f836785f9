package io.geocluster.plugin.geoserver;

import static io.geocluster.plugin.geoserver.Fakes.attribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.StableHash;
import io.geocluster.plugin.geoserver.Fakes.Descriptor;
import io.geocluster.plugin.geoserver.Fakes.FakeCatalog;
import io.geocluster.plugin.geoserver.Fakes.FakeClasses;
import io.geocluster.plugin.geoserver.Fakes.FakeFeature;
import io.geocluster.plugin.geoserver.Fakes.FakeFeatureSource;
import io.geocluster.plugin.geoserver.Fakes.FakeFeatureTypeInfo;
import io.geocluster.plugin.geoserver.Fakes.FakeLayer;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerSource;
import io.geocluster.plugin.spi.LayerStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.api.feature.type.AttributeDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

class FeatureTypeLayerSourceTest {
    private static final GeometryFactory GEOMETRIES = new GeometryFactory();

    @TempDir
    Path temp;

    private FakeCatalog catalog;
    private FakeClasses classes;

    private static Fakes.Type pointsType(AttributeDescriptor... extra) {
        List<AttributeDescriptor> d = new ArrayList<>();
        d.add(attribute("velocity", Double.class));
        d.add(attribute("height", Float.class));
        d.add(attribute("track", Integer.class));
        d.add(attribute("name", String.class));
        d.add(attribute("acquired", Date.class));
        d.add(new Descriptor("the_geom", Point.class, Fakes.crs("PROJCS[\"ETRS89-extended / LAEA Europe\"]")));
        d.addAll(List.of(extra));
        return new Fakes.Type("pts", d);
    }

    private static Point point(double x, double y) {
        return GEOMETRIES.createPoint(new Coordinate(x, y));
    }

    /** Feature i: velocity i/2 (NULL every 7th), height 100+i, track i%3, name "p<i>", point (i, -2i). */
    private static List<SimpleFeature> features(int n) {
        List<SimpleFeature> features = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            features.add(new FakeFeature("pts." + i, "the_geom")
                    .with("velocity", i % 7 == 0 ? null : i / 2.0)
                    .with("height", 100f + i)
                    .with("track", i % 3)
                    .with("name", "p" + i)
                    .with("acquired", new Date(0))
                    .with("the_geom", point(i, -2.0 * i)));
        }
        return features;
    }

    private FakeFeatureSource publish(Fakes.Type type, List<SimpleFeature> features) {
        catalog = new FakeCatalog();
        classes = new FakeClasses(temp.resolve("styles"));
        FakeFeatureSource source = new FakeFeatureSource(type, features);
        catalog.publish(new FakeFeatureTypeInfo("pts", catalog.workspace("insar"), "EPSG:3035", source));
        return source;
    }

    private LayerSource open() throws IOException {
        return new GeoServerLayerCatalog(catalog, () -> temp, classes).openPoints("insar:pts");
    }

    @Test
    void schemaComesFromTheAttributeDescriptors() throws IOException {
        publish(pointsType(), features(10));
        LayerSchema schema = open().schema();
        assertEquals("pts", schema.name());
        assertEquals(new AttributeInfo("source_fid", AttributeType.TEXT), schema.id());
        assertEquals(List.of(new AttributeInfo("velocity", AttributeType.REAL),
                new AttributeInfo("height", AttributeType.REAL),
                new AttributeInfo("track", AttributeType.INTEGER),
                new AttributeInfo("name", AttributeType.TEXT),
                new AttributeInfo("acquired", AttributeType.TEXT)), schema.attributes());
        assertEquals("EPSG:3035", schema.crs());
        assertEquals("PROJCS[\"ETRS89-extended / LAEA Europe\"]", schema.crsWkt());
        assertEquals(10, schema.featureCount());
    }

    @Test
    void idNameAvoidsAnAttributeOfTheSameName() throws IOException {
        publish(pointsType(attribute("SOURCE_FID", Long.class), attribute("source_fid_1", String.class)), features(1));
        assertEquals("source_fid_2", open().schema().id().name());
    }

    @Test
    void readsValuesIdsAndCoordinatesAcrossBatches() throws IOException {
        int n = 2 * FeatureCursor.BATCH_ROWS + 5;
        publish(pointsType(), features(n));
        LayerStream stream = open().open(List.of("height", "velocity", "track"), List.of());
        assertEquals(3, stream.columns());
        assertEquals(n, stream.sizeHint());
        int row = 0;
        List<Integer> batchSizes = new ArrayList<>();
        try (LayerCursor cursor = stream.open()) {
            for (FeatureBatch b; (b = cursor.next()) != null; ) {
                batchSizes.add(b.size());
                for (int i = 0; i < b.size(); i++, row++) {
                    assertEquals(StableHash.of("pts." + row), b.ids()[i]);
                    assertEquals(100f + row, b.value(i, 0));
                    if (row % 7 == 0) {
                        assertTrue(Float.isNaN(b.value(i, 1)), "NULL velocity reads NaN");
                    } else {
                        assertEquals(row / 2.0f, b.value(i, 1));
                    }
                    assertEquals(row % 3, b.value(i, 2));
                    assertEquals(row, b.x()[i]);
                    assertEquals(-2.0 * row, b.y()[i]);
                }
            }
        }
        assertEquals(n, row);
        assertEquals(List.of(FeatureCursor.BATCH_ROWS, FeatureCursor.BATCH_ROWS, 5), batchSizes);
    }

    @Test
    void queryNamesOnlyTheAttributesThePassNeeds() throws IOException {
        FakeFeatureSource source = publish(pointsType(), features(3));
        LayerStream stream = open().open(List.of("velocity", "track"), List.of("name", "source_fid", "velocity"));
        try (LayerCursor cursor = stream.open()) {
            cursor.next();
        }
        // The count and the id probe (no property) at open, then the pass: numeric, kept (the id is
        // not an attribute), geometry.
        assertEquals(List.of(List.of(), List.of(), List.of("velocity", "track", "name", "the_geom")), classes.queries);
        assertEquals(List.of("pts", "pts", "pts"), classes.queryTypeNames);
        assertEquals(2, source.iterators.size());
        assertTrue(source.allClosed());
    }

    @Test
    void keptValuesAreFeatureIdsLongsDoublesAndText() throws IOException {
        publish(pointsType(), features(3));
        LayerStream stream = open().open(List.of("velocity"), List.of("source_fid", "track", "height", "name", "acquired"));
        try (LayerCursor cursor = stream.open()) {
            FeatureBatch b = cursor.next();
            assertEquals(3, b.size());
            assertEquals("pts.2", cursor.kept(2, 0));
            assertEquals(2L, cursor.kept(2, 1));
            assertEquals(102.0, cursor.kept(2, 2));
            assertEquals("p2", cursor.kept(2, 3));
            assertEquals(new Date(0).toString(), cursor.kept(2, 4));
        }
    }

    @Test
    void nonPointGeometriesUseTheirInteriorPoint() throws IOException {
        Geometry square = GEOMETRIES.toGeometry(new org.locationtech.jts.geom.Envelope(0, 2, 10, 14));
        List<SimpleFeature> features = List.of(
                new FakeFeature("a.1", "the_geom").with("the_geom", square),
                new FakeFeature("a.2", "the_geom").with("the_geom", null),
                new FakeFeature("a.3", "the_geom").with("the_geom", GEOMETRIES.createPoint()));
        publish(pointsType(), features);
        try (LayerCursor cursor = open().open(List.of("velocity"), List.of()).open()) {
            FeatureBatch b = cursor.next();
            // The interior point of an axis-aligned rectangle is its centre.
            assertEquals(1.0, b.x()[0]);
            assertEquals(12.0, b.y()[0]);
            for (int i = 1; i < 3; i++) {
                assertTrue(Double.isNaN(b.x()[i]) && Double.isNaN(b.y()[i]), "missing or empty geometry");
            }
            assertTrue(Float.isNaN(b.value(0, 0)));
        }
    }

    @Test
    void iteratorIsClosedOnSuccessAndOnFailure() throws IOException {
        FakeFeatureSource source = publish(pointsType(), features(3 * FeatureCursor.BATCH_ROWS));
        LayerStream stream = open().open(List.of("velocity"), List.of("name"));
        try (LayerCursor cursor = stream.open()) {
            while (cursor.next() != null) {
                assertEquals(0, source.iterators.get(1).closed);
            }
        }
        source.failAt = FeatureCursor.BATCH_ROWS + 10;
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (LayerCursor cursor = stream.open()) {
                while (cursor.next() != null) {
                    assertEquals(0, source.iterators.get(2).closed);
                }
            }
        });
        assertTrue(e.getMessage().contains("connection lost"));
        assertEquals(3, source.iterators.size(), "the id probe and two passes");
        assertTrue(source.allClosed(), "every iterator closed exactly once");
    }

    @Test
    void cursorClosedTwiceClosesTheIteratorOnce() throws IOException {
        FakeFeatureSource source = publish(pointsType(), features(3));
        LayerCursor cursor = open().open(List.of("velocity"), List.of()).open();
        cursor.close();
        cursor.close();
        assertEquals(1, source.iterators.get(1).closed);
    }

    @Test
    void unknownLayersAndNonVectorLayersAreRefusedByName() {
        publish(pointsType(), features(1));
        GeoServerLayerCatalog layers = new GeoServerLayerCatalog(catalog, () -> temp, classes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layers.openPoints("insar:nope"));
        assertTrue(e.getMessage().contains("'insar:nope'"), e.getMessage());
        catalog.layers.put("insar:dem", new FakeLayer(new Fakes.FakeCoverageInfo("dem", List.of(), null)));
        e = assertThrows(IllegalArgumentException.class, () -> layers.openPoints("insar:dem"));
        assertTrue(e.getMessage().contains("'insar:dem' is not a vector layer"), e.getMessage());
    }

    @Test
    void layersWithoutGeometryAreRefused() {
        publish(new Fakes.Type("pts", List.of(attribute("velocity", Double.class))), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::open);
        assertTrue(e.getMessage().contains("has no geometry"), e.getMessage());
    }

    @Test
    void unknownAndNonNumericAttributesAreRefusedByName() throws IOException {
        FakeFeatureSource source = publish(pointsType(), features(1));
        LayerSource layer = open();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.open(List.of("velocity", "name"), List.of()));
        assertTrue(e.getMessage().contains("'name'") && e.getMessage().contains("not numeric"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> layer.open(List.of("velocity"), List.of("colour")));
        assertTrue(e.getMessage().contains("no attribute 'colour'") && e.getMessage().contains("velocity, height"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> layer.open(List.of("the_geom"), List.of()));
        assertTrue(e.getMessage().contains("no attribute 'the_geom'"), e.getMessage());
        assertEquals(1, source.iterators.size(), "nothing read for a refused selection but the id probe at open");
    }

    @Test
    void emptyLayerGivesNoBatch() throws IOException {
        FakeFeatureSource source = publish(pointsType(), List.of());
        try (LayerCursor cursor = open().open(List.of("velocity"), List.of()).open()) {
            assertNull(cursor.next());
        }
        assertTrue(source.allClosed());
    }

    @Test
    void idsGeoToolsMakesUpForTablesWithoutPrimaryKeyAreRefused() {
        // What GeoTools' NullPrimaryKey gives: type name, '.', "fid-" and a java.rmi.server.UID.
        publish(pointsType(), List.of(new FakeFeature("pts.fid--3f1a9c2e_18c2e4f5a6b_-7ffe", "the_geom")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::open);
        assertTrue(e.getMessage().contains("no stable feature ids") && e.getMessage().contains("primary key"),
                e.getMessage());
    }

    @Test
    void idsThatMerelyMentionFidAreAccepted() throws IOException {
        publish(pointsType(), List.of(new FakeFeature("pts.fid-7", "the_geom"), new FakeFeature("fid-a_b", "the_geom")));
        assertEquals(2, open().schema().featureCount());
    }
}
