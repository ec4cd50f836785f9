package io.geocluster.host.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The hooks of {@link HostServer}: further OGC services on /ows, static files on /, the HTTP methods. */
@Timeout(60)
class HostServerTest {
    @TempDir
    Path dir;

    /** A further service (the host mounts its WMS the same way): answers service=ECHO with the request parameter it got. */
    private static final class EchoService implements OwsHandler {
        @Override
        public boolean handles(String service) {
            return service.equalsIgnoreCase("ECHO");
        }

        @Override
        public void handle(HttpExchange exchange, Map<String, String> kvp) throws IOException {
            byte[] body = ("echo:" + kvp.get("request")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Test
    void otherServicesGoToTheirHandlerAndUnknownPathsAre404() throws Exception {
        try (GeoclusterHost host = TestHosts.start(dir, TestHosts.limits(1, 1, Duration.ofMinutes(1), Duration.ofMinutes(1)))) {
            host.server().addService(new EchoService());
            String base = host.server().baseUrl();
            HttpResponse<byte[]> echo = TestHosts.get(base + "/ows?SERVICE=echo&REQUEST=GetMap");
            assertEquals(200, echo.statusCode());
            assertEquals("echo:GetMap", TestHosts.text(echo));
            // The host's own WMS answers service=WMS on the same endpoint.
            HttpResponse<byte[]> wms = TestHosts.get(base + "/ows?service=WMS&request=GetCapabilities");
            assertEquals(200, wms.statusCode());
            assertTrue(TestHosts.text(wms).contains("WMS_Capabilities"), TestHosts.text(wms));
            assertEquals("InvalidParameterValue", Xml.exceptionCode(TestHosts.get(base + "/ows?service=WCS&request=GetCapabilities").body()));
            assertEquals(404, TestHosts.get(base + "/no-such-page.html").statusCode());
            assertEquals(404, TestHosts.get(base + "/wps/elsewhere").statusCode());
            HttpResponse<byte[]> put = TestHosts.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/wps"))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("OperationNotSupported", Xml.exceptionCode(put.body()));
            assertTrue(host.wpsUrl().startsWith("http://127.0.0.1:"));
        }
    }
}
