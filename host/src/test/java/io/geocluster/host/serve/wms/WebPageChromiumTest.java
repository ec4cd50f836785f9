package io.geocluster.host.serve.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.geocluster.host.serve.GeoclusterHost;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Chromium loads the web page from a real server over a folder with a published
 * cluster layer; the screenshot must show the clusters in their SLD colours. Skipped when no
 * {@code chromium} (or {@code chromium-browser}) is installed; {@code .ci/run} installs it.
 */
@Timeout(150)
class WebPageChromiumTest {
    @TempDir
    Path dir;

    /** Three clusters, each a dense 20 × 20 grid of points 100 m apart, 5 km from each other. */
    private static void clusterLayer(Path folder, String name) throws Exception {
        int n = 3 * 400;
        double[] x = new double[n];
        double[] y = new double[n];
        int[] clusters = new int[n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 400; i++) {
                int k = c * 400 + i;
                x[k] = 4_000_000 + c * 5_000 + (i % 20) * 100;
                y[k] = 3_000_000 + (c % 2) * 3_000 + (i / 20) * 100;
                clusters[k] = c;
            }
        }
        WmsFixtures.pointLayer(folder, name, x, y, clusters, true);
    }

    private static String browser() {
        for (String name : new String[] {"chromium", "chromium-browser"}) {
            for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dirName.isEmpty() && Files.isExecutable(Path.of(dirName, name))) {
                    return Path.of(dirName, name).toString();
                }
            }
        }
        return null;
    }

    @Test
    void screenshotShowsTheClustersInTheirColours() throws Exception {
        String chromium = browser();
        assumeTrue(chromium != null, "no chromium on the PATH");
        Path workspace = Files.createDirectory(dir.resolve("workspace"));
        clusterLayer(workspace, "insar_clusters");
        // A second, differently coloured layer that must not be the one shown.
        WmsFixtures.pointLayer(workspace, "other", new double[] {0}, new double[] {0}, new int[] {5}, true);
        Path shot = dir.resolve("shot.png");
        Path log = dir.resolve("chromium.log");
        Path profile = Files.createDirectory(dir.resolve("profile"));
        // The real host, as 'geocluster serve' runs it: the page, WPS and the WMS on one server.
        GeoclusterHost.Config defaults = GeoclusterHost.Config.defaults(workspace);
        try (GeoclusterHost host = new GeoclusterHost(new GeoclusterHost.Config(workspace, "127.0.0.1", 0,
                defaults.limits(), defaults.maxBodyBytes(), defaults.httpThreads())).start()) {
            Process p = new ProcessBuilder(chromium, "--headless", "--disable-gpu", "--no-sandbox",
                    "--no-first-run", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                    // Virtual time lets the page's fetch and WMS image finish before the screenshot.
                    "--virtual-time-budget=15000", "--window-size=800,600", "--screenshot=" + shot,
                    host.server().baseUrl() + "/?layer=insar_clusters")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(done, "chromium did not finish in 120 s: " + tail(log));
        }
        assertTrue(Files.isRegularFile(shot), "no screenshot: " + tail(log));
        BufferedImage img = ImageIO.read(shot.toFile());
        assertNotNull(img);
        assertEquals(800, img.getWidth());
        for (int c = 0; c < 3; c++) {
            Color want = WmsFixtures.PALETTE.color(c);
            int count = count(img, want);
            assertTrue(count > 200, "cluster " + c + " colour " + WmsFixtures.argb(want) + " covers " + count
                    + " pixels; " + tail(log));
        }
        assertEquals(0, count(img, WmsFixtures.PALETTE.color(5)), "the other layer is not shown");
    }

    /** Pixels within 8 levels per channel of {@code c} (anti-aliasing and image scaling blend edges). */
    private static int count(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 255) - c.getRed()) <= 8 && Math.abs(((rgb >> 8) & 255) - c.getGreen()) <= 8
                        && Math.abs((rgb & 255) - c.getBlue()) <= 8) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : new ArrayList<>();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
