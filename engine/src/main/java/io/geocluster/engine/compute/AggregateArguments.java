package io.geocluster.engine.compute;

/**
 * The argument checks of {@link ComputeBackend#aggregate}, shared by the backends so that every
 * backend refuses the same calls with the same messages.
 */
final class AggregateArguments {
    private AggregateArguments() {
    }

    /**
     * Checks the arguments of one {@code aggregate} call.
     *
     * @throws IllegalArgumentException as {@link ComputeBackend#aggregate} documents
     */
    static void check(int[] offsets, int[] targets, float[] weights, int rowFrom, int rowTo, float[] x, int d,
                      float[] out) {
        if (d < 1) {
            throw new IllegalArgumentException("d must be at least 1, got " + d);
        }
        if (rowFrom < 0 || rowFrom > rowTo || rowTo >= offsets.length) {
            throw new IllegalArgumentException("row range [" + rowFrom + ", " + rowTo + ") is not within the "
                    + (offsets.length - 1) + " rows that offsets describes");
        }
        int rows = rowTo - rowFrom;
        if (rows == 0) {
            return;
        }
        int edge0 = offsets[rowFrom];
        int edgeEnd = offsets[rowTo];
        if (edge0 < 0 || edgeEnd > targets.length || edgeEnd > weights.length) {
            throw new IllegalArgumentException("edges [" + edge0 + ", " + edgeEnd + ") of rows [" + rowFrom
                    + ", " + rowTo + ") exceed targets (" + targets.length + ") or weights (" + weights.length + ")");
        }
        if ((long) rows * d > out.length) {
            throw new IllegalArgumentException("out holds " + out.length + " values, " + rows + " rows × " + d
                    + " need " + (long) rows * d);
        }
        if (out == x) {
            throw new IllegalArgumentException("out must not be x: rows are read while others are written");
        }
    }
}
