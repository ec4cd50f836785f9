package io.geocluster.engine.reservoir;

/**
 * The spectral radius (largest eigenvalue modulus) of a real square matrix, from all its
 * eigenvalues.
 *
 * <p><b>Algorithm:</b> reduction to upper Hessenberg form by Householder similarity
 * transformations, then Francis double-shift QR iterations until the Hessenberg matrix is quasi
 * upper triangular (EISPACK {@code orthes} and {@code hqr}; this follows the public-domain JAMA
 * port of them, eigenvalues only). Power iteration is not used on purpose: the largest
 * eigenvalues of a random reservoir are a complex pair and lie close to others on the edge of
 * the circular-law disk, where power iteration oscillates or converges very slowly.
 *
 * <p><b>Accuracy:</b> backward stable; the radius is accurate to a few ulps of the matrix norm.
 * <b>Cost:</b> about 10·n³ flops, 0.01 s for n = 100 and about 1 s for n = 500.
 *
 * <p><b>Thread safety:</b> stateless.
 */
public final class SpectralRadius {
    private SpectralRadius() {
    }

    /**
     * Eigenvalues of a dense matrix.
     *
     * @param matrix row-major n × n values; not modified
     * @return {@code [real parts, imaginary parts]}, each of length n
     * @throws ArithmeticException when the QR iterations do not converge (not seen in practice)
     */
    public static double[][] eigenvalues(double[] matrix, int n) {
        if (matrix.length < (long) n * n) {
            throw new IllegalArgumentException("matrix holds " + matrix.length + " values, not " + n + " × " + n);
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(matrix, i * n, h[i], 0, n);
        }
        hessenberg(h);
        double[] re = new double[n];
        double[] im = new double[n];
        schur(h, re, im);
        return new double[][] {re, im};
    }

    /** The largest modulus of the eigenvalues of a dense row-major n × n matrix. */
    public static double of(double[] matrix, int n) {
        double[][] eig = eigenvalues(matrix, n);
        double radius = 0;
        for (int i = 0; i < n; i++) {
            radius = Math.max(radius, Math.hypot(eig[0][i], eig[1][i]));
        }
        return radius;
    }

    /** Orthogonal reduction to upper Hessenberg form, in place (EISPACK orthes). */
    private static void hessenberg(double[][] h) {
        int n = h.length;
        int high = n - 1;
        double[] ort = new double[n];
        for (int m = 1; m < high; m++) {
            double scale = 0;
            for (int i = m; i <= high; i++) {
                scale += Math.abs(h[i][m - 1]);
            }
            if (scale == 0) {
                continue;
            }
            double sum = 0;
            for (int i = high; i >= m; i--) {
                ort[i] = h[i][m - 1] / scale;
                sum += ort[i] * ort[i];
            }
            double g = Math.sqrt(sum);
            if (ort[m] > 0) {
                g = -g;
            }
            sum -= ort[m] * g;
            ort[m] -= g;
            // H = (I − u·uᵀ/sum) · H · (I − u·uᵀ/sum)
            for (int j = m; j < n; j++) {
                double f = 0;
                for (int i = high; i >= m; i--) {
                    f += ort[i] * h[i][j];
                }
                f /= sum;
                for (int i = m; i <= high; i++) {
                    h[i][j] -= f * ort[i];
                }
            }
            for (int i = 0; i <= high; i++) {
                double[] row = h[i];
                double f = 0;
                for (int j = high; j >= m; j--) {
                    f += ort[j] * row[j];
                }
                f /= sum;
                for (int j = m; j <= high; j++) {
                    row[j] -= f * ort[j];
                }
            }
            ort[m] = scale * ort[m];
            h[m][m - 1] = scale * g;
        }
    }

