package io.geocluster.plugin.wps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geocluster.engine.stats.AdjustedRandIndex;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.geoserver.wps.ProcessDismissedException;
import org.geoserver.wps.process.RawData;
import org.geotools.process.ProcessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster:BatchedKMeans} run through its Spring bean, as GeoServer's executor runs it. */
class BatchedKMeansProcessTest {
    static final int N = 1500;
    @TempDir
    Path scratch;
    MemoryCatalog catalog;
    ProcessContext gs;
    int[] truth;

    @BeforeEach
    void setUp() {
        catalog = new MemoryCatalog(scratch);
        catalog.add("insar:points", threeGroups());
        gs = new ProcessContext(catalog);
    }

    @AfterEach
    void tearDown() {
        gs.close();
    }

    /** Three groups, 10 sigma apart in velocity and in height, whose units differ a hundredfold. */
    private MemoryCatalog.Points threeGroups() {
        Random r = new Random(11);
        long[] ids = new long[N];
        double[] x = new double[N];
        double[] y = new double[N];
        double[] velocity = new double[N];
        double[] height = new double[N];
        String[] name = new String[N];
        truth = new int[N];
        for (int i = 0; i < N; i++) {
            truth[i] = i % 3;
            ids[i] = 1000 + i;
            x[i] = 4_000_000 + 20.0 * (i % 50);
            y[i] = 3_000_000 + 20.0 * (i / 50);
            velocity[i] = 10 * truth[i] + r.nextGaussian();
            height[i] = 500 + 100 * truth[i] + 10 * r.nextGaussian(); // metres, not mm/yr
            name[i] = "p" + i;
        }
        Map<String, double[]> numbers = new LinkedHashMap<>();
        numbers.put("velocity", velocity);
        numbers.put("height", height);
        return new MemoryCatalog.Points("points", ids, x, y, numbers, Map.of("name", name));
    }

    private Map<String, Object> inputs(Object... kv) {
        Map<String, Object> in = new HashMap<>();
        in.put("layer", "insar:points");
        in.put("staticAttributes", "velocity,height");
        in.put("k", 3);
        in.put("backend", "cpu");
        for (int i = 0; i < kv.length; i += 2) {
            in.put((String) kv[i], kv[i + 1]);
        }
        return in;
    }

    @Test
    void publishesTheLabelledLayerWithASummaryAndAChart() throws Exception {
        RecordingListener listener = new RecordingListener();
        Map<String, Object> out = gs.factory.execute("BatchedKMeans", inputs("workspace", "results"), listener);

        assertEquals("results:points_clusters", catalog.published.keySet().iterator().next());
        assertEquals("results:points_clusters", out.get("layerName"));
        MemoryCatalog.Result result = catalog.published.get("results:points_clusters");
        assertEquals(N, result.labels().size());
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = result.labels().get(1000L + i);
        }
        assertEquals(1.0, AdjustedRandIndex.of(truth, labels), 1e-12, "three groups 10 sigma apart are found exactly");
        assertTrue(result.sld().contains("<StyledLayerDescriptor"), "published with the generated style");

        RawData summary = (RawData) out.get("summary");
        assertEquals("application/json", summary.getMimeType());
        JsonNode json;
        try (InputStream in = summary.getInputStream()) {
            json = new ObjectMapper().readTree(in);
        }
        assertEquals(3, json.get("k").asInt());
        long total = 0;
        for (JsonNode size : json.findValue("sizes")) {
            assertEquals(N / 3, size.asLong(), "each group of 500 is one cluster");
            total += size.asLong();
        }
        assertEquals(N, total);

