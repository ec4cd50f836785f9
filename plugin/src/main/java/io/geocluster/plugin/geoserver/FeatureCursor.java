package io.geocluster.plugin.geoserver;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.StableHash;
import io.geocluster.plugin.spi.LayerCursor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.feature.FeatureIterator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * One pass over a GeoServer feature iterator, {@value #BATCH_ROWS} features per batch.
 *
 * <p>The batch arrays and the kept-value table are reused from batch to batch, as
 * {@link FeatureBatch} allows. {@link #close()} closes the iterator exactly once, which releases
 * the database connection or file handle the store holds for it.
 *
 * <p><b>Thread safety:</b> none; one thread reads a pass.
 */
final class FeatureCursor implements LayerCursor {
    /** Features per batch: large enough to amortise the per-batch work of the processes. */
    static final int BATCH_ROWS = 4096;

    private final FeatureIterator<SimpleFeature> iterator;
    private final String[] numeric;
    private final String[] kept;
    private final boolean[] keptIsId;
    private final float[] values;
    private final long[] ids = new long[BATCH_ROWS];
    private final double[] x = new double[BATCH_ROWS];
    private final double[] y = new double[BATCH_ROWS];
    private final Object[] keptValues;
    private boolean closed;

    FeatureCursor(FeatureIterator<SimpleFeature> iterator, String[] numeric, String[] kept, boolean[] keptIsId) {
        this.iterator = iterator;
        this.numeric = numeric;
        this.kept = kept;
        this.keptIsId = keptIsId;
        this.values = new float[BATCH_ROWS * numeric.length];
        this.keptValues = new Object[BATCH_ROWS * kept.length];
    }

    @Override
    public FeatureBatch next() {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        int d = numeric.length;
        int n = 0;
        while (n < BATCH_ROWS && iterator.hasNext()) {
            SimpleFeature f = iterator.next();
            String fid = f.getID();
            ids[n] = StableHash.of(fid);
            for (int j = 0; j < d; j++) {
                values[n * d + j] = number(f.getAttribute(numeric[j]));
            }
            for (int k = 0; k < kept.length; k++) {
                keptValues[n * kept.length + k] = keptIsId[k] ? fid : keptValue(f.getAttribute(kept[k]));
            }
            location(f.getDefaultGeometry(), n);
            n++;
        }
        if (n == 0) {
            return null;
        }
        if (n < BATCH_ROWS) {
            // The last batch: drop references to the previous batch's kept values.
            Arrays.fill(keptValues, n * kept.length, keptValues.length, null);
        }
        return new FeatureBatch(n, d, values, ids, x, y);
    }

    private void location(Object geometry, int row) {
        Point point = null;
        if (geometry instanceof Point p) {
            point = p;
        } else if (geometry instanceof Geometry g && !g.isEmpty()) {
            point = g.getInteriorPoint();
        }
        if (point == null || point.isEmpty()) {
            x[row] = Double.NaN;
            y[row] = Double.NaN;
        } else {
            x[row] = point.getX();
            y[row] = point.getY();
        }
    }

    /** A numeric attribute value as float32; NULL (and anything not a number) is NaN. */
    private static float number(Object value) {
        return value instanceof Number number ? number.floatValue() : Float.NaN;
    }

    /** A kept value as the SPI wants it: {@code Long}, {@code Double}, {@code String} or {@code null}. */
    static Object keptValue(Object value) {
        if (value == null || value instanceof Long || value instanceof Double || value instanceof String) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        return value.toString();
    }

    @Override
    public Object kept(int row, int column) {
        return keptValues[row * kept.length + column];
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            iterator.close();
        }
    }
}