    /** Eigenvalues of an upper Hessenberg matrix by shifted QR, destroying it (EISPACK hqr). */
    private static void schur(double[][] h, double[] re, double[] im) {
        int nn = h.length;
        int n = nn - 1;
        final int low = 0;
        final double eps = Math.ulp(1.0);
        double exshift = 0;
        double p = 0;
        double q = 0;
        double r = 0;
        double s;
        double z = 0;
        double w;
        double x;
        double y;
        double norm = 0;
        for (int i = 0; i < nn; i++) {
            for (int j = Math.max(i - 1, 0); j < nn; j++) {
                norm += Math.abs(h[i][j]);
            }
        }
        int iter = 0;
        int total = 0;
        while (n >= low) {
            // Look for a single small sub-diagonal element.
            int l = n;
            while (l > low) {
                s = Math.abs(h[l - 1][l - 1]) + Math.abs(h[l][l]);
                if (s == 0) {
                    s = norm;
                }
                if (Math.abs(h[l][l - 1]) < eps * s) {
                    break;
                }
                l--;
            }
            if (l == n) {
                // One root found.
                re[n] = h[n][n] + exshift;
                im[n] = 0;
                n--;
                iter = 0;
            } else if (l == n - 1) {
                // Two roots found.
                w = h[n][n - 1] * h[n - 1][n];
                p = (h[n - 1][n - 1] - h[n][n]) / 2;
                q = p * p + w;
                z = Math.sqrt(Math.abs(q));
                x = h[n][n] + exshift;
                if (q >= 0) {
                    z = p >= 0 ? p + z : p - z;
                    re[n - 1] = x + z;
                    re[n] = z != 0 ? x - w / z : x + z;
                    im[n - 1] = 0;
                    im[n] = 0;
                } else {
                    re[n - 1] = x + p;
                    re[n] = x + p;
                    im[n - 1] = z;
                    im[n] = -z;
                }
                n -= 2;
                iter = 0;
            } else {
                // Form the shift.
                x = h[n][n];
                y = 0;
                w = 0;
                if (l < n) {
                    y = h[n - 1][n - 1];
                    w = h[n][n - 1] * h[n - 1][n];
                }
                if (iter == 10) {
                    // Wilkinson's original ad hoc shift.
                    exshift += x;
                    for (int i = low; i <= n; i++) {
                        h[i][i] -= x;
                    }
                    s = Math.abs(h[n][n - 1]) + Math.abs(h[n - 1][n - 2]);
                    x = 0.75 * s;
                    y = x;
                    w = -0.4375 * s * s;
                }
                if (iter == 30) {
                    // MATLAB's ad hoc shift.
                    s = (y - x) / 2;
                    s = s * s + w;
                    if (s > 0) {
                        s = Math.sqrt(s);
                        if (y < x) {
                            s = -s;
                        }
                        s = x - w / ((y - x) / 2 + s);
                        for (int i = low; i <= n; i++) {
                            h[i][i] -= s;
                        }
                        exshift += s;
                        x = 0.964;
                        y = x;
                        w = x;
                    }
                }
                iter++;
                if (++total > 100 * nn) {
                    throw new ArithmeticException("QR iterations did not converge for a " + nn + " × " + nn + " matrix");
                }
                // Look for two consecutive small sub-diagonal elements.
                int m = n - 2;
                while (m >= l) {
                    z = h[m][m];
                    r = x - z;
                    s = y - z;
                    p = (r * s - w) / h[m + 1][m] + h[m][m + 1];
                    q = h[m + 1][m + 1] - z - r - s;
                    r = h[m + 2][m + 1];
                    s = Math.abs(p) + Math.abs(q) + Math.abs(r);
                    p /= s;
                    q /= s;
                    r /= s;
                    if (m == l) {
                        break;
                    }
                    if (Math.abs(h[m][m - 1]) * (Math.abs(q) + Math.abs(r))
                            < eps * (Math.abs(p) * (Math.abs(h[m - 1][m - 1]) + Math.abs(z) + Math.abs(h[m + 1][m + 1])))) {
                        break;
                    }
                    m--;
                }
                for (int i = m + 2; i <= n; i++) {
                    h[i][i - 2] = 0;
                    if (i > m + 2) {
                        h[i][i - 3] = 0;
                    }
                }
                // Double QR step on rows l..n and columns m..n.
                for (int k = m; k <= n - 1; k++) {
                    boolean notLast = k != n - 1;
                    if (k != m) {
                        p = h[k][k - 1];
                        q = h[k + 1][k - 1];
                        r = notLast ? h[k + 2][k - 1] : 0;
                        x = Math.abs(p) + Math.abs(q) + Math.abs(r);
                        if (x == 0) {
                            continue;
                        }
                        p /= x;
                        q /= x;
                        r /= x;
                    }
                    s = Math.sqrt(p * p + q * q + r * r);
                    if (p < 0) {
                        s = -s;
                    }
                    if (s != 0) {
                        if (k != m) {
                            h[k][k - 1] = -s * x;
                        } else if (l != m) {
                            h[k][k - 1] = -h[k][k - 1];
                        }
                        p += s;
                        x = p / s;
                        y = q / s;
                        z = r / s;
                        q /= p;
                        r /= p;
                        for (int j = k; j < nn; j++) {
                            p = h[k][j] + q * h[k + 1][j];
                            if (notLast) {
                                p += r * h[k + 2][j];
                                h[k + 2][j] -= p * z;
                            }
                            h[k][j] -= p * x;
                            h[k + 1][j] -= p * y;
                        }
                        for (int i = 0; i <= Math.min(n, k + 3); i++) {
                            p = x * h[i][k] + y * h[i][k + 1];
                            if (notLast) {
                                p += z * h[i][k + 2];
                                h[i][k + 2] -= p * r;
                            }
                            h[i][k] -= p;
                            h[i][k + 1] -= p * q;
                        }
                    }
                }
            }
        }
    }
}
