package io.geocluster.host.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster:IIkMC} through WPS over the three bundled Landsat scenes (kept in the
 * workspace's {@code landsat/} folder, addressed by scene name): one class raster per scene
 * and a shared style are published as workspace layers.
 */
@Timeout(120)
class IikmcThroughWpsTest {
    @TempDir
    Path dir;

    @Test
    void publishesOneClassRasterPerScene() throws Exception {
        try (GeoclusterHost host = TestHosts.start(TestHosts.workspace(dir, true),
                TestHosts.limits(1, 1, Duration.ofMinutes(2), Duration.ofMinutes(1)))) {
            Map<String, String> in = new LinkedHashMap<>();
            in.put("scenes", String.join(",", TestHosts.SCENES));
            in.put("k", "4");
            in.put("maxIterations", "5");
            in.put("outputName", "classes");
            String form = "<wps:ResponseForm><wps:RawDataOutput><ows:Identifier>layerNames</ows:Identifier>"
                    + "</wps:RawDataOutput></wps:ResponseForm>";
            HttpResponse<byte[]> r = TestHosts.post(host.wpsUrl(), TestHosts.executeXml("cluster:IIkMC", in, form));
            assertEquals(200, r.statusCode(), TestHosts.text(r));
            List<String> names = Arrays.asList(TestHosts.text(r).split(","));
            assertEquals(TestHosts.SCENES.stream().map(s -> "classes_" + s).toList(), names);
            for (String name : names) {
                assertEquals(Workspace.Kind.GEOTIFF, host.workspace().layer(name).kind());
            }
            assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("classes.sld")));
        }
    }
}
