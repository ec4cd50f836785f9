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
import io.geocluster.plugin.spi.RasterWriter;
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

    /**
     * A scene: {@code bands × width × height} values, band-major, and a validity flag per pixel.
     * Reading the bands that were asked for returns them in the order asked.
     */
    record Grid(String name, int width, int height, List<String> bandNames, float[][] bands, boolean[] valid) {
    }

    /** Published label rasters of one transaction and their style. */
    record Rasters(Map<String, byte[]> labels, String styleName, String sld) {
    }

    /** A published result: cluster label by source id, and its style. */
    record Result(Map<Long, Integer> labels, String sld) {
    }

    final Map<String, Points> layers = new LinkedHashMap<>();
    final Map<String, Result> published = new LinkedHashMap<>();
    final Map<String, Grid> scenes = new LinkedHashMap<>();
    final List<Rasters> publishedRasters = new ArrayList<>();
    final List<String> closedScenes = new ArrayList<>();
    final List<Path> scratchDirectories = new ArrayList<>();
    final Path scratchRoot;
    /** The files Spark reads for layers that have one ({@code engine=spark}). */
    final Map<String, String> sparkInputs = new LinkedHashMap<>();
    int discarded;

    MemoryCatalog(Path scratchRoot) {
        this.scratchRoot = scratchRoot;
    }

    /** Registers a layer under its catalog name, e.g. {@code insar:points} for a type named {@code points}. */
    void add(String catalogName, Points layer) {
        layers.put(catalogName, layer);
    }

    @Override
    public String sparkInput(String layer) throws IOException {
        String file = sparkInputs.get(layer);
        return file != null ? file : LayerCatalog.super.sparkInput(layer);
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
        Grid grid = scenes.get(scene);
        if (grid == null) {
            throw new IllegalArgumentException("scenes: no coverage named '" + scene + "' in the catalog.");
        }
        int[] index = new int[bands.size()];
        for (int b = 0; b < index.length; b++) {
            index[b] = grid.bandNames().indexOf(bands.get(b));
            if (index[b] < 0) {
                throw new IllegalArgumentException("bands: coverage '" + scene + "' has no band " + bands.get(b)
                        + "; its bands are " + grid.bandNames() + ".");
            }
        }
        return new Scene(grid, bands, index);
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
        String prefix = (workspace == null ? "default" : workspace) + ":";
        return new RasterSink() {
            @Override
            public void checkWritable(List<String> layerNames) {
            }

            @Override
            public RasterWriter create() {
                Map<String, byte[]> labels = new LinkedHashMap<>();
                String[] style = new String[2];
                return new RasterWriter() {
                    boolean committed;

                    @Override
                    public void write(String layerName, SceneSource scene, byte[] raster) {
                        labels.put(prefix + layerName, raster.clone());
                    }

                    @Override
                    public void style(String styleName, String sld) {
                        style[0] = styleName;
                        style[1] = sld;
                    }

                    @Override
                    public List<PublishedLayer> commit() {
                        committed = true;
                        publishedRasters.add(new Rasters(labels, style[0], style[1]));
                        return labels.keySet().stream().map(n -> new PublishedLayer(n, "memory:" + n, "memory:" + style[0],
                                labels.get(n).length)).toList();
                    }

                    @Override
                    public void close() {
                        if (!committed) {
                            discarded++;
                        }
                    }
                };
            }
        };
    }

    /** Reads the asked bands of a {@link Grid}, pixel-major. */
    private final class Scene implements SceneSource {
        private final Grid grid;
        private final List<String> bands;
        private final int[] index;

        Scene(Grid grid, List<String> bands, int[] index) {
            this.grid = grid;
            this.bands = bands;
            this.index = index;
        }

        @Override
        public String name() {
            return grid.name();
        }

        @Override
        public int width() {
            return grid.width();
        }

        @Override
        public int height() {
            return grid.height();
        }

        @Override
        public List<String> bands() {
            return bands;
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
            int count = 0;
            int first = firstRow * grid.width();
            for (int p = 0, n = rowCount * grid.width(); p < n; p++) {
                valid[p] = grid.valid()[first + p];
                count += valid[p] ? 1 : 0;
                for (int b = 0; b < index.length; b++) {
                    values[p * index.length + b] = grid.bands()[index[b]][first + p];
                }
            }
            return count;
        }

        @Override
        public void close() {
            closedScenes.add(grid.name());
        }
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
