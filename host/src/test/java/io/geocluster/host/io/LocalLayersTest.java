package io.geocluster.host.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.plugin.spi.LayerSource;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Picks the reader by extension. */
class LocalLayersTest {
    @TempDir
    Path dir;

    @Test
    void opensByExtension() throws Exception {
        Path csv = Files.writeString(dir.resolve("points.CSV"), "pid,x,y\n1,2,3\n");
        try (LayerSource source = LocalLayers.open(csv)) {
            assertInstanceOf(CsvPointSource.class, source);
        }
        Path gpkg = dir.resolve("two.gpkg");
        NgaFixtures.write(gpkg, true);
        try (LayerSource source = LocalLayers.open(dir.resolve("two.gpkg#stations"))) {
            assertInstanceOf(GeoPackagePointSource.class, source);
            assertEquals("stations", source.schema().name());
        }
        assertThrows(IllegalArgumentException.class, () -> LocalLayers.open(gpkg)); // two feature tables
    }

    @Test
    void clearErrors() throws Exception {
        FileNotFoundException missing = assertThrows(FileNotFoundException.class,
                () -> LocalLayers.open(dir.resolve("gone.gpkg")));
        assertEquals("Layer file not found: " + dir.resolve("gone.gpkg"), missing.getMessage());
        Path shp = Files.writeString(dir.resolve("roads.shp"), "");
        IllegalArgumentException unsupported = assertThrows(IllegalArgumentException.class, () -> LocalLayers.open(shp));
        assertTrue(unsupported.getMessage().contains("roads.shp"), unsupported.getMessage());
    }
}
