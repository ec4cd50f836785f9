package io.geocluster.plugin.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geocluster.engine.stats.AdjustedRandIndex;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.geoserver.wps.ProcessDismissedException;
import org.geoserver.wps.process.RawData;
import org.geotools.process.ProcessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster:SmoothedKMeans} run through its Spring bean. */
class SmoothedKMeansProcessTest {
    static final int SIDE = 40;
    @TempDir
    Path scratch;
    MemoryCatalog catalog;
    ProcessContext gs;
    final int[] truth = new int[SIDE * SIDE];

    /**
     * Two regions, west and east halves of a 20 m grid, whose velocities differ by 5 mm/yr under
     * noise of 3 mm/yr: point by point a fifth are on the wrong side, while the average over a
     * neighbourhood is not.
     */
    @BeforeEach
    void setUp() {
        int n = SIDE * SIDE;
        Random r = new Random(5);
        long[] ids = new long[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] velocity = new double[n];
        for (int i = 0; i < n; i++) {
            int col = i % SIDE;
            truth[i] = col < SIDE / 2 ? 0 : 1;
            ids[i] = i + 1;
            x[i] = 500_000 + 20.0 * col;
            y[i] = 6_000_000 + 20.0 * (i / SIDE);
            velocity[i] = 5 * truth[i] + 3 * r.nextGaussian();
        }
        catalog = new MemoryCatalog(scratch);
        catalog.add("insar:grid", new MemoryCatalog.Points("grid", ids, x, y, Map.of("velocity", velocity), Map.of()));
        gs = new ProcessContext(catalog);
    }

    @AfterEach
    void tearDown() {
        gs.close();
    }

    private Map<String, Object> inputs(Object... kv) {
        Map<String, Object> in = new HashMap<>(Map.of("layer", "insar:grid", "staticAttributes", "velocity", "k", 2,
                "backend", "cpu"));
        for (int i = 0; i < kv.length; i += 2) {
            in.put((String) kv[i], kv[i + 1]);
        }
        return in;
    }

    private double ari(String layer) {
        Map<Long, Integer> labels = catalog.published.get(layer).labels();
        int[] found = new int[truth.length];
        for (int i = 0; i < truth.length; i++) {
            found[i] = labels.get(i + 1L);
        }
        return AdjustedRandIndex.of(truth, found);
    }

    @Test
    void smoothingRecoversRegionsThatPointwiseClusteringBlurs() throws Exception {
        RecordingListener listener = new RecordingListener();
        Map<String, Object> out = gs.factory.execute("SmoothedKMeans", inputs("outputName", "smoothed"), listener);
        gs.factory.execute("SmoothedKMeans", inputs("outputName", "raw", "hops", 0), null);

        double smoothed = ari("default:smoothed");
        double raw = ari("default:raw");
        assertTrue(smoothed > 0.85, "ARI with 3 hops of smoothing " + smoothed);
        assertTrue(raw < 0.6, "ARI without smoothing " + raw);

        assertEquals(List.of("bounds", "sharding", "graph", "smoothing 1/3", "smoothing 2/3", "smoothing 3/3",
                "statistics", "warm start", "training", "labelling"), listener.tasks);
        assertEquals(100f, listener.progress.get(listener.progress.size() - 1));

        JsonNode summary = new ObjectMapper().readTree(((RawData) out.get("summary")).getInputStream());
        assertEquals(3, summary.get("smoothing").get("hops").asInt());
        assertEquals(0.5, summary.get("smoothing").get("alpha").asDouble());
        assertEquals("mean", summary.get("smoothing").get("aggregation").asText());
        assertEquals(SIDE * SIDE, summary.get("smoothing").get("graph").get("points").asLong());
    }

    @Test
    void cancellingDuringSmoothingPublishesNothing() {
        RecordingListener listener = new RecordingListener(task -> task.startsWith("smoothing 2"), false);
        ProcessException e = assertThrows(ProcessException.class, () -> gs.factory.execute("SmoothedKMeans", inputs(), listener));
        assertInstanceOf(ProcessDismissedException.class, e.getCause());
        assertTrue(catalog.published.isEmpty());
    }

    @Test
    void smoothingInputsAreChecked() {
        for (Object[] bad : new Object[][] {
            {"alpha", 1.5, "alpha must be between 0 and 1, got 1.5."},
            {"aggregation", "median", "aggregation"},
            {"neighbours", 1600, "neighbours must be between 1 and 256, got 1600."}}) {
            ProcessException e = assertThrows(ProcessException.class,
                    () -> gs.factory.execute("SmoothedKMeans", inputs(bad[0], bad[1]), null));
            assertTrue(e.getMessage().contains((String) bad[2]), e.getMessage());
        }
    }
}