        RawData profiles = (RawData) out.get("profiles");
        assertEquals("image/png", profiles.getMimeType());
        assertEquals("png", profiles.getFileExtension());
        byte[] png = profiles.getInputStream().readAllBytes();
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertNotNull(image);
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100);

        // The listener saw the run start, every pass as a task, rising progress, and the end.
        assertTrue(listener.started);
        assertTrue(listener.completed);
        assertEquals(List.of("statistics", "warm start", "training", "labelling"), listener.tasks);
        for (int i = 1; i < listener.progress.size(); i++) {
            assertTrue(listener.progress.get(i) >= listener.progress.get(i - 1), "progress never goes back");
        }
        assertEquals(100f, listener.progress.get(listener.progress.size() - 1));
        assertTrue(listener.progress.stream().filter(p -> p < 100f).allMatch(p -> p <= 99f));
        assertScratchRemoved();
    }

    @Test
    void cancellingMidwayPublishesNothingAndLeavesNoScratchFiles() {
        RecordingListener listener = new RecordingListener(task -> task.equals("training"), false);
        ProcessDismissedException e = dismissal(listener);
        assertSame(listener, e.listener, "built from the listener, so GeoServer can tell a timeout from a dismissal");
        assertTrue(catalog.published.isEmpty());
        assertFalse(listener.completed);
        assertScratchRemoved();
    }

    /** GeoServer's own listener throws from progress() once an execution is dismissed. */
    @Test
    void aDismissalThrownByGeoServersListenerDiscardsTheLayerBeingWritten() {
        RecordingListener listener = new RecordingListener(task -> task.equals("labelling"), true);
        dismissal(listener);
        assertTrue(catalog.published.isEmpty());
        assertEquals(1, catalog.discarded, "the labelling pass had opened a writer; it was closed uncommitted");
        assertScratchRemoved();
    }

    @Test
    void invalidInputsAreReportedInTheUsersTerms() {
        assertMessage("k must be between 2 and 1024, got 1.", inputs("k", 1));
        assertMessage("testFraction must be between 0 and 0.99, got 1.0.", inputs("testFraction", 1.0));
        assertMessage("staticAttributes: layer 'points' has no attribute named 'velocty'", inputs("staticAttributes", "velocty"));
        assertMessage("name", inputs("staticAttributes", "name"));
        assertMessage("Select at least one feature with dynamicAttributes or staticAttributes.",
                inputs("staticAttributes", null));
        assertMessage("layer: no point layer named 'nowhere'", inputs("layer", "nowhere"));
        assertMessage("backend must be auto, cpu or gpu, got 'tpu'.", inputs("backend", "tpu"));
        assertMessage("style must be an SLD document", inputs("style", "my_style"));
        assertTrue(catalog.published.isEmpty());
    }

    /** GeoTools itself refuses a missing required input, before the process runs. */
    @Test
    void theLayerIsRequired() {
        Map<String, Object> in = inputs();
        in.remove("layer");
        ProcessException e = assertThrows(ProcessException.class, () -> gs.factory.execute("BatchedKMeans", in, null));
        assertTrue(e.getMessage().contains("layer"), e.getMessage());
    }

    @Test
    void aStyleGivenAsSldIsPublishedInsteadOfTheGeneratedOne() throws Exception {
        String sld = "<StyledLayerDescriptor version=\"1.0.0\"><!-- mine --></StyledLayerDescriptor>";
        gs.factory.execute("BatchedKMeans", inputs("style", sld, "outputName", "mine"), null);
        assertEquals(sld, catalog.published.get("default:mine").sld());
    }

    @Test
    void runsWithoutAListener() throws Exception {
        Map<String, Object> out = gs.factory.execute("BatchedKMeans", inputs(), null);
        assertEquals("default:points_clusters", out.get("layerName"));
        assertInstanceOf(RawData.class, out.get("summary"));
    }

    /**
     * Runs until the listener cancels. GeoTools' InvokeMethodProcess wraps whatever the process
     * throws, other than a ProcessException, in a ProcessException; GeoServer tells a dismissal
     * from a failure by the execution's status (DISMISSING), not by the exception.
     */
    private ProcessDismissedException dismissal(RecordingListener listener) {
        ProcessException e = assertThrows(ProcessException.class, () -> gs.factory.execute("BatchedKMeans", inputs(), listener));
        return assertInstanceOf(ProcessDismissedException.class, e.getCause());
    }

    private void assertMessage(String expected, Map<String, Object> in) {
        ProcessException e = assertThrows(ProcessException.class, () -> gs.factory.execute("BatchedKMeans", in, null));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
        assertFalse(e.getMessage().startsWith("java."), "no exception class name in front of the message: " + e.getMessage());
    }

    private void assertScratchRemoved() {
        assertFalse(catalog.scratchDirectories.isEmpty());
        for (Path dir : catalog.scratchDirectories) {
            assertFalse(Files.exists(dir), dir + " was removed");
        }
    }
}
