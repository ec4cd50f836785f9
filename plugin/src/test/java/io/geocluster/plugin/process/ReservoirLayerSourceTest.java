package io.geocluster.plugin.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.kmeans.TrainTestSplit;
import io.geocluster.engine.reservoir.ReservoirModel;
import io.geocluster.engine.reservoir.TimeGrid;
import io.geocluster.engine.stats.AdjustedRandIndex;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerCursor;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code dynamicAttributes=reservoir} through the layer view and the BatchedKMeans job. */
class ReservoirLayerSourceTest {
    private static final int ROWS = 600;
    /** Row (0-based) whose series is empty, and row with three missing dates. */
    private static final int EMPTY = 6;
    private static final int GAPPED = 8;

    private static List<String> dates(int count, boolean shuffled) {
        List<String> names = new ArrayList<>();
        LocalDate first = LocalDate.of(2020, 1, 3);
        for (int i = 0; i < count; i++) {
            names.add(first.plusDays(12L * i).format(DateTimeFormatter.BASIC_ISO_DATE));
        }
        if (shuffled) {
            java.util.Collections.swap(names, 3, 4);
        }
        return names;
    }

    /** Three regimes: seasonal, linear subsidence, random walk; row i has regime i % 3. */
    private static MemoryLayers.Source layer(List<String> dated, boolean allEmpty, String extra) {
        Random r = new Random(8);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Map<String, Object> row = new HashMap<>();
            int g = i % 3;
            row.put("fid", (long) i + 1);
            row.put("height", 300 + 50 * r.nextGaussian());
            row.put("truth", g);
            double amplitude = 5 + 2 * r.nextDouble();
            double walk = 0;
            for (int t = 0; t < dated.size(); t++) {
                walk += 1.5 * r.nextGaussian();
                double v = switch (g) {
                    case 0 -> amplitude * Math.sin(2 * Math.PI * t / 15.0);
                    case 1 -> -0.4 * amplitude * t;
                    default -> walk;
                };
                boolean missing = allEmpty || i == EMPTY || (i == GAPPED && t >= 10 && t < 13);
                row.put(dated.get(t), missing ? null : v + 0.5 * r.nextGaussian());
            }
            rows.add(row);
        }
        List<AttributeInfo> attributes = new ArrayList<>();
        attributes.add(new AttributeInfo("height", AttributeType.REAL));
        for (String d : dated) {
            attributes.add(new AttributeInfo(d, AttributeType.REAL));
        }
        attributes.add(new AttributeInfo("truth", AttributeType.INTEGER));
        if (extra != null) {
            attributes.add(new AttributeInfo(extra, AttributeType.REAL));
        }
        return new MemoryLayers.Source(MemoryLayers.schema(attributes), rows);
    }

    /** BatchedKMeans inputs on the CPU backend. */
    private static BatchedKMeansParameters params(String... kv) {
        String[] all = Arrays.copyOf(kv, kv.length + 2);
        all[kv.length] = "backend";
        all[kv.length + 1] = "cpu";
        return BatchedKMeansJobTest.params(all);
    }

    @Test
    void theViewAddsTheEmbeddingOfTheDatedColumnsAndPassesTheRestThrough() throws IOException {
        List<String> dated = dates(30, false);
        MemoryLayers.Source source = layer(dated, false, null);
        BatchedKMeansParameters p = params("dynamicAttributes", "reservoir", "testFraction", "0", "embeddingDimension", "4");
        ReservoirLayerSource view = ReservoirLayerSource.ifRequested(source, p, RunMonitor.NONE, s -> { });
        assertEquals(source.schema().attributes().size() + 20, view.schema().attributes().size());
        assertEquals(0, source.opened, "nothing is read before the view is opened");

        // The same model fitted directly on the usable rows: with fewer rows than the sample
        // holds, the sample is every usable training row in layer order.
        int n = dated.size();
        float[] all = new float[ROWS * n];
        int usable = 0;
        for (int i = 0; i < ROWS; i++) {
            if (i == EMPTY) {
                continue;
            }
            for (int t = 0; t < n; t++) {
                Object v = source.rows.get(i).get(dated.get(t));
                all[usable * n + t] = v == null ? Float.NaN : ((Number) v).floatValue();
            }
            usable++;
        }
        long[] days = dated.stream().mapToLong(d -> LocalDate.parse(d, DateTimeFormatter.BASIC_ISO_DATE).toEpochDay()).toArray();
        ReservoirModel model = ReservoirModel.fit(new TimeGrid(days), p.reservoir(), all, usable, n);
        float[] expected = new float[ROWS * 20];
        float[] rowsInOrder = new float[ROWS * n];
        for (int i = 0; i < ROWS; i++) {
            for (int t = 0; t < n; t++) {
                Object v = source.rows.get(i).get(dated.get(t));
                rowsInOrder[i * n + t] = v == null ? Float.NaN : ((Number) v).floatValue();
            }
        }
        model.embedding().embed(rowsInOrder, 0, n, ROWS, expected, 0, 20);

        List<String> columns = new ArrayList<>(List.of("height"));
        columns.addAll(io.geocluster.plugin.attributes.ReservoirColumns.names(20));
        columns.add(dated.get(7));
        int row = 0;
        try (LayerCursor c = view.open(columns, List.of("truth")).open()) {
            for (FeatureBatch b; (b = c.next()) != null; ) {
                for (int i = 0; i < b.size(); i++, row++) {
                    Map<String, Object> src = source.rows.get(row);
                    assertEquals(((Number) src.get("height")).floatValue(), b.value(i, 0));
                    for (int j = 0; j < 20; j++) {
                        assertEquals(expected[row * 20 + j], b.value(i, 1 + j), "row " + row + " res_" + j);
                    }
                    assertEquals(rowsInOrder[row * n + 7], b.value(i, 21));
                    assertEquals(src.get("truth"), c.kept(i, 0));
                }
            }
        }
        assertEquals(ROWS, row);
        for (int j = 0; j < 20; j++) {
            assertTrue(Float.isNaN(expected[EMPTY * 20 + j]), "the empty series embeds as NaN");
        }
    }

    @Test
    void theEmbeddingAloneSeparatesRegimesAndGapsAreReported() throws IOException {
        MemoryLayers.Source source = layer(dates(30, false), false, null);
        MemoryLayers.Sink sink = new MemoryLayers.Sink();
        List<String> logged = new ArrayList<>();
        BatchedKMeansResult result = new BatchedKMeansJob(logged::add, null).execute(
                params("dynamicAttributes", "reservoir", "k", "3", "keepAttributes", "truth"), source, sink, RunMonitor.NONE, null);
        List<Object[]> rows = sink.published.get("pts_clusters");
        int[] truth = new int[ROWS - 1];
        int[] labels = new int[ROWS - 1];
        int at = 0;
        for (int i = 0; i < ROWS; i++) {
            Object[] row = rows.get(i);
            if (i == EMPTY) {
                assertEquals(TrainTestSplit.MISSING, (byte) row[2], "an empty series is a missing row");
                continue;
            }
            truth[at] = (Integer) row[3];
            labels[at++] = (Integer) row[1];
        }
        double ari = AdjustedRandIndex.of(truth, labels);
        assertTrue(ari > 0.9, "ARI " + ari);

        JsonNode gaps = new ObjectMapper().readTree(result.summary()).get("reservoir").get("gaps");
        assertEquals(ROWS, gaps.get("series").asLong());
        assertEquals(1, gaps.get("seriesWithGaps").asLong());
        assertEquals(3, gaps.get("interpolatedValues").asLong());
        assertEquals(1, gaps.get("emptySeries").asLong());
        assertEquals(Integer.toString(EMPTY + 1), gaps.get("firstEmptySeries").asText());
        assertTrue(logged.stream().anyMatch(l -> l.contains("1 series have fewer than two valid values (first: feature 7)")),
                String.join("\n", logged));
    }

    @Test
    void aMissedAcquisitionIsPutBackOnTheGridAndReported() throws IOException {
        List<String> dated = new ArrayList<>(dates(20, false));
        String missed = dated.remove(9);
        MemoryLayers.Source source = layer(dated, false, null);
        BatchedKMeansResult result = new BatchedKMeansJob(s -> { }, null).execute(
                params("dynamicAttributes", "reservoir", "k", "3"), source, new MemoryLayers.Sink(), RunMonitor.NONE, null);
        JsonNode grid = new ObjectMapper().readTree(result.summary()).get("reservoir").get("grid");
        assertEquals(19, grid.get("dates").asInt());
        assertEquals(20, grid.get("points").asInt(), "the 12-day repeat is restored, " + missed + " included");
        assertEquals(12.0, grid.get("stepDays").asDouble());
        assertEquals(1, grid.get("irregularIntervals").asInt());
        assertEquals(24, grid.get("longestIntervalDays").asInt());
    }

    @Test
    void tooFewDatesAreRefusedBeforeReading() {
        MemoryLayers.Source source = layer(dates(9, false), false, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchedKMeansJob(s -> { }, null)
                .execute(params("dynamicAttributes", "reservoir"), source, new MemoryLayers.Sink(), RunMonitor.NONE, null));
        assertTrue(e.getMessage().startsWith("dynamicAttributes") && e.getMessage().contains("at least 10")
                && e.getMessage().contains("has 9"), e.getMessage());
        assertEquals(0, source.opened);
    }

    @Test
    void datedColumnsOutOfOrderAreRefusedBeforeReading() {
        MemoryLayers.Source source = layer(dates(12, true), false, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchedKMeansJob(s -> { }, null)
                .execute(params("dynamicAttributes", "reservoir"), source, new MemoryLayers.Sink(), RunMonitor.NONE, null));
        assertTrue(e.getMessage().contains("not in date order") && e.getMessage().contains("'20200208' comes after column '20200220'"), e.getMessage());
        assertEquals(0, source.opened);
    }

    @Test
    void aLayerOfEmptySeriesIsRefused() {
        MemoryLayers.Source source = layer(dates(12, false), true, null);
        MemoryLayers.Sink sink = new MemoryLayers.Sink();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchedKMeansJob(s -> { }, null)
                .execute(params("dynamicAttributes", "reservoir", "staticAttributes", "height"), source, sink, RunMonitor.NONE, null));
        assertTrue(e.getMessage().contains("600 of 600 series are empty"), e.getMessage());
        assertTrue(sink.published.isEmpty());
    }

    @Test
    void embeddingFeaturesCannotBeKept() {
        MemoryLayers.Source source = layer(dates(12, false), false, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchedKMeansJob(s -> { }, null)
                .execute(params("dynamicAttributes", "reservoir", "keepAttributes", "res_2"), source, new MemoryLayers.Sink(),
                        RunMonitor.NONE, null));
        assertTrue(e.getMessage().startsWith("keepAttributes: 'res_2'"), e.getMessage());
        assertEquals(0, source.opened);
    }

    @Test
    void anAttributeNamedLikeAnEmbeddingColumnIsRefused() {
        MemoryLayers.Source source = layer(dates(12, false), false, "res_3");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchedKMeansJob(s -> { }, null)
                .execute(params("dynamicAttributes", "reservoir"), source, new MemoryLayers.Sink(), RunMonitor.NONE, null));
        assertTrue(e.getMessage().contains("'res_3'"), e.getMessage());
    }

    @Test
    void reservoirInputsAreDeclaredWithRanges() {
        List<String> names = BatchedKMeansParameters.PARAMETERS.stream().map(ProcessParameter::name).toList();
        assertTrue(names.containsAll(List.of("reservoirSize", "spectralRadius", "leakRate", "inputScaling",
                "reservoirConnectivity", "embeddingDimension", "ridge", "washout", "reservoirSeed")), names.toString());
        assertTrue(SmoothedKMeansParameters.PARAMETERS.containsAll(ReservoirParameters.PARAMETERS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> params("spectralRadius", "3"));
        assertTrue(e.getMessage().startsWith("spectralRadius must be between"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> params("reservoirSize", "8", "embeddingDimension", "9"));
        assertTrue(e.getMessage().startsWith("embeddingDimension"), e.getMessage());
        assertEquals(42, params("seed", "42").reservoir().seed(), "the reservoir follows the seed input by default");
        assertEquals(7, params("seed", "42", "reservoirSeed", "7").reservoir().seed());
        assertTrue(Arrays.asList(0.9, 0.6).contains(params().reservoir().spectralRadius()));
    }
}
