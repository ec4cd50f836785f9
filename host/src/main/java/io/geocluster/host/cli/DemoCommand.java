package io.geocluster.host.cli;

import io.geocluster.host.serve.GeoclusterHost;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code geocluster demo}: the tour of the product on the bundled data. Copies {@code test-data/}
 * into a workspace folder, starts the embedded host on it, runs {@code cluster:BatchedKMeans},
 * {@code cluster:SmoothedKMeans} and {@code cluster:IIkMC} through its WPS the way any client
 * would (asynchronous Execute, status polling over HTTP), prints the published layers and the
 * WMS and web page URLs, and keeps serving until Ctrl-C ({@code --exit} stops after the runs).
 */
final class DemoCommand {
    static final String NAME = "demo";
    private static final String MARKER = ".geocluster-demo";
    private static final Set<String> OPTIONS = Set.of("workspace", "port", "data");
    private static final String WPS_NS = "http://www.opengis.net/wps/1.0.0";
    private static final String OWS_NS = "http://www.opengis.net/ows/1.1";
    private static final String SCENES = "LC08_L2SP_198018_20220615_20220623_02_T1,LC09_L2SP_197018_20220802_20220810_02_T1,"
            + "LC08_L2SP_196018_20220912_20220920_02_T1";
    private static final String FEATURES = "dynamicAttributes=series;staticAttributes=height,mean_velocity,"
            + "temporal_coherence,amplitude_dispersion;k=5";

    private final PrintStream out;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    /** One process run through WPS: its identifier, inputs, and the output naming the published layer(s). */
    private record Run(String process, String inputs, String layerOutput) {
    }

