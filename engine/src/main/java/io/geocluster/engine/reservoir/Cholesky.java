package io.geocluster.engine.reservoir;

/**
 * Solves symmetric positive definite systems by Cholesky factorisation: the per-series ridge
 * normal equations, D × D with D right-hand sides.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * Solves A·X = B, overwriting A with its Cholesky factor and B with X.
     *
     * @param a row-major n × n symmetric positive definite matrix
     * @param b row-major n × m right-hand sides
     * @throws ArithmeticException when A is not positive definite
     */
    static void solveInPlace(double[] a, double[] b, int n, int m) {
        for (int j = 0; j < n; j++) {
            double diag = a[j * n + j];
            for (int k = 0; k < j; k++) {
                diag -= a[j * n + k] * a[j * n + k];
            }
            if (!(diag > 0)) {
                throw new ArithmeticException("matrix is not positive definite (pivot " + j + " = " + diag + ")");
            }
            double l = Math.sqrt(diag);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / l;
            }
        }
        // L·Y = B, then Lᵀ·X = Y, column block by column block.
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i; k++) {
                double lik = a[i * n + k];
                for (int col = 0; col < m; col++) {
                    b[i * m + col] -= lik * b[k * m + col];
                }
            }
            double lii = a[i * n + i];
            for (int col = 0; col < m; col++) {
                b[i * m + col] /= lii;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            for (int k = i + 1; k < n; k++) {
                double lki = a[k * n + i];
                for (int col = 0; col < m; col++) {
                    b[i * m + col] -= lki * b[k * m + col];
                }
            }
            double lii = a[i * n + i];
            for (int col = 0; col < m; col++) {
                b[i * m + col] /= lii;
            }
        }
    }
}
