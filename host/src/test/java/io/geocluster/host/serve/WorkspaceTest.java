package io.geocluster.host.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layer listing and name resolution of {@link Workspace}, traversal attempts included. */
class WorkspaceTest {
    @TempDir
    Path dir;

    private Workspace sample() throws Exception {
        Files.writeString(dir.resolve("points.csv"), "id,x,y\n");
        Files.writeString(dir.resolve("cat.gpkg"), "");
        Files.writeString(dir.resolve("cat.csv"), "");
        Files.writeString(dir.resolve("labels.tif"), "");
        Files.writeString(dir.resolve("labels.sld"), "<sld/>");
        Files.writeString(dir.resolve("notes.txt"), "");
        Files.createDirectories(dir.resolve(".geocluster-results/x"));
        Files.writeString(dir.resolve(".hidden.gpkg"), "");
        Path scene = Files.createDirectories(dir.resolve("landsat/LC08_SCENE_A"));
        Files.writeString(scene.resolve("LC08_SCENE_A_QA_PIXEL.TIF"), "");
        Path top = Files.createDirectories(dir.resolve("LC09_SCENE_B"));
        Files.writeString(top.resolve("LC09_SCENE_B_QA_PIXEL.TIF"), "");
        Files.createDirectories(dir.resolve("empty"));
        return new Workspace(dir);
    }

    @Test
    void listsLayersByNameWithClashesByFileName() throws Exception {
        Workspace ws = sample();
        assertEquals(List.of("LC08_SCENE_A", "LC09_SCENE_B", "cat", "cat.csv", "labels", "points"),
                ws.layers().stream().map(Workspace.Layer::name).toList());
        assertEquals(Workspace.Kind.LANDSAT_SCENE, ws.layer("LC08_SCENE_A").kind());
        assertEquals(Workspace.Kind.CSV, ws.layer("cat.csv").kind());
        assertEquals(Workspace.Kind.GEOPACKAGE, ws.layer("cat").kind());
        assertTrue(ws.layer("labels").style().isPresent());
        assertFalse(ws.layer("points").style().isPresent());
    }

    @Test
    void refusesTraversalAndUnknownNames() throws Exception {
        Workspace ws = sample();
        for (String bad : new String[] {"..", "../points", "/etc/passwd", "landsat/LC08_SCENE_A", "a\\b", "C:\\x",
                "points\u0000", "points\n", ".hidden", ".geocluster-results", "", " points", "a..b",
                "x".repeat(200)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ws.layer(bad), bad);
            assertFalse(e.getMessage().contains(dir.toString()), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ws.layer(null));
        assertThrows(IllegalArgumentException.class, () -> ws.layer("nosuch"));
        assertThrows(IllegalArgumentException.class, () -> ws.layer("notes"));
    }

    @Test
    void catalogRefusesWrongKindsAndForeignWorkspaces() throws Exception {
        WorkspaceLayerCatalog catalog = new WorkspaceLayerCatalog(sample());
        assertThrows(IllegalArgumentException.class, () -> catalog.openPoints("labels"));
        assertThrows(IllegalArgumentException.class, () -> catalog.openScene("points", List.of("SR_B2"), null));
        assertThrows(IllegalArgumentException.class, () -> catalog.pointSink("other"));
        catalog.pointSink(null);
        catalog.pointSink(catalog.workspace().name());
        Path scratch = catalog.createScratchDirectory();
        assertTrue(scratch.startsWith(dir.resolve(".geocluster-tmp")));
    }

    /**
     * engine=spark reads a workspace layer where the cluster can: a CSV layer gives its absolute
     * file; GeoPackage and scene layers are refused by name, without the host's folder in the
     * message.
     */
    @Test
    void sparkInputIsTheCsvFileAndOtherLayersAreRefused() throws Exception {
        WorkspaceLayerCatalog catalog = new WorkspaceLayerCatalog(sample());
        assertEquals(dir.resolve("points.csv").toAbsolutePath().toString(), catalog.sparkInput("points"));
        assertEquals(dir.resolve("cat.csv").toAbsolutePath().toString(), catalog.sparkInput("cat.csv"));
        for (String layer : new String[] {"cat", "LC08_SCENE_A"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalog.sparkInput(layer));
            assertTrue(e.getMessage().contains("engine=spark needs a CSV or Parquet-backed layer; '" + layer + "'"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(dir.toString()), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> catalog.sparkInput("../points"));
    }
}
