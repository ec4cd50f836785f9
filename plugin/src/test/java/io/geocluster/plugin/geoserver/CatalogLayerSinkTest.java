package io.geocluster.plugin.geoserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.kmeans.TrainTestSplit;
import io.geocluster.plugin.geoserver.Fakes.FakeCatalog;
import io.geocluster.plugin.geoserver.Fakes.FakeClasses;
import io.geocluster.plugin.geoserver.Fakes.FakeDataStore;
import io.geocluster.plugin.geoserver.Fakes.FakeDataStoreInfo;
import io.geocluster.plugin.geoserver.Fakes.FakeFeature;
import io.geocluster.plugin.geoserver.Fakes.FakeLayer;
import io.geocluster.plugin.geoserver.Fakes.FakeStyle;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.KeptValues;
import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import io.geocluster.plugin.spi.PublishedLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.geoserver.catalog.LayerInfo;
import org.geoserver.catalog.StyleInfo;
import org.geoserver.catalog.WorkspaceInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;

class CatalogLayerSinkTest {
    private static final String SLD = "<StyledLayerDescriptor version=\"1.0.0\"/>";

    @TempDir
    Path dataDirectory;

    private FakeCatalog catalog;
    private FakeClasses classes;
    private WorkspaceInfo workspace;

    @BeforeEach
    void catalog() {
        catalog = new FakeCatalog();
        catalog.workspace("topp");
        workspace = catalog.workspace("results");
        classes = new FakeClasses(dataDirectory.resolve("workspaces/results/styles"));
    }

    private LayerSink sink() {
        return new GeoServerLayerCatalog(catalog, () -> dataDirectory, classes).pointSink("results");
    }

    private Path storeFile() {
        return dataDirectory.resolve("data/results/geocluster.gpkg");
    }

    private static OutputLayer output(String name, List<AttributeInfo> kept) {
        return new OutputLayer(name, "EPSG:3035", "PROJCS[...]", new AttributeInfo("source_fid", AttributeType.INTEGER), kept);
    }

    /** Three rows: ids 7, 8, 9 at (1, 2), (3, 4), (NaN, NaN); labels 0, -1, 2; splits train, missing, test. */
    private static void writeThreeRows(LayerWriter writer, KeptValues kept) throws IOException {
        FeatureBatch rows = new FeatureBatch(3, 0, new float[0], new long[] {7, 8, 9},
                new double[] {1, 3, Double.NaN}, new double[] {2, 4, Double.NaN});
        writer.write(rows, new int[] {0, -1, 2}, new byte[] {TrainTestSplit.TRAIN, TrainTestSplit.MISSING,
            TrainTestSplit.TEST}, kept);
    }

    private static final KeptValues NO_KEPT = (row, column) -> {
        throw new AssertionError("no kept attribute");
    };

