package io.geocluster.host.serve.wms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the map web page and its scripts from the class path folder
 * {@code io/geocluster/host/web/}: {@code index.html}, {@code app.js}, {@code app.css} and the
 * bundled OpenLayers build under {@code lib/}. The page asks for {@code ows?…} relative to
 * itself, so mount this handler at {@code /} and the WMS at {@code /ows}.
 *
 * <p>Only paths made of lower-case letters, digits, {@code . _ -} and single slashes, without
 * {@code ..}, are looked up, so no request can reach any other class path resource.
 */
public final class WebPageHandler implements HttpHandler {
    static final String ROOT = "io/geocluster/host/web/";
    private static final Pattern SAFE = Pattern.compile("([a-z0-9_-][a-z0-9._-]*/)*[a-z0-9_-][a-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "md", "text/plain; charset=UTF-8");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (HttpReplies.refusedMethod(exchange)) {
                return;
            }
            String context = exchange.getHttpContext().getPath();
            String path = exchange.getRequestURI().getPath();
            String rel = path.startsWith(context) ? path.substring(context.length()) : path;
            rel = rel.startsWith("/") ? rel.substring(1) : rel;
            if (rel.isEmpty()) {
                rel = "index.html";
            }
            String ext = rel.substring(rel.lastIndexOf('.') + 1);
            byte[] body = null;
            if (SAFE.matcher(rel).matches() && !rel.contains("..") && TYPES.containsKey(ext)) {
                try (InputStream in = WebPageHandler.class.getClassLoader().getResourceAsStream(ROOT + rel)) {
                    body = in == null ? null : in.readAllBytes();
                }
            }
            if (body == null) {
                HttpReplies.send(exchange, 404, "text/plain; charset=UTF-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            } else {
                HttpReplies.send(exchange, 200, TYPES.get(ext), body);
            }
        }
    }
}
