package io.geocluster.host.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent WPS client, OWSLib ({@code python3-owslib}), runs GetCapabilities,
 * DescribeProcess and an asynchronous Execute of each process against the host; then GDAL's
 * {@code ogrinfo}/{@code gdalinfo} open the layers it published. Skipped when
 * {@code /usr/bin/python3} cannot import owslib; the GDAL part is skipped without GDAL.
 */
@Timeout(300)
class OwsLibClientTest {
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void owslibRunsEveryProcessAndGdalOpensWhatWasPublished() throws Exception {
        assumeTrue(run(List.of(PYTHON, "-c", "import owslib.wps"), Duration.ofSeconds(30)).exit == 0,
                "python3-owslib is not installed");
        Path script = dir.resolve("owslib_client.py");
        try (InputStream in = OwsLibClientTest.class.getResourceAsStream("owslib_client.py")) {
            Files.copy(in, script);
        }
        Path ws = TestHosts.workspace(Files.createDirectories(dir.resolve("workspace")), true);
        List<String> layers = new ArrayList<>();
        try (GeoclusterHost host = TestHosts.start(ws, TestHosts.limits(2, 8, Duration.ofMinutes(2), Duration.ofMinutes(5)))) {
            Result r = run(List.of(PYTHON, script.toString(), host.wpsUrl()), Duration.ofSeconds(240));
            System.out.print(r.output); // the client's own report, kept in the surefire output
            assertEquals(0, r.exit, r.output);
            String[] lines = r.output.strip().split("\n");
            JsonNode last = new ObjectMapper().readTree(lines[lines.length - 1]);
            last.get("layers").forEach(n -> layers.add(n.asText()));
            assertEquals(5, layers.size(), r.output);
            for (String name : layers) {
                assertTrue(host.workspace().byName().containsKey(name), name + " is not a workspace layer");
                assertTrue(host.workspace().layer(name).style().isPresent() || name.startsWith("owslib_iikmc"), name);
            }
        }
        boolean gdal = run(List.of("ogrinfo", "--version"), Duration.ofSeconds(30)).exit == 0;
        assumeTrue(gdal, "GDAL is not installed");
        for (String name : List.of("owslib_batched", "owslib_smoothed")) {
            Result r = run(List.of("ogrinfo", "-ro", "-so", "-al", ws.resolve(name + ".gpkg").toString()), Duration.ofSeconds(60));
            assertEquals(0, r.exit, r.output);
            assertTrue(r.output.contains("Feature Count: 20000"), r.output);
        }
        for (String name : layers) {
            if (name.startsWith("owslib_iikmc")) {
                Result r = run(List.of("gdalinfo", ws.resolve(name + ".tif").toString()), Duration.ofSeconds(60));
                assertEquals(0, r.exit, r.output);
                assertTrue(r.output.contains("Size is 256, 256") && r.output.contains("NoData Value=255"), r.output);
            }
        }
        assertTrue(Files.isRegularFile(ws.resolve("owslib_iikmc.sld")));
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
        // read on another thread so a full pipe cannot block the child while we wait for it
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append(e);
            }
        });
        reader.start();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            return new Result(-2, "timed out: " + out);
        }
        reader.join(5000);
        return new Result(p.exitValue(), out.toString());
    }
}
