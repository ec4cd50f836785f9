package io.geocluster.plugin.process;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.KeptValues;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerSource;
import io.geocluster.plugin.spi.LayerStream;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import io.geocluster.plugin.spi.PublishedLayer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** In-memory layer source and sink for process tests. */
final class MemoryLayers {
    private MemoryLayers() {
    }

    /** A layer of rows held as maps of attribute values. */
    static final class Source implements LayerSource {
        final LayerSchema schema;
        final List<Map<String, Object>> rows;
        int opened;

        Source(LayerSchema schema, List<Map<String, Object>> rows) {
            this.schema = schema;
            this.rows = rows;
        }

        @Override
        public LayerSchema schema() {
            return schema;
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
                    opened++;
                    return new LayerCursor() {
                        int next;
                        int from;

                        @Override
                        public FeatureBatch next() {
                            if (next >= rows.size()) {
                                return null;
                            }
                            from = next;
                            int n = Math.min(97, rows.size() - from);
                            next += n;
                            float[] v = new float[n * numeric.size()];
                            long[] ids = new long[n];
                            double[] x = new double[n];
                            double[] y = new double[n];
                            for (int i = 0; i < n; i++) {
                                Map<String, Object> row = rows.get(from + i);
                                ids[i] = ((Number) row.get("fid")).longValue();
                                x[i] = i;
                                y[i] = -i;
                                for (int j = 0; j < numeric.size(); j++) {
                                    Object o = row.get(numeric.get(j));
                                    v[i * numeric.size() + j] = o == null ? Float.NaN : ((Number) o).floatValue();
                                }
                            }
                            return new FeatureBatch(n, numeric.size(), v, ids, x, y);
                        }

                        @Override
                        public Object kept(int row, int column) {
                            return rows.get(from + row).get(kept.get(column));
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
            };
        }

        @Override
        public void close() {
        }
    }

    /** Collects written rows; publishes into a map, or fails after {@code failAfter} rows. */
    static final class Sink implements LayerSink {
        final Map<String, List<Object[]>> published = new HashMap<>();
        final Map<String, String> styles = new HashMap<>();
        long failAfter = Long.MAX_VALUE;
        int discarded;

        @Override
        public void checkWritable(String name) throws IOException {
            if (published.containsKey(name)) {
                throw new IOException(name + " already exists");
            }
        }

        @Override
        public LayerWriter create(OutputLayer layer) {
            List<Object[]> rows = new ArrayList<>();
            return new LayerWriter() {
                boolean committed;

                @Override
                public void write(FeatureBatch b, int[] labels, byte[] split, KeptValues kept) throws IOException {
                    for (int i = 0; i < b.size(); i++) {
                        if (rows.size() >= failAfter) {
                            throw new IOException("disk full");
                        }
                        Object[] row = new Object[3 + layer.kept().size()];
                        row[0] = b.ids()[i];
                        row[1] = labels[i];
                        row[2] = split[i];
                        for (int j = 0; j < layer.kept().size(); j++) {
                            row[3 + j] = kept.kept(i, j);
                        }
                        rows.add(row);
                    }
                }

                @Override
                public PublishedLayer commit(String sld) {
                    committed = true;
                    published.put(layer.name(), rows);
                    styles.put(layer.name(), sld);
                    return new PublishedLayer(layer.name(), "memory:" + layer.name(), "memory:" + layer.name() + ".sld", rows.size());
                }

                @Override
                public void close() {
                    if (!committed) {
                        discarded++;
                    }
                }
            };
        }
    }

    static LayerSchema schema(List<AttributeInfo> attributes) {
        return new LayerSchema("pts", new AttributeInfo("fid", io.geocluster.plugin.spi.AttributeType.INTEGER), attributes, "EPSG:3035", -1);
    }
}
