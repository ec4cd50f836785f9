package io.geocluster.host.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test support: workspaces copied from {@code test-data/}, hosts on port 0, and an HTTP client. */
final class TestHosts {
    static final Path TEST_DATA = Path.of("..", "test-data");
    static final List<String> SCENES = List.of("LC08_L2SP_196018_20220912_20220920_02_T1",
            "LC08_L2SP_198018_20220615_20220623_02_T1", "LC09_L2SP_197018_20220802_20220810_02_T1");

    private TestHosts() {
    }

    /** A workspace holding the bundled GeoPackage catalogue, and the scenes when asked. */
    static Path workspace(Path dir, boolean scenes) throws IOException {
        Files.copy(TEST_DATA.resolve("insar-catalogue.gpkg"), dir.resolve("insar-catalogue.gpkg"));
        if (scenes) {
            for (String s : SCENES) {
                Path to = Files.createDirectories(dir.resolve("landsat").resolve(s));
                try (Stream<Path> files = Files.list(TEST_DATA.resolve("landsat").resolve(s))) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.copy(f, to.resolve(f.getFileName()));
                    }
                }
            }
        }
        return dir;
    }

    /** A started host on a free loopback port. */
    static GeoclusterHost start(Path workspace, JobManager.Limits limits) throws IOException {
        return new GeoclusterHost(new GeoclusterHost.Config(workspace, "127.0.0.1", 0, limits, 1 << 20, 8)).start();
    }

    static JobManager.Limits limits(int maxJobs, int maxQueued, Duration timeout, Duration keep) {
        return new JobManager.Limits(maxJobs, maxQueued, timeout, keep);
    }

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> post(String url, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** Every regular file under {@code dir} with its size, hidden folders left out. */
    static Map<String, Long> listing(Path dir) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String rel = dir.relativize(p).toString();
                if (Files.isRegularFile(p) && !rel.startsWith(".")) {
                    m.put(rel, Files.size(p));
                }
            }
        }
        return m;
    }

    /** An Execute request body. */
    static String executeXml(String process, Map<String, String> inputs, String responseForm) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<wps:Execute service=\"WPS\" version=\"1.0.0\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\""
                + " xmlns:ows=\"http://www.opengis.net/ows/1.1\">\n"
                + "<ows:Identifier>" + process + "</ows:Identifier>\n<wps:DataInputs>\n");
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            b.append("<wps:Input><ows:Identifier>").append(e.getKey()).append("</ows:Identifier><wps:Data><wps:LiteralData>")
                    .append(e.getValue()).append("</wps:LiteralData></wps:Data></wps:Input>\n");
        }
        return b.append("</wps:DataInputs>\n").append(responseForm).append("</wps:Execute>\n").toString();
    }
}
