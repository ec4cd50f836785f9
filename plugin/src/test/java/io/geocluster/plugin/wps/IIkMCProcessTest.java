package io.geocluster.plugin.wps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
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

/** {@code cluster:IIkMC} run through its Spring bean over two in-memory scenes. */
class IIkMCProcessTest {
    /**
     * Reflectance in SR_B2 and SR_B4 of a dark, a medium and a bright surface, spread along the
     * diagonal of the band ranges where IIkMC's min-max start puts its centres (DESIGN.md §4).
     */
    private static final float[][] MATERIALS = {{0.02f, 0.01f}, {0.10f, 0.15f}, {0.25f, 0.30f}};
    private static final byte NODATA = (byte) 255;
    @TempDir
    Path scratch;
    MemoryCatalog catalog;
    ProcessContext gs;
    final Map<String, int[]> truth = new HashMap<>();

    @BeforeEach
    void setUp() {
        catalog = new MemoryCatalog(scratch);
        catalog.scenes.put("landsat:s1", scene("s1", 21, 10, 1));
        catalog.scenes.put("landsat:s2", scene("s2", 15, 12, 2));
        gs = new ProcessContext(catalog);
    }

    @AfterEach
    void tearDown() {
        gs.close();
    }

    /**
     * Columns in thirds of the three surfaces, with an unused band SR_B3 between them
     * and a "cloud" of invalid pixels in the top-left corner (truth -1).
     */
    private MemoryCatalog.Grid scene(String name, int width, int height, long seed) {
        Random r = new Random(seed);
        int n = width * height;
        float[][] bands = new float[3][n];
        boolean[] valid = new boolean[n];
        int[] t = new int[n];
        for (int p = 0; p < n; p++) {
            int row = p / width;
            int col = p % width;
            int material = col * 3 / width;
            valid[p] = !(row < 3 && col < 4);
            t[p] = valid[p] ? material : -1;
            bands[0][p] = MATERIALS[material][0] + 0.005f * (float) r.nextGaussian();
            bands[1][p] = 0.5f;
            bands[2][p] = MATERIALS[material][1] + 0.005f * (float) r.nextGaussian();
        }
        truth.put(name, t);
        return new MemoryCatalog.Grid(name, width, height, List.of("SR_B2", "SR_B3", "SR_B4"), bands, valid);
    }

    private Map<String, Object> inputs(Object... kv) {
        Map<String, Object> in = new HashMap<>(Map.of("scenes", "landsat:s1, landsat:s2", "bands", "SR_B2,SR_B4",
                "k", 3, "backend", "cpu", "workspace", "results"));
        for (int i = 0; i < kv.length; i += 2) {
            in.put((String) kv[i], kv[i + 1]);
        }
        return in;
    }

    @Test
    void oneClassIdMeansOneMaterialInEveryScene() throws Exception {
        RecordingListener listener = new RecordingListener();
        Map<String, Object> out = gs.factory.execute("IIkMC", inputs(), listener);

        assertEquals("results:iikmc_s1,results:iikmc_s2", out.get("layerNames"));
        assertEquals(1, catalog.publishedRasters.size(), "one transaction publishes every scene");
        MemoryCatalog.Rasters rasters = catalog.publishedRasters.get(0);
        byte[] idOfMaterial = new byte[MATERIALS.length];
        Arrays.fill(idOfMaterial, NODATA);
        for (String scene : List.of("s1", "s2")) {
            byte[] labels = rasters.labels().get("results:iikmc_" + scene);
            int[] t = truth.get(scene);
            assertEquals(t.length, labels.length);
            for (int p = 0; p < t.length; p++) {
                if (t[p] < 0) {
                    assertEquals(NODATA, labels[p], "masked pixel " + p + " of " + scene + " is nodata");
                } else {
                    if (idOfMaterial[t[p]] == NODATA) {
                        idOfMaterial[t[p]] = labels[p];
                    }
                    assertEquals(idOfMaterial[t[p]], labels[p], "material " + t[p] + " has one class in both scenes");
                }
            }
        }
        assertNotEquals(idOfMaterial[0], idOfMaterial[1]);
        assertNotEquals(idOfMaterial[1], idOfMaterial[2]);
        assertNotEquals(idOfMaterial[0], idOfMaterial[2]);
        assertEquals("iikmc", rasters.styleName());
        assertTrue(rasters.sld().contains("RasterSymbolizer"));

        RawData summary = (RawData) out.get("summary");
        assertEquals("application/json", summary.getMimeType());
        assertEquals(2, new ObjectMapper().readTree(summary.getInputStream()).get("scenes").size());
        byte[] png = ((RawData) out.get("profiles")).getInputStream().readAllBytes();
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));

        assertEquals(List.of("reading s1", "reading s2"), listener.tasks.subList(0, 2));
        assertTrue(listener.tasks.get(2).startsWith("iteration 1"), listener.tasks.toString());
        assertEquals(100f, listener.progress.get(listener.progress.size() - 1));
        assertEquals(List.of("s1", "s2"), catalog.closedScenes, "every opened scene is closed");
    }

    @Test
    void cancellingDuringTheIterationsPublishesNothingAndClosesTheScenes() {
        RecordingListener listener = new RecordingListener(task -> task.startsWith("iteration 2"), false);
        ProcessException e = assertThrows(ProcessException.class, () -> gs.factory.execute("IIkMC",
                inputs("tolerance", 0.0), listener));
        assertInstanceOf(ProcessDismissedException.class, e.getCause());
        assertTrue(catalog.publishedRasters.isEmpty());
        assertEquals(List.of("s1", "s2"), catalog.closedScenes);
    }

    @Test
    void invalidInputsAreReportedInTheUsersTerms() {
        for (Object[] bad : new Object[][] {
            {"k", 300, "k must be between 2 and 255, got 300."},
            {"bands", "SR_B2,SR_B9", "bands: coverage 'landsat:s1' has no band SR_B9"},
            {"scenes", "landsat:s1,landsat:s3", "scenes: no coverage named 'landsat:s3'"},
            {"emptyClusters", "drop", "emptyClusters"},
            {"mask", "qa_pixel:clouds", "clouds"}}) {
            ProcessException e = assertThrows(ProcessException.class, () -> gs.factory.execute("IIkMC", inputs(bad[0], bad[1]), null));
            assertTrue(e.getMessage().contains((String) bad[2]), e.getMessage());
        }
        assertTrue(catalog.publishedRasters.isEmpty());
        assertEquals(List.of("s1"), catalog.closedScenes, "the scene opened before the unknown one was closed");
    }
}
