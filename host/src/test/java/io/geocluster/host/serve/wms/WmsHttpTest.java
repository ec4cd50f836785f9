package io.geocluster.host.serve.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.host.raster.GeoTiffGrid;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP adapters over a real JDK server on an ephemeral port. */
@Timeout(60)
class WmsHttpTest {
    @TempDir
    Path dir;
    private TestWebServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() throws Exception {
        WmsFixtures.pointLayer(dir, "pts", new double[] {4_000_000}, new double[] {3_000_000}, new int[] {0}, true);
        server = new TestWebServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.base() + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String rawStatusLine(String target) throws Exception {
        URI base = URI.create(server.base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine();
            return line == null ? "" : line;
        }
    }

    @Test
    void capabilitiesNameTheAddressTheClientUsed() throws Exception {
        HttpResponse<String> r = get("/ows?service=WMS&request=GetCapabilities");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        assertTrue(r.body().contains("xlink:href=\"" + server.base() + "/ows?\""), r.body());
        assertTrue(r.body().contains("<Name>pts</Name>"));
    }

    @Test
    void malformedQueriesGetExceptionReports() throws Exception {
        // java.net.URI refuses a bad escape, so it goes over a plain socket; the server must answer 400.
        assertTrue(rawStatusLine("/ows?service=WMS&request=GetMap&layers=%zz").contains(" 400 "));
        assertTrue(rawStatusLine("/ows?service=WMS&request=GetMap&layers=%").contains(" 400 "));
        HttpResponse<String> r = get("/ows?request=GetMap&layers=..%2F..%2Fetc%2Fpasswd&styles=&crs=EPSG:3035&bbox=0,0,1,1"
                + "&width=1&height=1&format=image/png");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("code=\"LayerNotDefined\""), r.body());
        r = get("/ows?request=GetMap&layers=pts%00&styles=&crs=EPSG:3035&bbox=0,0,1,1&width=1&height=1&format=image/png");
        assertTrue(r.body().contains("code=\"LayerNotDefined\""), r.body());
        r = get("/ows?" + "x=1&".repeat(5000));
        assertEquals(400, r.statusCode());
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(server.base() + "/ows"))
                .POST(HttpRequest.BodyPublishers.ofString("<GetMap/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void pageAndBundledOpenLayersAreServedAndNothingElse() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("lib/ol.js") && page.body().contains("app.js"));
        HttpResponse<String> ol = get("/lib/ol.js");
        assertEquals(200, ol.statusCode());
        assertTrue(ol.body().length() > 100_000, "the OpenLayers build is bundled");
        assertEquals(200, get("/app.js").statusCode());
        for (String path : new String[] {"/../pom.xml", "/%2e%2e/%2e%2e/pom.xml", "/io/geocluster/host/web/index.html",
            "/WmsService.class", "/lib/../index.html", "/nothing.html", "/app.JS"}) {
            assertEquals(404, get(path).statusCode(), path);
        }
    }

    @Test
    void concurrentRequestsAreAllAnswered() throws Exception {
        WmsFixtures.labelRaster(dir, "scene", new GeoTiffGrid(64, 64, 32632, 500_000, 10,
                7_000_640, -10), new byte[64 * 64], 1, 1.0);
        String[] queries = {
            "/ows?request=GetMap&layers=scene&styles=&crs=EPSG:32632&bbox=500000,7000000,500640,7000640"
                + "&width=300&height=300&format=image/png",
            "/ows?request=GetMap&layers=scene&styles=&crs=EPSG:4326&bbox=63.1,8.9,63.2,9.1&width=200&height=100"
                + "&format=image/png",
            "/ows?request=GetMap&layers=pts&styles=&crs=EPSG:3035&bbox=2999000,3999000,3001000,4001000"
                + "&width=256&height=256&format=image/png",
            "/ows?request=GetLegendGraphic&layer=scene&format=image/png",
            "/ows?service=WMS&request=GetCapabilities",
            "/ows?request=GetMap&layers=nosuch&styles=&crs=EPSG:3035&bbox=0,0,1,1&width=1&height=1&format=image/png",
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                String q = queries[i % queries.length];
                answers.add(pool.submit(() -> client.send(HttpRequest.newBuilder(URI.create(server.base() + q))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode()));
            }
            for (int i = 0; i < answers.size(); i++) {
                int expected = i % queries.length == queries.length - 1 ? 400 : 200;
                assertEquals(expected, answers.get(i).get(40, TimeUnit.SECONDS), queries[i % queries.length]);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
