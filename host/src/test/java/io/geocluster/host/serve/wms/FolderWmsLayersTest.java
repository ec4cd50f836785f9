package io.geocluster.host.serve.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWmsLayersTest {
    /**
     * Two files with one base name (the bundled catalogue as GeoPackage and CSV) are named as the
     * host's workspace names them: the GeoPackage keeps the base name, the CSV goes by its file
     * name, and each name finds its own file.
     */
    @Test
    void filesSharingABaseNameAreNamedAsInTheWorkspace(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("../test-data/insar-catalogue.gpkg"), dir.resolve("insar-catalogue.gpkg"));
        Files.copy(Path.of("../test-data/insar-catalogue.csv"), dir.resolve("insar-catalogue.csv"));
        FolderWmsLayers layers = new FolderWmsLayers(dir);
        assertEquals(List.of("insar-catalogue", "insar-catalogue.csv"),
                layers.layers().stream().map(WmsLayer::name).toList());
        assertEquals(dir.resolve("insar-catalogue.gpkg"), layers.layer("insar-catalogue").orElseThrow().data());
        assertEquals(dir.resolve("insar-catalogue.csv"), layers.layer("insar-catalogue.csv").orElseThrow().data());
    }
}
