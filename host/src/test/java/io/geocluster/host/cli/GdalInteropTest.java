package io.geocluster.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.geocluster.host.testdata.InsarCatalogueGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published GeoPackage opens in GDAL, as in QGIS: right feature count, the CRS recognised,
 * and GDAL's own GeoPackage validator satisfied. Skipped where GDAL is not installed; `.ci/run`
 * installs it.
 */
class GdalInteropTest {
    private static final Path VALIDATOR = Path.of("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py");

    @TempDir
    Path dir;

    private static String run(List<String> command, int[] status) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        status[0] = p.exitValue();
        return out;
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void gdalOpensAndValidatesThePublishedLayer() throws Exception {
        assumeTrue(onPath("ogrinfo"), "GDAL (ogrinfo) is not installed");
        Path gpkg = dir.resolve("in.gpkg");
        InsarCatalogueGenerator.write(new InsarCatalogueGenerator.Options(1500, 12, 4), gpkg, null);
        Path out = dir.resolve("out");
        CliRunner.Run cli = CliRunner.run("batched-kmeans", "--layer", gpkg.toString(), "--staticAttributes",
                "height,mean_velocity", "--k", "4", "--keepAttributes", "pid", "--output", out.toString(), "--quiet");
        assertEquals(0, cli.status(), cli.err());
        Path result = out.resolve("insar_points_clusters.gpkg");

        int[] status = new int[1];
        String info = run(List.of("ogrinfo", "-ro", "-so", result.toString(), "insar_points_clusters"), status);
        assertEquals(0, status[0], info);
        assertTrue(info.contains("Feature Count: 1500"), info);
        assertTrue(info.contains("Geometry: Point"), info);
        assertTrue(info.contains("LAEA Europe") && info.contains("3035"), "CRS recognised: " + info);
        assertTrue(info.contains("cluster: Integer") && info.contains("split: String") && info.contains("pid: String"), info);

        if (Files.exists(VALIDATOR) && Files.isExecutable(Path.of("/usr/bin/python3"))) {
            String report = run(List.of("/usr/bin/python3", VALIDATOR.toString(), result.toString()), status);
            assertEquals(0, status[0], "GDAL's validate_gpkg.py: " + report);
        }
    }
}
