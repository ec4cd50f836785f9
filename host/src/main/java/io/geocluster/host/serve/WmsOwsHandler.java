package io.geocluster.host.serve;

import com.sun.net.httpserver.HttpExchange;
import io.geocluster.host.serve.wms.WmsResponse;
import io.geocluster.host.serve.wms.WmsService;
import java.io.IOException;
import java.util.Map;

/**
 * Mounts the WMS of {@code serve/wms} on the host's {@code /ows} endpoint: requests with
 * {@code service=WMS} go to {@link WmsService}, whose answer (an image, a document or a
 * {@code ServiceExceptionReport}) is sent as it is.
 */
final class WmsOwsHandler implements OwsHandler {
    private final WmsService wms;
    private final String defaultUrl;

    /**
     * @param wms the map service
     * @param defaultUrl the {@code /ows} URL written into capabilities when a request has no
     *        usable {@code Host} header
     */
    WmsOwsHandler(WmsService wms, String defaultUrl) {
        this.wms = wms;
        this.defaultUrl = defaultUrl;
    }

    @Override
    public boolean handles(String service) {
        return "WMS".equalsIgnoreCase(service.strip());
    }

    @Override
    public void handle(HttpExchange exchange, Map<String, String> kvp) throws IOException {
        // Capabilities carry the URL the client used, so that a page reached through another
        // name or port asks the same server for its maps.
        String url = HostServer.clientBase(exchange, null);
        url = url == null ? defaultUrl : url + "/ows";
        WmsResponse r = wms.handle(kvp, url);
        // Maps change whenever a run publishes: never let a browser reuse an old one.
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HostServer.send(exchange, new HttpResponse(r.status(), r.contentType(), r.body()));
    }
}
