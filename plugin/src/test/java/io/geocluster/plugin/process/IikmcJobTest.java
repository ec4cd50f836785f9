package io.geocluster.plugin.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geocluster.engine.RunCancelledException;
import io.geocluster.engine.RunMonitor;
import io.geocluster.plugin.spi.PublishedLayer;
import io.geocluster.plugin.spi.RasterSink;
import io.geocluster.plugin.spi.RasterWriter;
import io.geocluster.plugin.spi.SceneSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IikmcJobTest {
    /** Three well separated spectra; scene 2 is 5 % brighter (an illumination shift). */
    private static final float[][] SPECTRA = {{0.05f, 0.04f, 0.02f}, {0.03f, 0.30f, 0.15f}, {0.30f, 0.28f, 0.35f}};

    /** An in-memory scene: truth class per pixel, 255 = invalid (cloud or fill). */
    private record MemoryScene(String name, int width, int height, int[] truth, float gain) implements SceneSource {
        @Override
        public List<String> bands() {
            return List.of("B1", "B2", "B3");
        }

        @Override
        public String crs() {
            return "EPSG:32632";
        }

        @Override
        public int blockHeight() {
            return 3;
        }

        @Override
        public int readRows(int firstRow, int rowCount, float[] values, boolean[] valid) {
            int n = 0;
            Random noise = new Random(firstRow * 31L + name.hashCode());
            for (int i = 0; i < rowCount * width; i++) {
                int t = truth[firstRow * width + i];
                valid[i] = t != 255;
                if (valid[i]) {
                    n++;
                    for (int b = 0; b < 3; b++) {
                        values[i * 3 + b] = SPECTRA[t][b] * gain + (float) (0.003 * noise.nextGaussian());
                    }
                }
            }
            return n;
        }

        @Override
        public void close() {
        }
    }

    private static MemoryScene scene(String name, int width, int height, long seed, float gain) {
        Random r = new Random(seed);
        int[] truth = new int[width * height];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = r.nextInt(10) == 0 ? 255 : r.nextInt(3);
        }
        return new MemoryScene(name, width, height, truth, gain);
    }

    /** Keeps what was written; publishes on commit. */
    private static final class MemorySink implements RasterSink {
        final Map<String, byte[]> published = new LinkedHashMap<>();
        String sld;
        int closedWithoutCommit;

        @Override
        public void checkWritable(List<String> layerNames) {
        }

        @Override
        public RasterWriter create() {
            return new RasterWriter() {
                final Map<String, byte[]> pending = new LinkedHashMap<>();
                String style;
                boolean committed;

                @Override
                public void write(String layerName, SceneSource scene, byte[] labels) {
                    assertEquals(scene.width() * scene.height(), labels.length);
                    pending.put(layerName, labels.clone());
                }

                @Override
                public void style(String styleName, String s) {
                    style = s;
                }

                @Override
                public List<PublishedLayer> commit() {
                    published.putAll(pending);
                    sld = style;
                    committed = true;
                    List<PublishedLayer> r = new ArrayList<>();
                    pending.keySet().forEach(n -> r.add(new PublishedLayer(n, "memory:" + n, "memory:style", 0)));
                    return r;
                }

                @Override
                public void close() {
                    if (!committed) {
                        closedWithoutCommit++;
                    }
                }
            };
        }
    }

    private static IikmcParameters parameters(String... scenes) {
        Map<String, String> in = new HashMap<>();
        in.put("scenes", String.join(",", scenes));
        in.put("bands", "B1,B2,B3");
        in.put("k", "3");
        in.put("emptyClusters", "reseed");
        in.put("backend", "cpu");
        return IikmcParameters.from(new ProcessInputs(IikmcParameters.PARAMETERS, in));
    }

    @Test
    void labelsAgreeWithTruthInEverySceneAndMaskedPixelsStayNodata(@TempDir Path scratch) throws Exception {
        List<SceneSource> scenes = List.of(scene("a", 40, 30, 1, 1f), scene("b", 25, 50, 2, 1.05f));
        MemorySink sink = new MemorySink();
        IikmcJobResult result = new IikmcJob(line -> { }, scratch).execute(parameters("a", "b"), scenes, sink,
                RunMonitor.NONE);
        assertEquals(List.of("iikmc_a", "iikmc_b"), result.layers().stream().map(PublishedLayer::name).toList());
        Map<Integer, Integer> idOfClass = new HashMap<>();
        long[][] expectedSizes = new long[2][3];
        for (int s = 0; s < 2; s++) {
            MemoryScene scene = (MemoryScene) scenes.get(s);
            byte[] labels = sink.published.get("iikmc_" + scene.name());
            for (int i = 0; i < labels.length; i++) {
                int t = scene.truth()[i];
                if (t == 255) {
                    assertEquals((byte) 255, labels[i], "masked pixel " + i + " is nodata");
                } else {
                    Integer id = idOfClass.putIfAbsent(t, labels[i] & 0xFF);
                    assertEquals(id == null ? labels[i] & 0xFF : id, labels[i] & 0xFF,
                            "class " + t + " has one id in every scene");
                    expectedSizes[s][labels[i] & 0xFF]++;
                }
            }
        }
        assertEquals(3, idOfClass.values().stream().distinct().count());
        JsonNode summary = new ObjectMapper().readTree(result.summary());
        for (int s = 0; s < 2; s++) {
            JsonNode sizes = summary.get("scenes").get(s).get("classSizes");
            for (int c = 0; c < 3; c++) {
                assertEquals(expectedSizes[s][c], sizes.get(c).asLong());
            }
        }
        assertTrue(sink.sld.contains("ColorMap type=\"values\""));
        assertTrue(result.profiles().length > 1000, "a PNG chart");
        assertEquals((byte) 0x89, result.profiles()[0]);
    }

    @Test
    void aSpilledRunGivesTheSameLabelsAsAResidentOne(@TempDir Path scratch) throws Exception {
        List<SceneSource> scenes = List.of(scene("a", 300, 200, 5, 1f), scene("b", 200, 300, 6, 1.03f));
        MemorySink resident = new MemorySink();
        new IikmcJob(line -> { }, scratch).execute(parameters("a", "b"), scenes, resident, RunMonitor.NONE);
        MemorySink spilled = new MemorySink();
        List<String> log = new ArrayList<>();
        new IikmcJob(log::add, scratch, 0).execute(parameters("a", "b"), scenes, spilled, RunMonitor.NONE);
        assertTrue(log.stream().anyMatch(l -> l.contains("memory-mapped")), log.toString());
        for (String name : resident.published.keySet()) {
            assertArrayEquals(resident.published.get(name), spilled.published.get(name), name);
        }
        try (Stream<Path> left = Files.list(scratch)) {
            assertEquals(0, left.count(), "spill files removed");
        }
    }

    @Test
    void cancellingMidwayPublishesNothing(@TempDir Path scratch) {
        List<SceneSource> scenes = List.of(scene("a", 40, 30, 1, 1f), scene("b", 25, 50, 2, 1.05f));
        MemorySink sink = new MemorySink();
        RunMonitor cancelInIteration2 = new RunMonitor() {
            boolean cancel;

            @Override
            public void passStarted(String pass, long expectedRows) {
                cancel |= pass.equals("iteration 2");
            }

            @Override
            public void checkCanceled() {
                if (cancel) {
                    throw new RunCancelledException();
                }
            }
        };
        assertThrows(RunCancelledException.class, () -> new IikmcJob(line -> { }, scratch)
                .execute(parameters("a", "b"), scenes, sink, cancelInIteration2));
        assertTrue(sink.published.isEmpty());
    }

    @Test
    void sceneGivenTwiceIsRejected(@TempDir Path scratch) {
        MemoryScene a = scene("a", 10, 10, 1, 1f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IikmcJob(line -> { },
                scratch).execute(parameters("a", "a"), List.of(a, a), new MemorySink(), RunMonitor.NONE));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
