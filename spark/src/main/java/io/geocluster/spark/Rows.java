package io.geocluster.spark;

import io.geocluster.engine.StableHash;
import io.geocluster.engine.kmeans.BatchedKMeans;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reading feature values and ids out of Spark rows. */
final class Rows {
    private Rows() {
    }

    /** Column positions of the named columns, failing with the missing name. */
    static int[] indices(Dataset<Row> data, List<String> names) {
        String[] columns = data.columns();
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = -1;
            for (int c = 0; c < columns.length; c++) {
                if (columns[c].equals(names.get(i))) {
                    out[i] = c;
                    break;
                }
            }
            if (out[i] < 0) {
                throw new IllegalArgumentException("Column '" + names.get(i) + "' is not in the input; it has "
                        + String.join(", ", columns));
            }
        }
        return out;
    }

    /** The value of column {@code c} as a float; null or unparsable text is NaN. */
    static float value(Row row, int c) {
        Object o = row.get(c);
        if (o instanceof Number n) {
            return n.floatValue();
        }
        if (o == null) {
            return Float.NaN;
        }
        try {
            return Float.parseFloat(o.toString().trim());
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }

    /** Reads the feature columns of one row into {@code out} at {@code offset}. */
    static void features(Row row, int[] columns, float[] out, int offset) {
        for (int j = 0; j < columns.length; j++) {
            out[offset + j] = value(row, columns[j]);
        }
    }

    /** The numeric id of a row: an integral id as is, any other value by its stable string hash. */
    static long id(Row row, int c) {
        Object o = row.get(c);
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        return o == null ? 0 : StableHash.of(o.toString());
    }

    /** Whether every feature value in {@code v[offset, offset+d)} is NaN (the engine's rule). */
    static boolean allMissing(float[] v, int offset, int d) {
        return BatchedKMeans.allMissing(v, offset, d);
    }

    /** Index of the nearest live centre (NaN centres are skipped) and its squared distance. */
    static int nearest(float[] x, int offset, int d, float[] centres, int k, double[] distance) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            int base = c * d;
            if (centres[base] != centres[base]) {
                continue;
            }
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = x[offset + j] - centres[base + j];
                s += t * t;
            }
            if (s < bestD) {
                bestD = s;
                best = c;
            }
        }
        if (distance != null) {
            distance[0] = bestD;
        }
        return best;
    }
}