    /** Whatever the data directory holds besides the style folder tests expect to stay empty. */
    private List<Path> files() throws IOException {
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void publishesStoreFeatureTypeStyleAndLayerInThatOrder() throws IOException {
        PublishedLayer published;
        try (LayerWriter writer = sink().create(output("clusters", List.of()))) {
            writeThreeRows(writer, NO_KEPT);
            assertEquals(0, catalog.size(), "nothing visible before commit");
            published = writer.commit(SLD);
        }
        assertEquals(List.of("add store results:geocluster", "add featuretype results:clusters",
                "add style results:clusters", "add layer results:clusters"), catalog.log);
        assertEquals("results:clusters", published.name());
        assertEquals(3, published.features());

        FakeDataStoreInfo store = (FakeDataStoreInfo) catalog.stores.get(0);
        assertEquals("GeoPackage", store.getType());
        assertSame(workspace, store.getWorkspace());
        assertEquals("geopkg", store.getConnectionParameters().get("dbtype"));
        assertEquals("file:data/results/geocluster.gpkg", store.getConnectionParameters().get("database"));
        assertSame(store, ((Fakes.FakeFeatureTypeInfo) catalog.resources.get(0)).storeInfo);

        LayerInfo layer = catalog.getLayerByName("results:clusters");
        StyleInfo style = ((FakeLayer) layer).defaultStyle;
        assertSame(catalog.styles.get(0), style);
        assertEquals("clusters", style.getName());
        assertEquals("clusters.sld", style.getFilename());
        assertEquals("sld", ((FakeStyle) style).format);
        assertSame(workspace, ((FakeStyle) style).workspace);
        assertEquals(SLD, Files.readString(classes.styleDirectory.resolve("clusters.sld")));

        FakeDataStore data = classes.geoPackages.get(storeFile());
        assertEquals(1, data.disposed, "the data store opened for writing is disposed");
        List<FakeFeature> rows = data.table("clusters");
        assertEquals(3, rows.size());
        assertEquals(List.of("geom", "source_fid", "cluster", "split"),
                data.schemas.get("clusters").descriptors().stream().map(d -> d.getLocalName()).toList());
        assertEquals("EPSG:3035|PROJCS[...]", data.schemas.get("clusters").getCoordinateReferenceSystem().toWKT());
        assertRow(rows.get(0), 7L, 0, "train", 1, 2);
        assertRow(rows.get(1), 8L, null, "missing", 3, 4);
        assertRow(rows.get(2), 9L, 2, "test", Double.NaN, Double.NaN);
    }

    private static void assertRow(FakeFeature f, Object id, Integer cluster, String split, double x, double y) {
        assertEquals(id, f.getAttribute("source_fid"));
        assertEquals(cluster, f.getAttribute("cluster"));
        assertEquals(split, f.getAttribute("split"));
        Point p = (Point) f.getDefaultGeometry();
        if (Double.isNaN(x)) {
            assertNull(p);
        } else {
            assertEquals(x, p.getX());
            assertEquals(y, p.getY());
        }
    }

    @Test
    void reusesTheWorkspaceStoreAndGeoServersDataStore() throws IOException {
        FakeDataStoreInfo store = new FakeDataStoreInfo("geocluster", workspace);
        store.setType("GeoPackage");
        FakeDataStore pooled = new FakeDataStore();
        store.access = pooled;
        catalog.stores.add(store);
        try (LayerWriter writer = sink().create(output("second", List.of()))) {
            writeThreeRows(writer, NO_KEPT);
            writer.commit(SLD);
        }
        assertEquals(List.of("add featuretype results:second", "add style results:second", "add layer results:second"),
                catalog.log);
        assertEquals(3, pooled.table("second").size());
        assertEquals(0, pooled.disposed, "GeoServer's pooled data store is left open");
        assertTrue(classes.geoPackages.isEmpty(), "no file opened beside the catalog's store");
    }

    @Test
    void refusesAStoreOfAnotherTypeUnderTheResultStoreName() {
        FakeDataStoreInfo store = new FakeDataStoreInfo("geocluster", workspace);
        store.setType("PostGIS");
        catalog.stores.add(store);
        IOException e = assertThrows(IOException.class, () -> sink().checkWritable("clusters"));
        assertTrue(e.getMessage().contains("'results:geocluster'") && e.getMessage().contains("PostGIS"), e.getMessage());
        assertThrows(IOException.class, () -> sink().create(output("clusters", List.of())));
    }

    @Test
    void catalogFailureMidwayTakesEverythingBack() throws IOException {
        catalog.failOnAdd = o -> o instanceof LayerInfo;
        LayerWriter writer = sink().create(output("clusters", List.of()));
        writeThreeRows(writer, NO_KEPT);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.commit(SLD));
        assertTrue(e.getMessage().contains("catalog refused layer"), e.getMessage());
        writer.close();
        assertEquals(List.of("add store results:geocluster", "add featuretype results:clusters",
                "add style results:clusters", "remove style results:clusters", "remove featuretype results:clusters",
                "remove store geocluster"), catalog.log);
        assertEquals(0, catalog.size());
        FakeDataStore data = classes.geoPackages.get(storeFile());
        assertEquals(List.of("clusters"), data.removed, "the table is dropped");
        assertEquals(1, data.disposed);
        assertEquals(List.of(), files(), "neither the GeoPackage file nor the style file is left");
    }

    @Test
    void failureWhileWritingLeavesNothing() throws IOException {
        try (LayerWriter writer = sink().create(output("clusters", List.of()))) {
            classes.geoPackages.get(storeFile()).failWriteAt = 2;
            IOException e = assertThrows(IOException.class, () -> writeThreeRows(writer, NO_KEPT));
            assertEquals("disk full", e.getMessage());
        }
        assertEquals(List.of(), catalog.log);
        assertEquals(1, classes.transactions.get(0).rollbacks);
        assertTrue(classes.transactions.get(0).closed);
        assertEquals(List.of(), files());
    }

