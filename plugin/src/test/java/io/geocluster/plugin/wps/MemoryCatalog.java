package io.geocluster.plugin.wps;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.plugin.raster.QaMask;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.KeptValues;
import io.geocluster.plugin.spi.LayerCatalog;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerSource;
import io.geocluster.plugin.spi.LayerStream;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import io.geocluster.plugin.spi.PublishedLayer;
import io.geocluster.plugin.spi.RasterSink;
import io.geocluster.plugin.spi.SceneSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory catalog for the WPS tests: point layers held column by column, results published
 * into a map (workspace:name → labels by id), scratch folders under a test folder.
 */
final class MemoryCatalog implements LayerCatalog {
    /** A point layer: ids, coordinates and one array of values per attribute. */
    record Points(String name, long[] ids, double[] x, double[] y, Map<String, double[]> numbers, Map<String, String[]> texts) {
        LayerSchema schema() {
            List<AttributeInfo> attributes = new ArrayList<>();
            numbers.keySet().forEach(a -> attributes.add(new AttributeInfo(a, AttributeType.REAL)));
            texts.keySet().forEach(a -> attributes.add(new AttributeInfo(a, AttributeType.TEXT)));
            return new LayerSchema(name, new AttributeInfo("fid", AttributeType.INTEGER), attributes, "EPSG:3035", ids.length);
        }
    }

    /** A published result: cluster label by source id, and its style. */
    record Result(Map<Long, Integer> labels, String sld) {
    }

    final Map<String, Points> layers = new LinkedHashMap<>();
    final Map<String, Result> published = new LinkedHashMap<>();
    final List<Path> scratchDirectories = new ArrayList<>();
    final Path scratchRoot;
    int discarded;

    MemoryCatalog(Path scratchRoot) {
        this.scratchRoot = scratchRoot;
    }

    /** Registers a layer under its catalog name, e.g. {@code insar:points} for a type named {@code points}. */
    void add(String catalogName, Points layer) {
        layers.put(catalogName, layer);
    }

    @Override
    public LayerSource openPoints(String layer) {
        Points points = layers.get(layer);
        if (points == null) {
            throw new IllegalArgumentException("layer: no point layer named '" + layer + "' in the catalog.");
        }
        return new Source(points);
    }

    @Override
    public SceneSource openScene(String scene, List<String> bands, QaMask mask) {
        throw new IllegalArgumentException("scenes: this test catalog holds no scene '" + scene + "'.");
    }

    @Override
    public LayerSink pointSink(String workspace) {
        String prefix = (workspace == null ? "default" : workspace) + ":";
        return new LayerSink() {
            @Override
            public void checkWritable(String layerName) throws IOException {
                if (published.containsKey(prefix + layerName)) {
                    throw new IOException("outputName: layer " + prefix + layerName + " already exists.");
                }
            }

            @Override
            public LayerWriter create(OutputLayer layer) {
                return new Writer(prefix + layer.name());
            }
        };
    }

    @Override
    public RasterSink rasterSink(String workspace) {
        throw new UnsupportedOperationException("no rasters in this test catalog");
    }

    @Override
    public Path createScratchDirectory() throws IOException {
        Path dir = Files.createTempDirectory(scratchRoot, "run");
        scratchDirectories.add(dir);
        return dir;
    }

    /** Collects labels by id and publishes them into the catalog on commit only. */
    private final class Writer implements LayerWriter {
        private final String name;
        private final Map<Long, Integer> labels = new LinkedHashMap<>();
        private boolean committed;

        Writer(String name) {
            this.name = name;
        }

        @Override
        public void write(FeatureBatch rows, int[] labelsOfRows, byte[] split, KeptValues kept) {
            for (int i = 0; i < rows.size(); i++) {
                labels.put(rows.ids()[i], labelsOfRows[i]);
            }
        }

        @Override
        public PublishedLayer commit(String sld) {
            committed = true;
            published.put(name, new Result(labels, sld));
            return new PublishedLayer(name, "memory:" + name, "memory:" + name + ".sld", labels.size());
        }

        @Override
        public void close() {
            if (!committed) {
                discarded++;
            }
        }
    }

    /** Reads a {@link Points} layer in batches of 100 rows. */
    private static final class Source implements LayerSource {
        private static final int BATCH = 100;
        private final Points points;

        Source(Points points) {
            this.points = points;
        }

        @Override
        public LayerSchema schema() {
            return points.schema();
        }

        @Override
        public LayerStream open(List<String> numeric, List<String> kept) {
            return new LayerStream() {
                @Override
                public int columns() {
                    return numeric.size();
                }

                @Override
                public LayerCursor open() {
                    return new Cursor(points, numeric, kept);
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private static final class Cursor implements LayerCursor {
        private final Points points;
        private final List<String> numeric;
        private final List<String> kept;
        private int start;
        private int end;

        Cursor(Points points, List<String> numeric, List<String> kept) {
            this.points = points;
            this.numeric = numeric;
            this.kept = kept;
        }

        @Override
        public FeatureBatch next() {
            start = end;
            if (start >= points.ids().length) {
                return null;
            }
            end = Math.min(points.ids().length, start + Source.BATCH);
            int n = end - start;
            int d = numeric.size();
            float[] values = new float[n * d];
            for (int j = 0; j < d; j++) {
                double[] column = points.numbers().get(numeric.get(j));
                for (int i = 0; i < n; i++) {
                    values[i * d + j] = (float) column[start + i];
                }
            }
            return new FeatureBatch(n, d, values, java.util.Arrays.copyOfRange(points.ids(), start, end),
                    java.util.Arrays.copyOfRange(points.x(), start, end), java.util.Arrays.copyOfRange(points.y(), start, end));
        }

        @Override
        public Object kept(int row, int column) {
            String attribute = kept.get(column);
            if (attribute.equals("fid")) {
                return points.ids()[start + row];
            }
            double[] number = points.numbers().get(attribute);
            return number != null ? (Object) number[start + row] : points.texts().get(attribute)[start + row];
        }

        @Override
        public void close() {
        }
    }
}
