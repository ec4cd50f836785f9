package io.geocluster.engine.stats;

import java.util.HashMap;
import java.util.Map;

/**
 * The adjusted Rand index (Hubert and Arabie 1985) between two labellings of the same rows:
 * 1 for identical partitions up to renaming, about 0 for independent ones.
 *
 * <p><b>Algorithm:</b> contingency table of label pairs, then
 * {@code (Σ C(n_ij,2) − E) / (½(Σ C(a_i,2) + Σ C(b_j,2)) − E)} with
 * {@code E = Σ C(a_i,2)·Σ C(b_j,2) / C(n,2)}. Memory is the number of distinct label pairs.
 */
public final class AdjustedRandIndex {
    private final Map<Long, long[]> pairs = new HashMap<>();
    private final Map<Integer, long[]> rowsA = new HashMap<>();
    private final Map<Integer, long[]> rowsB = new HashMap<>();
    private long n;

    /** Adds one row labelled {@code a} in the first labelling and {@code b} in the second. */
    public void add(int a, int b) {
        pairs.computeIfAbsent(((long) a << 32) | (b & 0xFFFFFFFFL), key -> new long[1])[0]++;
        rowsA.computeIfAbsent(a, key -> new long[1])[0]++;
        rowsB.computeIfAbsent(b, key -> new long[1])[0]++;
        n++;
    }

    /** The index over the rows added so far; 1 when both labellings are trivial. */
    public double value() {
        double index = 0;
        for (long[] c : pairs.values()) {
            index += choose2(c[0]);
        }
        double sumA = 0;
        for (long[] c : rowsA.values()) {
            sumA += choose2(c[0]);
        }
        double sumB = 0;
        for (long[] c : rowsB.values()) {
            sumB += choose2(c[0]);
        }
        double expected = n < 2 ? 0 : sumA * sumB / choose2(n);
        double max = 0.5 * (sumA + sumB);
        if (max == expected) {
            return 1;
        }
        return (index - expected) / (max - expected);
    }

    /** The index of two label arrays of equal length. */
    public static double of(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("labellings differ in length");
        }
        AdjustedRandIndex ari = new AdjustedRandIndex();
        for (int i = 0; i < a.length; i++) {
            ari.add(a[i], b[i]);
        }
        return ari.value();
    }

    private static double choose2(long m) {
        return m * (m - 1) / 2.0;
    }
}
