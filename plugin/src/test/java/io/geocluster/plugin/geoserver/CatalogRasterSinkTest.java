package io.geocluster.plugin.geoserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.plugin.geoserver.Fakes.FakeCatalog;
import io.geocluster.plugin.geoserver.Fakes.FakeClasses;
import io.geocluster.plugin.geoserver.Fakes.FakeCoverageInfo;
import io.geocluster.plugin.geoserver.Fakes.FakeCoverageStoreInfo;
import io.geocluster.plugin.geoserver.Fakes.FakeLayer;
import io.geocluster.plugin.geoserver.Fakes.FakeStyle;
import io.geocluster.plugin.raster.QaMask;
import io.geocluster.plugin.spi.PublishedLayer;
import io.geocluster.plugin.spi.RasterSink;
import io.geocluster.plugin.spi.RasterWriter;
import io.geocluster.plugin.spi.SceneSource;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.geoserver.catalog.LayerInfo;
import org.geoserver.catalog.WorkspaceInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogRasterSinkTest {
    private static final String SLD = "<StyledLayerDescriptor version=\"1.0.0\"><!-- raster --></StyledLayerDescriptor>";
    /** Labels of a 3 x 2 scene: 255 is nodata. */
    private static final byte[] LABELS = {0, 1, (byte) 255, 2, 2, 0};

    @TempDir
    Path dataDirectory;

    private FakeCatalog catalog;
    /** What the catalog holds after the set-up: the two scene layers. */
    private int setUp;
    private FakeClasses classes;
    private GeoServerLayerCatalog layers;
    private WorkspaceInfo workspace;

    @BeforeEach
    void catalog() {
        catalog = new FakeCatalog();
        workspace = catalog.workspace("landsat");
        double[][] band = {{8000, 8000, 8000}, {8000, 8000, 8000}};
        for (String name : List.of("scene1", "scene2")) {
            FakeCoverageInfo coverage = new FakeCoverageInfo(name, List.of("SR_B4"),
                    CoverageSceneSourceTest.image(DataBuffer.TYPE_USHORT, new double[][][] {band}));
            catalog.layers.put("landsat:" + name, new FakeLayer(coverage));
        }
        setUp = catalog.size();
        classes = new FakeClasses(dataDirectory.resolve("workspaces/landsat/styles"));
        layers = new GeoServerLayerCatalog(catalog, () -> dataDirectory, classes);
    }

    private SceneSource scene(String name) throws IOException {
        return layers.openScene("landsat:" + name, List.of("SR_B4"), QaMask.ofBits(0, 0));
    }

    private Path rasterFile(String name) {
        return dataDirectory.resolve("data/landsat/geocluster/" + name + ".tif");
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void publishesStyleThenStoreCoverageAndLayerPerRaster() throws IOException {
        RasterSink sink = layers.rasterSink("landsat");
        sink.checkWritable(List.of("scene1_classes", "scene2_classes"));
        List<PublishedLayer> published;
        try (SceneSource s1 = scene("scene1"); SceneSource s2 = scene("scene2"); RasterWriter writer = sink.create()) {
            writer.write("scene1_classes", s1, LABELS);
            writer.write("scene2_classes", s2, new byte[6]);
            writer.style("iikmc_classes", SLD);
            assertEquals(setUp, catalog.size(), "nothing visible before commit");
            assertTrue(Files.notExists(rasterFile("scene1_classes")), "files stay hidden before commit");
            published = writer.commit();
        }
        assertEquals(List.of("add style landsat:iikmc_classes",
                "add store landsat:scene1_classes", "add coverage landsat:scene1_classes", "add layer landsat:scene1_classes",
                "add store landsat:scene2_classes", "add coverage landsat:scene2_classes", "add layer landsat:scene2_classes"),
                catalog.log);
        assertEquals(List.of("landsat:scene1_classes", "landsat:scene2_classes"),
                published.stream().map(PublishedLayer::name).toList());
        assertEquals(5, published.get(0).features(), "pixels with a class (not nodata 255)");
        assertEquals(6, published.get(1).features());

        FakeCoverageStoreInfo store = (FakeCoverageStoreInfo) catalog.stores.get(0);
        assertEquals("GeoTIFF", store.getType());
        assertEquals("file:data/landsat/geocluster/scene1_classes.tif", store.getURL());
        assertSame(workspace, store.getWorkspace());
        assertSame(store, ((FakeCoverageInfo) catalog.resources.get(0)).storeInfo);
        LayerInfo layer = catalog.getLayerByName("landsat:scene2_classes");
        assertSame(catalog.styles.get(0), ((FakeLayer) layer).defaultStyle);
        assertEquals("iikmc_classes.sld", catalog.styles.get(0).getFilename());

        assertArrayEquals(LABELS, Files.readAllBytes(rasterFile("scene1_classes")));
        assertEquals(SLD, Files.readString(classes.styleDirectory.resolve("iikmc_classes.sld")));
        assertEquals(3, files().size(), "two rasters and the style, no temporary file");
    }

    @Test
    void catalogFailureMidwayTakesEverythingBack() throws IOException {
        catalog.failOnAdd = o -> o instanceof LayerInfo && ((LayerInfo) o).getName().equals("scene2_classes");
        try (SceneSource s1 = scene("scene1"); SceneSource s2 = scene("scene2");
             RasterWriter writer = layers.rasterSink("landsat").create()) {
            writer.write("scene1_classes", s1, LABELS);
            writer.write("scene2_classes", s2, LABELS);
            writer.style("iikmc_classes", SLD);
            IllegalStateException e = assertThrows(IllegalStateException.class, writer::commit);
            assertTrue(e.getMessage().contains("catalog refused layer"), e.getMessage());
        }
        assertEquals(setUp, catalog.size());
        assertEquals("remove style landsat:iikmc_classes", catalog.log.get(catalog.log.size() - 1));
        assertEquals(List.of(), files(), "no raster, temporary or style file is left");
    }

    @Test
    void closingWithoutCommitDeletesTheWrittenRasters() throws IOException {
        try (SceneSource s1 = scene("scene1"); RasterWriter writer = layers.rasterSink("landsat").create()) {
            writer.write("scene1_classes", s1, LABELS);
            assertEquals(1, files().size());
        }
        assertEquals(List.of(), files());
        assertEquals(List.of(), catalog.log);
    }

    @Test
    void failedRasterWriteLeavesNoFile() throws IOException {
        classes.failLabelWrite = true;
        try (SceneSource s1 = scene("scene1"); RasterWriter writer = layers.rasterSink("landsat").create()) {
            assertThrows(IOException.class, () -> writer.write("scene1_classes", s1, LABELS));
            assertEquals(List.of(), files());
        }
    }

    @Test
    void writesRefuseForeignScenesWrongSizesAndMissingStyles() throws IOException {
        SceneSource foreign = new SceneSource() {
            @Override
            public String name() {
                return "LC08_folder";
            }

            @Override
            public int width() {
                return 3;
            }

            @Override
            public int height() {
                return 2;
            }

            @Override
            public List<String> bands() {
                return List.of("SR_B4");
            }

            @Override
            public String crs() {
                return null;
            }

            @Override
            public int blockHeight() {
                return 1;
            }

            @Override
            public int readRows(int firstRow, int rowCount, float[] values, boolean[] valid) {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        try (SceneSource s1 = scene("scene1"); RasterWriter writer = layers.rasterSink("landsat").create()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> writer.write("a_classes", foreign, LABELS));
            assertTrue(e.getMessage().contains("not read from a GeoServer coverage"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> writer.write("a_classes", s1, new byte[5]));
            assertTrue(e.getMessage().contains("5 values") && e.getMessage().contains("3 x 2"), e.getMessage());
            writer.write("a_classes", s1, LABELS);
            assertThrows(IllegalArgumentException.class, () -> writer.write("a_classes", s1, LABELS));
            assertThrows(IllegalStateException.class, writer::commit, "no style given");
        }
        assertEquals(List.of(), files());
    }

    @Test
    void checkWritableRefusesTakenNamesBeforeAnyWork() throws IOException {
        RasterSink sink = layers.rasterSink("landsat");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sink.checkWritable(List.of("a", "A")))
                .getMessage().contains("given to two label rasters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sink.checkWritable(List.of("iikmc_ws:scene")))
                .getMessage().contains("Invalid output name 'iikmc_ws:scene'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sink.checkWritable(List.of("scene1")))
                .getMessage().contains("Layer 'landsat:scene1' already exists"));
        FakeCoverageStoreInfo store = new FakeCoverageStoreInfo("old", workspace);
        catalog.stores.add(store);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sink.checkWritable(List.of("old")))
                .getMessage().contains("Coverage store 'landsat:old' already exists"));
        Files.createDirectories(rasterFile("x").getParent());
        Files.createFile(rasterFile("stray"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sink.checkWritable(List.of("stray")))
                .getMessage().contains("already exists (not published as a layer)"));
        FakeStyle style = new FakeStyle();
        style.setName("taken_style");
        style.setWorkspace(workspace);
        catalog.styles.add(style);
        try (RasterWriter writer = sink.create()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> writer.style("taken_style", SLD))
                    .getMessage().contains("Style 'landsat:taken_style' already exists"));
        }
        sink.checkWritable(List.of("fresh_1", "iikmc-2.LC08_L2SP_199026"));
    }
}
