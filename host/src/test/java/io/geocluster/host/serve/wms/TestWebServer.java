package io.geocluster.host.serve.wms;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on an ephemeral loopback port, wired the way the host's server is meant
 * to be: {@code /ows} → {@link WmsHttpHandler}, {@code /} → {@link WebPageHandler}.
 */
final class TestWebServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    TestWebServer(Path folder) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WmsService wms = new WmsService(new FolderWmsLayers(folder), "http://127.0.0.1/ows");
        server.createContext("/ows", new WmsHttpHandler(wms));
        server.createContext("/", new WebPageHandler());
        server.setExecutor(pool);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT} */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