    int run(List<String> args) throws IOException {
        CommandLine cl = CommandLine.parse(args, Set.of("help", "exit"));
        if (cl.flags().contains("help")) {
            out.print(help());
            return 0;
        }
        for (String name : cl.options().keySet()) {
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + "; see 'geocluster demo --help'.");
            }
        }
        Path data = Path.of(cl.options().getOrDefault("data", "test-data"));
        if (!Files.isRegularFile(data.resolve("insar-catalogue.gpkg")) || !Files.isDirectory(data.resolve("landsat"))) {
            throw new IllegalArgumentException(data.toAbsolutePath() + " is not the bundled test-data folder; run the"
                    + " demo from the repository root or pass --data DIR.");
        }
        Path workspace = Path.of(cl.options().getOrDefault("workspace", "demo-workspace")).toAbsolutePath().normalize();
        prepare(workspace, data);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("workspace", workspace.toString());
        config.put("port", cl.options().getOrDefault("port", "8080"));
        GeoclusterHost host = new GeoclusterHost(ServeCommand.config(config)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            host.close();
            stopped.countDown();
        }, "geocluster-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        String base = host.server().baseUrl();
        out.println("geocluster demo: serving " + workspace + " at " + base);
        List<String> layers = new ArrayList<>();
        try {
            for (Run r : List.of(
                    new Run("cluster:BatchedKMeans", "layer=insar-catalogue;" + FEATURES + ";outputName=insar_batched",
                            "layerName"),
                    new Run("cluster:SmoothedKMeans", "layer=insar-catalogue;" + FEATURES + ";hops=3;outputName=insar_smoothed",
                            "layerName"),
                    new Run("cluster:IIkMC", "scenes=" + SCENES + ";k=6;emptyClusters=reseed;outputName=landsat", "layerNames"))) {
                String published = execute(base, r);
                for (String l : published.split(",")) {
                    layers.add(l.strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            host.close();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        out.println("Published layers (GeoPackage/GeoTIFF + SLD in " + workspace + "):");
        for (String l : layers) {
            out.println("  " + l + "   " + base + "/?layer=" + l);
        }
        out.println("WPS:  " + base + "/wps?service=WPS&request=GetCapabilities");
        out.println("WMS:  " + base + "/ows?service=WMS&request=GetCapabilities");
        out.println("Page: " + base + "/?layer=" + layers.get(0));
        if (cl.flags().contains("exit")) {
            Runtime.getRuntime().removeShutdownHook(hook);
            host.close();
            return 0;
        }
        ServeCommand.awaitStop(out, stopped);
        return 0;
    }

    /**
     * A fresh copy of the bundled data. A folder left by an earlier demo (it holds the marker
     * file) is replaced; any other existing folder is refused rather than overwritten.
     */
    private static void prepare(Path workspace, Path data) throws IOException {
        if (Files.exists(workspace)) {
            if (!Files.exists(workspace.resolve(MARKER))) {
                throw new IllegalArgumentException(workspace + " exists and was not made by 'geocluster demo'; pass"
                        + " --workspace with a new folder.");
            }
            deleteTree(workspace);
        }
        Path source = data.toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path target = workspace.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().endsWith(".py") && !f.getFileName().toString().endsWith(".md")) {
                    Files.copy(f, target);
                }
            }
        }
        Files.writeString(workspace.resolve(MARKER), "made by geocluster demo; replaced by the next one\n");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Runs one process asynchronously through WPS and returns the published layer name(s). */
    private String execute(String base, Run r) throws IOException, InterruptedException {
        out.println("Executing " + r.process() + " ...");
        String url = base + "/wps?service=WPS&version=1.0.0&request=Execute&identifier=" + r.process()
                + "&DataInputs=" + URLEncoder.encode(r.inputs(), StandardCharsets.UTF_8)
                + "&storeExecuteResponse=true&status=true";
        Document doc = get(url);
        String status = doc.getDocumentElement().getAttribute("statusLocation");
        if (status.isEmpty()) {
            throw new IOException(r.process() + ": no statusLocation in the Execute response: " + exception(doc));
        }
        int lastPercent = -1;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            Document s = get(status);
            if (first(s, WPS_NS, "ProcessSucceeded") != null) {
                return literal(s, r.layerOutput());
            }
            if (first(s, WPS_NS, "ProcessFailed") != null) {
                throw new IOException(r.process() + " failed: " + exception(s));
            }
            Element started = first(s, WPS_NS, "ProcessStarted");
            if (started != null) {
                int percent = Integer.parseInt(started.getAttribute("percentCompleted").isEmpty() ? "0"
                        : started.getAttribute("percentCompleted"));
                if (percent / 10 != lastPercent / 10) {
                    out.printf(Locale.ROOT, "  %3d%% %s%n", percent, started.getTextContent().strip());
                    lastPercent = percent;
                }
            }
            Thread.sleep(250);
        }
        throw new IOException(r.process() + " did not finish within 30 minutes");
    }

    private Document get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
        } catch (Exception e) {
            throw new IOException("unreadable answer from " + url + " (HTTP " + r.statusCode() + ")", e);
        }
    }

    private static Element first(Document d, String ns, String name) {
        NodeList l = d.getElementsByTagNameNS(ns, name);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    /** The literal value of the named output of a succeeded execution. */
    private static String literal(Document d, String output) throws IOException {
        NodeList outputs = d.getElementsByTagNameNS(WPS_NS, "Output");
        for (int i = 0; i < outputs.getLength(); i++) {
            Element o = (Element) outputs.item(i);
            NodeList id = o.getElementsByTagNameNS(OWS_NS, "Identifier");
            NodeList value = o.getElementsByTagNameNS(WPS_NS, "LiteralData");
            if (id.getLength() > 0 && output.equals(id.item(0).getTextContent().strip()) && value.getLength() > 0) {
                return value.item(0).getTextContent().strip();
            }
        }
        throw new IOException("the execution succeeded but reported no " + output);
    }

    private static String exception(Document d) {
        NodeList t = d.getElementsByTagNameNS(OWS_NS, "ExceptionText");
        return t.getLength() == 0 ? "(no exception text)" : t.item(0).getTextContent().strip();
    }

    static String help() {
        return "Usage: geocluster demo [--workspace DIR] [--port N] [--data DIR] [--exit]\n\n"
                + "Copies the bundled test data (--data, default test-data) into a workspace folder (default\n"
                + "demo-workspace; a folder left by an earlier demo is replaced), serves it with 'geocluster serve',\n"
                + "runs cluster:BatchedKMeans, cluster:SmoothedKMeans and cluster:IIkMC through WPS, prints the\n"
                + "published layers and the WPS, WMS and web page URLs, and serves until Ctrl-C (--exit: stop after\n"
                + "the runs). Default port 8080; 0 takes any free port.\n";
    }
}
