package io.geocluster.engine;

import java.util.Arrays;

/**
 * A {@link BatchStream} over rows already in memory, cut into batches of a fixed size: for tests,
 * benchmarks and inputs small enough to hold.
 */
public final class ArrayBatchStream implements BatchStream {
    private final float[] values;
    private final long[] ids;
    private final double[] x;
    private final double[] y;
    private final int rows;
    private final int columns;
    private final int batchRows;

    /**
     * @param values row-major values, {@code rows × columns}
     * @param ids one id per row
     * @param x x coordinates or {@code null}
     * @param y y coordinates or {@code null}
     * @param batchRows rows per batch
     */
    public ArrayBatchStream(float[] values, int columns, long[] ids, double[] x, double[] y, int batchRows) {
        if (columns < 1 || values.length % columns != 0 || values.length / columns != ids.length || batchRows < 1) {
            throw new IllegalArgumentException("inconsistent array sizes");
        }
        this.values = values;
        this.ids = ids;
        this.x = x;
        this.y = y;
        this.rows = ids.length;
        this.columns = columns;
        this.batchRows = batchRows;
    }

    /** Rows numbered 0..n-1, no coordinates. */
    public static ArrayBatchStream of(float[] values, int columns, int batchRows) {
        long[] ids = new long[values.length / columns];
        Arrays.setAll(ids, i -> i);
        return new ArrayBatchStream(values, columns, ids, null, null, batchRows);
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public long sizeHint() {
        return rows;
    }

    @Override
    public BatchCursor open() {
        return new BatchCursor() {
            private int next;

            @Override
            public FeatureBatch next() {
                if (next >= rows) {
                    return null;
                }
                int from = next;
                int to = Math.min(rows, from + batchRows);
                next = to;
                return new FeatureBatch(to - from, columns,
                        Arrays.copyOfRange(values, from * columns, to * columns),
                        Arrays.copyOfRange(ids, from, to),
                        x == null ? null : Arrays.copyOfRange(x, from, to),
                        y == null ? null : Arrays.copyOfRange(y, from, to));
            }

            @Override
            public void close() {
            }
        };
    }
}