    @Test
    void closingWithoutCommitDropsTheTableButKeepsAFileThatWasThere() throws IOException {
        Files.createDirectories(storeFile().getParent());
        Files.writeString(storeFile(), "other layers");
        FakeDataStore data = new FakeDataStore();
        classes.geoPackages.put(storeFile(), data);
        try (LayerWriter writer = sink().create(output("clusters", List.of()))) {
            writeThreeRows(writer, NO_KEPT);
        }
        assertEquals(List.of("clusters"), data.removed);
        assertEquals("other layers", Files.readString(storeFile()));
        assertEquals(0, catalog.size());
    }

    @Test
    void keptAttributesGetColumnsAndClashingNamesASuffix() throws IOException {
        OutputLayer layer = new OutputLayer("clusters", "EPSG:4326", new AttributeInfo("source_fid", AttributeType.TEXT),
                List.of(new AttributeInfo("source_fid", AttributeType.TEXT), new AttributeInfo("cluster", AttributeType.INTEGER),
                        new AttributeInfo("FID", AttributeType.REAL), new AttributeInfo("geom", AttributeType.TEXT)));
        Object[][] kept = {
            {"pts.1", 5L, 1.5, "a"},
            {"pts.2", null, Double.NaN, null},
            {"pts.3", 7L, 2.5, "c"},
        };
        try (LayerWriter writer = sink().create(layer)) {
            writeThreeRows(writer, (row, column) -> kept[row][column]);
            writer.commit(SLD);
        }
        FakeDataStore data = classes.geoPackages.get(storeFile());
        assertEquals(List.of("geom_1", "source_fid", "cluster", "split", "cluster_1", "FID_1", "geom"),
                data.schemas.get("clusters").descriptors().stream().map(d -> d.getLocalName()).toList());
        List<FakeFeature> rows = data.table("clusters");
        assertEquals("pts.1", rows.get(0).getAttribute("source_fid"), "text ids keep their original value");
        assertEquals(5L, rows.get(0).getAttribute("cluster_1"));
        assertEquals(1.5, rows.get(0).getAttribute("FID_1"));
        assertEquals("a", rows.get(0).getAttribute("geom"));
        assertEquals(0, rows.get(0).getAttribute("cluster"));
        assertNull(rows.get(1).getAttribute("FID_1"), "NaN is written as NULL");
        assertEquals(1.0, ((Point) rows.get(0).getAttribute("geom_1")).getX());
    }

    @Test
    void commitsTheDatabaseTransactionInSpells() throws IOException {
        int n = CatalogLayerWriter.ROWS_PER_TRANSACTION + 10;
        try (LayerWriter writer = sink().create(output("big", List.of()))) {
            FeatureBatch rows = new FeatureBatch(n, 0, new float[0], new long[n], new double[n], new double[n]);
            writer.write(rows, new int[n], new byte[n], NO_KEPT);
            assertEquals(1, classes.transactions.get(0).commits);
            writer.commit(SLD);
        }
        assertEquals(2, classes.transactions.get(0).commits);
        assertEquals(n, classes.geoPackages.get(storeFile()).table("big").size());
    }

