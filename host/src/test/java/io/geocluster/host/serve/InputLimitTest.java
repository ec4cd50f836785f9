package io.geocluster.host.serve;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.plugin.raster.QaMask;
import io.geocluster.plugin.spi.LayerSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLimitTest {
    private static final String SCENE = "LC08_L2SP_198018_20220615_20220623_02_T1";

    /**
     * A layer whose files hold more bytes than the host accepts is refused by name before it is
     * read; the same layer under a limit above its size opens.
     */
    @Test
    void inputsOverTheLimitAreRefusedBeforeReading(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("../test-data/insar-catalogue.gpkg"), dir.resolve("insar-catalogue.gpkg"));
        Path scene = Files.createDirectories(dir.resolve(SCENE));
        long sceneBytes = 0;
        try (var files = Files.list(Path.of("../test-data/landsat", SCENE))) {
            for (Path f : files.toList()) {
                Files.copy(f, scene.resolve(f.getFileName()));
                sceneBytes += Files.size(f);
            }
        }
        long gpkgBytes = Files.size(dir.resolve("insar-catalogue.gpkg"));
        Workspace workspace = new Workspace(dir);

        WorkspaceLayerCatalog small = new WorkspaceLayerCatalog(workspace, Math.min(gpkgBytes, sceneBytes) - 1);
        IllegalArgumentException points = assertThrows(IllegalArgumentException.class,
                () -> small.openPoints("insar-catalogue"));
        assertTrue(points.getMessage().contains("'insar-catalogue'") && points.getMessage().contains("--maxInputBytes"),
                points.getMessage());
        IllegalArgumentException raster = assertThrows(IllegalArgumentException.class,
                () -> small.openScene(SCENE, List.of("SR_B2"), QaMask.defaults()));
        assertTrue(raster.getMessage().contains(SCENE), raster.getMessage());

        WorkspaceLayerCatalog large = new WorkspaceLayerCatalog(workspace, Math.max(gpkgBytes, sceneBytes));
        try (LayerSource source = large.openPoints("insar-catalogue")) {
            assertTrue(source.schema().attributes().size() > 60);
        }
        large.openScene(SCENE, List.of("SR_B2"), QaMask.defaults()).close();
    }
}
