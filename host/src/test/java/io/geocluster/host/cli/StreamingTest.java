package io.geocluster.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.host.io.GeoPackagePointSource;
import io.geocluster.host.testdata.InsarCatalogueGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalogue of a million points goes through every pass in a separate JVM limited to 256 MiB of
 * heap: proof that nothing holds the whole layer.
 */
class StreamingTest {
    static final long POINTS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void millionPointsInA256MiBHeap() throws Exception {
        Path gpkg = dir.resolve("big.gpkg");
        InsarCatalogueGenerator.write(new InsarCatalogueGenerator.Options(POINTS, 12, 5), gpkg, null);
        Path out = dir.resolve("out");
        CliRunner.Run child = CliRunner.runIn256MiB(dir.resolve("child.log"),
                "batched-kmeans", "--layer", gpkg.toString(), "--dynamicAttributes", "series",
                "--staticAttributes", "height,mean_velocity,temporal_coherence,amplitude_dispersion",
                "--k", "5", "--output", out.toString(), "--quiet");
        assertEquals(0, child.status(), child.out());
        assertTrue(child.out().contains("1,000,000 features"), child.out());
        try (GeoPackagePointSource result = new GeoPackagePointSource(out.resolve("insar_points_clusters.gpkg"), null)) {
            assertEquals(POINTS, result.schema().featureCount());
        }
        assertTrue(Files.exists(out.resolve("summary.json")) && Files.exists(out.resolve("profiles.png")));
    }
}
