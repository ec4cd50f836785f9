package io.geocluster.host.io;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerCursor;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.sf.Geometry;
import mil.nga.sf.Point;

/**
 * One pass over a GeoPackage point table: a forward-only result set whose columns are the primary
 * key, the geometry, the numeric attributes and the kept attributes, in that order.
 *
 * <p>The batch arrays are allocated once and refilled by every call to {@link #next()}.
 */
final class GeoPackageCursor implements LayerCursor {
    private static final int FIRST_NUMERIC = 3;

    private final Path file;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final int columns;
    private final AttributeType[] keptTypes;
    private final float[] values;
    private final long[] ids;
    private final double[] x;
    private final double[] y;
    private final KeptColumns kept;
    private boolean exhausted;
    private boolean closed;

    GeoPackageCursor(Connection connection, String query, int columns, AttributeType[] keptTypes, int batchRows,
            Path file) throws IOException {
        this.file = file;
        this.columns = columns;
        this.keptTypes = keptTypes;
        this.values = new float[Math.multiplyExact(batchRows, Math.max(columns, 1))];
        this.ids = new long[batchRows];
        this.x = new double[batchRows];
        this.y = new double[batchRows];
        this.kept = new KeptColumns(keptTypes.length, batchRows);
        PreparedStatement s = null;
        try {
            s = connection.prepareStatement(query, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            s.setFetchSize(batchRows);
            this.rows = s.executeQuery();
            this.statement = s;
        } catch (SQLException e) {
            closeQuietly(s);
            throw new IOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FeatureBatch next() throws IOException {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        if (exhausted) {
            return null;
        }
        int n = 0;
        try {
            int capacity = ids.length;
            int firstKept = FIRST_NUMERIC + columns;
            while (n < capacity && rows.next()) {
                ids[n] = rows.getLong(1);
                readPoint(rows.getBytes(2), n);
                int offset = n * columns;
                for (int c = 0; c < columns; c++) {
                    double v = rows.getDouble(FIRST_NUMERIC + c);
                    // getDouble gives 0 for NULL; asking wasNull only then saves a native call per value
                    if (v == 0.0 && rows.wasNull()) {
                        v = Double.NaN;
                    }
                    values[offset + c] = (float) v;
                }
                for (int k = 0; k < keptTypes.length; k++) {
                    kept.set(n, k, keptValue(firstKept + k, keptTypes[k]));
                }
                n++;
            }
        } catch (SQLException e) {
            throw new IOException("Cannot read " + file + " after " + n + " rows of a batch: " + e.getMessage(), e);
        }
        if (n < ids.length) {
            exhausted = true;
        }
        kept.setRows(n);
        return n == 0 ? null : new FeatureBatch(n, columns, values, ids, x, y);
    }

    @Override
    public Object kept(int row, int column) {
        return kept.kept(row, column);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
            statement.close();
        } catch (SQLException e) {
            throw new IOException("Cannot close a pass over " + file + ": " + e.getMessage(), e);
        }
    }

    private void readPoint(byte[] blob, int row) throws IOException {
        double px = Double.NaN;
        double py = Double.NaN;
        if (blob != null && blob.length > 0) {
            GeoPackageGeometryData data = GeoPackageGeometryData.create(blob);
            Geometry geometry = data.isEmpty() ? null : data.getGeometry();
            if (geometry instanceof Point) {
                Point p = (Point) geometry;
                px = p.getX();
                py = p.getY();
            } else if (geometry != null) {
                throw new IOException("Feature " + ids[row] + " of " + file + " has a " + geometry.getGeometryType()
                        + " geometry; only points can be read");
            }
        }
        x[row] = px;
        y[row] = py;
    }

    private Object keptValue(int column, AttributeType type) throws SQLException {
        switch (type) {
            case INTEGER: {
                long v = rows.getLong(column);
                return v == 0 && rows.wasNull() ? null : Long.valueOf(v);
            }
            case REAL: {
                double v = rows.getDouble(column);
                return v == 0.0 && rows.wasNull() ? null : Double.valueOf(v);
            }
            default:
                return rows.getString(column);
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // reporting the failure that made us close matters more
            }
        }
    }
}
