package io.geocluster.host.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The HTTP face of {@code geocluster serve}: the JDK's {@link HttpServer} on a configurable
 * address (127.0.0.1 by default) with a bounded pool of request threads.
 *
 * <ul>
 *   <li>{@code /ows} and {@code /wps}: OGC requests. {@code service=WPS} (or a WPS XML body on
 *       POST) goes to {@link WpsService}; other services go to the {@link OwsHandler}s added with
 *       {@link #addService}; anything else gets an ExceptionReport.</li>
 *   <li>{@code /wps/status/<job>} and {@code /wps/results/<job>/<file>}: stored executions.</li>
 *   <li>{@code /}: static files from the classpath folder {@code io/geocluster/host/web/}
 *       (the web page), names checked against a strict pattern.</li>
 * </ul>
 *
 * <p>Every request body is read up to {@code maxBodyBytes} and refused beyond it
 * ({@code FileSizeExceeded}); no exception thrown by a handler escapes as anything but a 500
 * ExceptionReport, so bad input never takes the server down.
 */
public final class HostServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HostServer.class.getName());
    private static final Pattern STATIC_NAME = Pattern.compile("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*\\.[A-Za-z0-9]{1,8}");
    private static final Pattern HOST_HEADER = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    private static final String WEB = "io/geocluster/host/web/";
    private static final long DRAIN_LIMIT = 64L << 20;

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final WpsService wps;
    private final long maxBodyBytes;
    private final List<OwsHandler> services = new CopyOnWriteArrayList<>();

    /**
     * Binds the server (not yet started).
     *
     * @param address e.g. {@code 127.0.0.1}
     * @param port 0 for any free port
     * @param threads request threads
     * @param maxBodyBytes largest request body accepted
     */
    public HostServer(String address, int port, int threads, long maxBodyBytes, WpsService wps) throws IOException {
        this.wps = wps;
        this.maxBodyBytes = maxBodyBytes;
        this.server = HttpServer.create(new InetSocketAddress(address, port), 64);
        AtomicInteger n = new AtomicInteger();
        // bounded queue; beyond it the caller (the accepting thread) runs the request itself,
        // which slows accepting down instead of failing
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "geocluster-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(pool);
        server.createContext("/ows", this::ows);
        server.createContext("/wps", this::wpsPaths);
        server.createContext("/", this::staticFile);
    }

    /** Adds a service answered on {@code /ows} (e.g. WMS); best before {@link #start()}, takes effect for the next request. */
    public void addService(OwsHandler handler) {
        services.add(handler);
    }

    /** Starts answering. */
    public void start() {
        server.start();
    }

    /** The bound port (the real one when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL as bound, e.g. {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
        String host = server.getAddress().getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        if (host.equals("0.0.0.0") || host.equals("[0:0:0:0:0:0:0:0]")) {
            host = "127.0.0.1";
        }
        return "http://" + host + ":" + port();
    }

    @Override
    public void close() {
        server.stop(1);
        pool.shutdownNow();
    }

    private void wpsPaths(HttpExchange ex) {
        String path = ex.getRequestURI().getRawPath();
        guard(ex, () -> {
            if (path.startsWith("/wps/status/")) {
                send(ex, wps.status(path.substring("/wps/status/".length()), base(ex)));
            } else if (path.startsWith("/wps/results/")) {
                String[] parts = path.substring("/wps/results/".length()).split("/", -1);
                send(ex, parts.length == 2 ? wps.result(parts[0], parts[1])
                        : HttpResponse.error(new OwsException(OwsException.Code.InvalidParameterValue, null, "No such result")));
            } else if (path.equals("/wps") || path.equals("/wps/")) {
                ows(ex);
            } else {
                send(ex, new HttpResponse(404, "text/plain; charset=UTF-8", "Not found\n".getBytes(StandardCharsets.UTF_8)));
            }
        });
    }

    private void ows(HttpExchange ex) {
        guard(ex, () -> {
            String method = ex.getRequestMethod();
            Map<String, String> kvp = WpsRequests.kvp(ex.getRequestURI().getRawQuery());
            if (method.equals("POST")) {
                byte[] body = readBody(ex);
                send(ex, wps.post(SecureXml.parse(body), base(ex)));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(ex, HttpResponse.error(new OwsException(OwsException.Code.OperationNotSupported, null,
                        "HTTP " + method + " is not supported; use GET or POST")));
                return;
            }
            String service = kvp.get("service");
            if (service == null || service.isBlank()) {
                // WPS 1.0.0 §8.2: service is mandatory; GetCapabilities without it is still answered by WPS
                // when nothing else claims the request
                throw new OwsException(OwsException.Code.MissingParameterValue, "service", "Parameter 'service' is required");
            }
            if (service.equalsIgnoreCase("WPS")) {
                send(ex, wps.get(kvp, base(ex)));
                return;
            }
            for (OwsHandler h : services) {
                if (h.handles(service)) {
                    h.handle(ex, kvp);
                    return;
                }
            }
            throw new OwsException(OwsException.Code.InvalidParameterValue, "service",
                    "Unknown service '" + Workspace.printable(service) + "'");
        });
    }

    private void staticFile(HttpExchange ex) {
        guard(ex, () -> {
            String path = ex.getRequestURI().getPath();
            String name = path.equals("/") ? "index.html" : path.substring(1);
            if (!STATIC_NAME.matcher(name).matches()) {
                send(ex, new HttpResponse(404, "text/plain; charset=UTF-8", "Not found\n".getBytes(StandardCharsets.UTF_8)));
                return;
            }
            try (InputStream in = HostServer.class.getClassLoader().getResourceAsStream(WEB + name)) {
                if (in == null) {
                    send(ex, new HttpResponse(404, "text/plain; charset=UTF-8", "Not found\n".getBytes(StandardCharsets.UTF_8)));
                    return;
                }
                send(ex, new HttpResponse(200, contentType(name), in.readAllBytes()));
            }
        });
    }

    private static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "html" -> "text/html; charset=UTF-8";
            case "js", "mjs" -> "text/javascript; charset=UTF-8";
            case "css" -> "text/css; charset=UTF-8";
            case "json", "map" -> "application/json";
            case "png" -> "image/png";
            case "svg" -> "image/svg+xml";
            default -> "application/octet-stream";
        };
    }

    /** The base URL the client used (its Host header when well-formed), for URLs in responses. */
    private String base(HttpExchange ex) {
        return clientBase(ex, baseUrl());
    }

    /**
     * The server's URL as the client addressed it (from a well-formed {@code Host} header), so
     * that URLs written into responses work through other names and ports; {@code fallback}
     * otherwise.
     */
    static String clientBase(HttpExchange ex, String fallback) {
        String host = ex.getRequestHeaders().getFirst("Host");
        return host != null && HOST_HEADER.matcher(host).matches() ? "http://" + host : fallback;
    }

    private byte[] readBody(HttpExchange ex) throws IOException, OwsException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        try (InputStream in = ex.getRequestBody()) {
            for (int r; (r = in.read(buf)) > 0; ) {
                if (out.size() + (long) r > maxBodyBytes) {
                    drain(in, buf);
                    throw tooLarge();
                }
                out.write(buf, 0, r);
            }
        }
        if (out.size() == 0) {
            throw new OwsException(OwsException.Code.MissingParameterValue, "request", "The POST body is empty");
        }
        return out.toByteArray();
    }

    /**
     * Reads and drops the rest of an oversized body, up to {@link #DRAIN_LIMIT}, so that the
     * client, still sending, reads the ExceptionReport instead of a reset connection; beyond the
     * limit the connection is simply closed.
     */
    private static void drain(InputStream in, byte[] buf) throws IOException {
        long dropped = 0;
        for (int r; dropped < DRAIN_LIMIT && (r = in.read(buf)) > 0; ) {
            dropped += r;
        }
    }

    private OwsException tooLarge() {
        return new OwsException(OwsException.Code.FileSizeExceeded, null, "The request body is larger than " + maxBodyBytes + " bytes");
    }

    /** A request body that may fail with an ExceptionReport or an I/O error. */
    @FunctionalInterface
    private interface Body {
        void run() throws IOException, OwsException;
    }

    /** Runs a handler body; whatever it throws becomes an ExceptionReport, and the exchange is always closed. */
    private void guard(HttpExchange ex, Body body) {
        try {
            body.run();
        } catch (OwsException e) {
            trySend(ex, HttpResponse.error(e));
        } catch (IOException e) {
            LOG.log(Level.FINE, "I/O error answering " + ex.getRequestURI(), e);
            trySend(ex, HttpResponse.error(new OwsException(OwsException.Code.NoApplicableCode, null, "I/O error: " + e.getMessage())));
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            LOG.log(Level.WARNING, "Failed answering " + ex.getRequestURI(), e);
            trySend(ex, HttpResponse.error(new OwsException(OwsException.Code.NoApplicableCode, null, "Internal error: " + e)));
        } finally {
            ex.close();
        }
    }

    private static void trySend(HttpExchange ex, HttpResponse r) {
        try {
            send(ex, r);
        } catch (IOException | RuntimeException e) {
            // headers already sent or client gone: nothing more to tell it
            LOG.log(Level.FINE, "Could not send an error", e);
        }
    }

    static void send(HttpExchange ex, HttpResponse r) throws IOException {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(r.status(), head ? -1 : r.body().length == 0 ? -1 : r.body().length);
        if (!head && r.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
    }
}