    @Test
    void checkWritableRefusesBadNamesAndExistingLayersOrStyles() throws IOException {
        LayerSink sink = sink();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sink.checkWritable("9lives")).getMessage()
                .contains("Invalid outputName '9lives'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sink.checkWritable("gpkg_x")).getMessage()
                .contains("reserved by GeoPackage"));
        catalog.layers.put("results:taken", new FakeLayer(new Fakes.FakeCoverageInfo("taken", List.of(), null)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sink.checkWritable("taken")).getMessage()
                .contains("Layer 'results:taken' already exists"));
        FakeStyle style = new FakeStyle();
        style.setName("styled");
        style.setWorkspace(workspace);
        catalog.styles.add(style);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sink.checkWritable("styled")).getMessage()
                .contains("Style 'results:styled' already exists"));
        sink.checkWritable("fresh_name");
    }

    @Test
    void refusesATableLeftInTheStoreFileAndRemovesNothingOfIt() throws IOException {
        FakeDataStore data = new FakeDataStore();
        data.createSchema(new Fakes.Type("clusters", List.of()));
        Files.createDirectories(storeFile().getParent());
        Files.createFile(storeFile());
        classes.geoPackages.put(storeFile(), data);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sink().checkWritable("Clusters"));
        assertTrue(e.getMessage().contains("already has a table 'clusters'"), e.getMessage());
        assertEquals(1, data.disposed, "the file opened for the check is closed again");
        e = assertThrows(IllegalArgumentException.class, () -> sink().create(output("clusters", List.of())));
        assertTrue(e.getMessage().contains("already has a table 'clusters'"), e.getMessage());
        assertTrue(data.schemas.containsKey("clusters"));
        assertTrue(Files.exists(storeFile()));
    }

    @Test
    void workspaceIsTheNamedOneOrTheDefault() {
        GeoServerLayerCatalog layers = new GeoServerLayerCatalog(catalog, () -> dataDirectory, classes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layers.pointSink("nowhere"));
        assertTrue(e.getMessage().contains("No workspace named 'nowhere'"), e.getMessage());
        assertEquals(dataDirectory.resolve("data/topp/geocluster.gpkg"), ((CatalogLayerSink) layers.pointSink(null)).storeFile());
        catalog.defaultWorkspace = null;
        e = assertThrows(IllegalArgumentException.class, () -> layers.pointSink(null));
        assertTrue(e.getMessage().contains("no default workspace"), e.getMessage());
    }

    @Test
    void scratchDirectoriesAreFreshFoldersUnderTheDataDirectory() throws IOException {
        GeoServerLayerCatalog layers = new GeoServerLayerCatalog(catalog, () -> dataDirectory, classes);
        Path a = layers.createScratchDirectory();
        Path b = layers.createScratchDirectory();
        assertFalse(a.equals(b));
        assertEquals(dataDirectory.resolve("tmp/geocluster"), a.getParent());
        assertTrue(Files.isDirectory(b));
    }

    @Test
    void failureAfterTheTableWasCreatedDropsItAndTheNewFile() {
        classes.geoPackages.put(storeFile(), new FakeDataStore());
        classes.geoPackages.get(storeFile()).failWriterAppend = true;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sink().create(output("clusters", List.of())));
        assertEquals("no connection left in the pool", e.getMessage());
        FakeDataStore data = classes.geoPackages.get(storeFile());
        assertEquals(List.of("clusters"), data.removed);
        assertEquals(1, data.disposed);
        assertFalse(Files.exists(storeFile()));
    }

    @Test
    void failedDatabaseCommitPublishesNothing() throws IOException {
        LayerWriter writer = sink().create(output("clusters", List.of()));
        writeThreeRows(writer, NO_KEPT);
        classes.transactions.get(0).failCommit = true;
        assertThrows(IOException.class, () -> writer.commit(SLD));
        writer.close();
        assertEquals(List.of(), catalog.log);
        assertEquals(List.of("clusters"), classes.geoPackages.get(storeFile()).removed);
        assertEquals(List.of(), files());
    }

    @Test
    void aStoreCreatedMeanwhileByAnotherRunIsUsedNotAddedTwice() throws IOException {
        try (LayerWriter writer = sink().create(output("clusters", List.of()))) {
            writeThreeRows(writer, NO_KEPT);
            FakeDataStoreInfo store = new FakeDataStoreInfo("geocluster", workspace);
            store.setType("GeoPackage");
            catalog.stores.add(store);
            writer.commit(SLD);
            assertSame(store, ((Fakes.FakeFeatureTypeInfo) catalog.resources.get(0)).storeInfo);
        }
        assertEquals(List.of("add featuretype results:clusters", "add style results:clusters",
                "add layer results:clusters"), catalog.log);
    }

    @Test
    void writerRefusesUseAfterCommitOrClose() throws IOException {
        LayerWriter writer = sink().create(output("clusters", List.of()));
        writer.commit(SLD);
        assertThrows(IllegalStateException.class, () -> writeThreeRows(writer, NO_KEPT));
        writer.close();
        assertThrows(IllegalStateException.class, () -> writer.commit(SLD));
    }
}
