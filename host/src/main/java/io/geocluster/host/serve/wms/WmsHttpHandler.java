package io.geocluster.host.serve.wms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adapts {@link WmsService} to the JDK HTTP server: a GET (or HEAD) with the WMS parameters in
 * the query string. Other methods get 405; malformed queries get an exception report.
 *
 * <p>The service URL written into capabilities is built from the request's {@code Host} header
 * and the handler's context path, so links work under whatever address the server listens on.
 */
public final class WmsHttpHandler implements HttpHandler {
    /** Longest query string accepted. */
    static final int MAX_QUERY = 16 * 1024;

    private final WmsService service;

    /** @param service the service answering the requests */
    public WmsHttpHandler(WmsService service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (HttpReplies.refusedMethod(exchange)) {
                return;
            }
            WmsResponse response;
            try {
                response = service.handle(parse(exchange.getRequestURI().getRawQuery()), serviceUrl(exchange));
            } catch (WmsException e) {
                response = ExceptionReport.of(e);
            }
            // Maps change whenever a run publishes: never let a browser reuse an old one.
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            HttpReplies.send(exchange, response.status(), response.contentType(), response.body());
        }
    }

    /** Decodes a raw query string; the first value of a repeated name wins. */
    static Map<String, String> parse(String rawQuery) throws WmsException {
        Map<String, String> kvp = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return kvp;
        }
        if (rawQuery.length() > MAX_QUERY) {
            throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, null,
                    "the query string is longer than " + MAX_QUERY + " characters");
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                kvp.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, null,
                        "malformed percent-encoding in the query string");
            }
        }
        return kvp;
    }

    private static String serviceUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,300}")) {
            // No or odd Host header: name the socket actually connected to.
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        return "http://" + host + exchange.getHttpContext().getPath();
    }
}
