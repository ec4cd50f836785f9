package io.geocluster.engine.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Jacobi against a matrix built from known eigenvalues and vectors. */
class SymmetricEigenTest {
    @Test
    void recoversAHouseholderConjugatedDiagonal() {
        // A = H·diag(λ)·H with the reflector H = I − 2uuᵀ/uᵀu: eigenvalues λ, eigenvectors the columns of H.
        int n = 6;
        double[] lambda = {5, -1, 3, 0.5, 2, 0.001};
        double[] u = {1, 2, -1, 0.5, 3, -2};
        double uu = 0;
        for (double x : u) {
            uu += x * x;
        }
        double[] h = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i * n + j] = (i == j ? 1 : 0) - 2 * u[i] * u[j] / uu;
            }
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += h[i * n + k] * lambda[k] * h[k * n + j];
                }
                a[i * n + j] = s;
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a, n);
        double[] expected = {5, 3, 2, 0.5, 0.001, -1};
        int[] column = {0, 2, 4, 3, 5, 1};
        for (int k = 0; k < n; k++) {
            assertEquals(expected[k], e.values()[k], 1e-12);
            // Same vector as column `column[k]` of H, up to sign.
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += e.vectors()[k * n + i] * h[i * n + column[k]];
            }
            assertEquals(1, Math.abs(dot), 1e-12);
        }
        // The sign rule: the largest component of each vector is positive.
        for (int k = 0; k < n; k++) {
            double largest = 0;
            for (int i = 0; i < n; i++) {
                double v = e.vectors()[k * n + i];
                if (Math.abs(v) > Math.abs(largest)) {
                    largest = v;
                }
            }
            assertTrue(largest > 0);
        }
    }
}
