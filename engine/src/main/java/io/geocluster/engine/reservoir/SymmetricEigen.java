package io.geocluster.engine.reservoir;

import java.util.Arrays;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix, sorted by decreasing eigenvalue.
 *
 * <p><b>Algorithm:</b> cyclic Jacobi rotations (Jacobi 1846; the rotation formulas of Rutishauser,
 * as in Numerical Recipes §11.1) until the off-diagonal mass is below 1e−13 of the Frobenius norm
 * squared or 60 sweeps. Eigenvector signs are fixed so that each vector's largest component is
 * positive, which makes results independent of the rotation order.
 *
 * <p><b>Accuracy:</b> eigenvalues to a small multiple of ε·‖A‖, with high relative accuracy for
 * the small ones too. <b>Cost:</b> about 8 sweeps of 4n³ flops for the state covariances here.
 *
 * @param values eigenvalues, decreasing
 * @param vectors row-major n × n matrix whose row k is the unit eigenvector of {@code values[k]}
 */
public record SymmetricEigen(double[] values, double[] vectors) {
    /**
     * Decomposes a symmetric matrix.
     *
     * @param matrix row-major n × n values; only symmetric input is meaningful; not modified
     */
    public static SymmetricEigen of(double[] matrix, int n) {
        double[] a = Arrays.copyOf(matrix, n * n);
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        double total = 0;
        for (double x : a) {
            total += x * x;
        }
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p * n + q] * a[p * n + q];
                }
            }
            if (off <= 1e-26 * total || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    // A ← Pᵀ A P with P the rotation in the (p, q) plane; V ← V P.
                    for (int k = 0; k < n; k++) {
                        double akp = a[k * n + p];
                        double akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p * n + k];
                        double aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k * n + p];
                        double vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = a[i * n + i];
        }
        Arrays.sort(order, (x, y) -> Double.compare(diagonal[y], diagonal[x]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int k = 0; k < n; k++) {
            int col = order[k];
            values[k] = diagonal[col];
            int largest = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(v[i * n + col]) > Math.abs(v[largest * n + col])) {
                    largest = i;
                }
            }
            double sign = v[largest * n + col] < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) {
                vectors[k * n + i] = sign * v[i * n + col];
            }
        }
        return new SymmetricEigen(values, vectors);
    }
}
