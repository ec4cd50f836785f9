package io.geocluster.plugin.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geocluster.engine.RunCancelledException;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.kmeans.TrainTestSplit;
import io.geocluster.engine.stats.AdjustedRandIndex;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchedKMeansJobTest {
    private static MemoryLayers.Source threeGroups(int n) {
        Random r = new Random(4);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new HashMap<>();
            int g = i % 3;
            row.put("fid", (long) i + 1);
            row.put("velocity", g * 10 + r.nextGaussian());
            row.put("height", 500 + 400 * r.nextGaussian()); // large, uninformative
            row.put("20200101", 0.0);
            row.put("20200113", -g * 5 + r.nextGaussian());
            row.put("name", "p" + i);
            row.put("truth", g);
            rows.add(row);
        }
        return new MemoryLayers.Source(MemoryLayers.schema(List.of(
                new AttributeInfo("velocity", AttributeType.REAL),
                new AttributeInfo("height", AttributeType.REAL),
                new AttributeInfo("20200101", AttributeType.REAL),
                new AttributeInfo("20200113", AttributeType.REAL),
                new AttributeInfo("name", AttributeType.TEXT),
                new AttributeInfo("truth", AttributeType.INTEGER))), rows);
    }

    static BatchedKMeansParameters params(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("layer", "pts");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return BatchedKMeansParameters.from(new ProcessInputs(BatchedKMeansParameters.PARAMETERS, m));
    }

    @Test
    void labelsEveryRowAndPublishesOnce() throws IOException {
        MemoryLayers.Source source = threeGroups(3000);
        MemoryLayers.Sink sink = new MemoryLayers.Sink();
        BatchedKMeansResult result = new BatchedKMeansJob(s -> { }, null).execute(
                params("staticAttributes", "velocity", "dynamicAttributes", "series", "k", "3", "keepAttributes", "name,truth", "backend", "cpu"),
                source, sink, RunMonitor.NONE, null);
        List<Object[]> rows = sink.published.get("pts_clusters");
        assertEquals(3000, rows.size());
        int[] truth = new int[3000];
        int[] labels = new int[3000];
        for (int i = 0; i < 3000; i++) {
            Object[] row = rows.get(i);
            assertEquals((long) i + 1, row[0]);
            assertEquals("p" + i, row[3]);
            truth[i] = (Integer) row[4];
            labels[i] = (Integer) row[1];
            assertTrue((Byte) row[2] == TrainTestSplit.TRAIN || (Byte) row[2] == TrainTestSplit.TEST);
        }
        double ari = AdjustedRandIndex.of(truth, labels);
        assertTrue(ari > 0.95, "ARI " + ari);
        assertTrue(sink.styles.get("pts_clusters").contains("StyledLayerDescriptor"));
        JsonNode summary = new ObjectMapper().readTree(result.summary());
        assertEquals(3, summary.get("k").asInt());
        assertEquals(3000, summary.get("rows").get("total").asLong());
        long sizes = 0;
        for (JsonNode s : summary.get("sizes")) {
            sizes += s.asLong();
        }
        assertEquals(3000, sizes);
        // Cluster means are reported in original units: every velocity mean is near 0, 10 or 20.
        for (JsonNode c : summary.get("clusters")) {
            double v = c.get("mean").get("velocity").asDouble();
            assertEquals(Math.round(v / 10.0) * 10.0, v, 0.5, "velocity mean " + v);
        }
        assertEquals(0x89, result.profiles()[0] & 0xFF, "PNG signature");
    }

    @Test
    void passCacheReadsTheSourceOnceAndChangesNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path scratch)
            throws IOException {
        BatchedKMeansParameters p = params("staticAttributes", "velocity", "dynamicAttributes", "series", "k", "3");
        MemoryLayers.Source direct = threeGroups(2000);
        MemoryLayers.Sink directSink = new MemoryLayers.Sink();
        new BatchedKMeansJob(s -> { }, null).execute(p, direct, directSink, RunMonitor.NONE, null);
        MemoryLayers.Source cachedSource = threeGroups(2000);
        MemoryLayers.Sink cachedSink = new MemoryLayers.Sink();
        new BatchedKMeansJob(s -> { }, scratch).execute(p, cachedSource, cachedSink, RunMonitor.NONE, null);
        assertEquals(3, direct.opened, "statistics, training and labelling each read the source");
        assertEquals(1, cachedSource.opened, "only the statistics pass reads the source");
        List<Object[]> a = directSink.published.get("pts_clusters");
        List<Object[]> b = cachedSink.published.get("pts_clusters");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(java.util.Arrays.asList(a.get(i)), java.util.Arrays.asList(b.get(i)));
        }
        try (var files = java.nio.file.Files.list(scratch)) {
            assertEquals(0, files.count(), "the scratch file is removed");
        }
    }

    @Test
    void identicalRowsLeaveClustersEmptyAndSaySo() throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(new HashMap<>(Map.of("fid", (long) i, "velocity", 3.0)));
        }
        MemoryLayers.Source source = new MemoryLayers.Source(MemoryLayers.schema(List.of(
                new AttributeInfo("velocity", AttributeType.REAL))), rows);
        List<String> log = new ArrayList<>();
        BatchedKMeansResult result = new BatchedKMeansJob(log::add, null).execute(
                params("staticAttributes", "velocity", "k", "3"), source, new MemoryLayers.Sink(), RunMonitor.NONE, null);
        JsonNode summary = new ObjectMapper().readTree(result.summary());
        assertEquals(2, summary.get("emptyClusters").asInt());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("2 of 3 clusters received no point")), log.toString());
        for (JsonNode c : summary.get("clusters")) {
            assertEquals(3.0, c.get("centre").get("velocity").asDouble(), 1e-9, "no NaN, no drift");
        }
    }

    @Test
    void failedOrCancelledRunsPublishNothing() {
        MemoryLayers.Source source = threeGroups(1000);
        MemoryLayers.Sink sink = new MemoryLayers.Sink();
        sink.failAfter = 500;
        assertThrows(IOException.class, () -> new BatchedKMeansJob(s -> { }, null).execute(
                params("staticAttributes", "velocity", "k", "3"), source, sink, RunMonitor.NONE, null));
        assertTrue(sink.published.isEmpty());
        assertEquals(1, sink.discarded);

        MemoryLayers.Sink sink2 = new MemoryLayers.Sink();
        RunMonitor cancelInLabelling = new RunMonitor() {
            String pass = "";

            @Override
            public void passStarted(String name, long rows) {
                pass = name;
            }

            @Override
            public boolean isCanceled() {
                return pass.equals("labelling");
            }
        };
        assertThrows(RunCancelledException.class, () -> new BatchedKMeansJob(s -> { }, null).execute(
                params("staticAttributes", "velocity", "k", "3"), source, sink2, cancelInLabelling, null));
        assertTrue(sink2.published.isEmpty());
        assertEquals(1, sink2.discarded);
    }

    @Test
    void badInputFailsBeforeAnyOutput() {
        MemoryLayers.Source source = threeGroups(10);
        MemoryLayers.Sink sink = new MemoryLayers.Sink();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchedKMeansJob(s -> { }, null)
                .execute(params("k", "3"), source, sink, RunMonitor.NONE, null));
        assertTrue(e.getMessage().contains("at least one feature"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchedKMeansJob(s -> { }, null)
                .execute(params("staticAttributes", "name"), source, sink, RunMonitor.NONE, null));
        assertTrue(e.getMessage().contains("'name'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchedKMeansJob(s -> { }, null)
                .execute(params("staticAttributes", "velocity", "k", "20"), source, sink, RunMonitor.NONE, null));
        assertTrue(e.getMessage().contains("k = 20"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchedKMeansJob(s -> { }, null)
                .execute(params("staticAttributes", "velocity", "backend", "gpu"), source, sink, RunMonitor.NONE, null));
        assertTrue(e.getMessage().contains("gpu"), e.getMessage());
        assertTrue(sink.published.isEmpty());
        // Only the k check needs the statistics pass; every other check ran before reading.
        assertEquals(1, source.opened);
    }
}
