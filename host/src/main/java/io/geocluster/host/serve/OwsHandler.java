package io.geocluster.host.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/**
 * A further OGC service answered on {@code /ows} (WMS is the intended one): {@link HostServer}
 * hands it every request whose {@code service} parameter it {@linkplain #handles handles}.
 * Register one with {@link HostServer#addService(OwsHandler)} (through
 * {@link GeoclusterHost#server()}), preferably before {@link GeoclusterHost#start()}; the list is
 * thread safe, so a later registration takes effect for the next request. The handler reads
 * layers through {@link GeoclusterHost#workspace()}.
 */
public interface OwsHandler {
    /** Whether this handler answers requests with this {@code service} value (compare case-insensitively). */
    boolean handles(String service);

    /**
     * Answers one request. The handler writes the whole response, headers and body, and must not
     * close the exchange's streams early; the server closes the exchange afterwards.
     *
     * @param exchange the request
     * @param kvp query parameters, names lower-cased, values URL-decoded
     */
    void handle(HttpExchange exchange, Map<String, String> kvp) throws IOException;
}
