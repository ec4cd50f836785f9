package io.geocluster.engine.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The spectral radius against matrices whose eigenvalues are known independently. */
class SpectralRadiusTest {
    @Test
    void scaledCyclicPermutationHasEveryEigenvalueOnOneCircle() {
        // c·P for the cyclic shift P of size n has eigenvalues c·exp(2πik/n): all of modulus c,
        // the case where power iteration never settles.
        int n = 7;
        double c = 0.8;
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + (i + 1) % n] = c;
        }
        double[][] eig = SpectralRadius.eigenvalues(m, n);
        for (int i = 0; i < n; i++) {
            assertEquals(c, Math.hypot(eig[0][i], eig[1][i]), 1e-12);
        }
        assertEquals(c, SpectralRadius.of(m, n), 1e-12);
    }

    @Test
    void triangularMatrixHasItsDiagonal() {
        double[] m = {
            0.5, 3, -2, 1,
            0, -1.5, 4, 2,
            0, 0, 0.25, 7,
            0, 0, 0, 1.25};
        double[] re = SpectralRadius.eigenvalues(m, 4)[0];
        Arrays.sort(re);
        assertEquals(-1.5, re[0], 1e-12);
        assertEquals(0.25, re[1], 1e-12);
        assertEquals(0.5, re[2], 1e-12);
        assertEquals(1.25, re[3], 1e-12);
        assertEquals(1.5, SpectralRadius.of(m, 4), 1e-12);
    }

    @Test
    void rotationBlocksUnderASimilarityKeepTheirModuli() {
        // Block diagonal of [[a, −b], [b, a]] (eigenvalues a ± ib) and a real 0.3, then S·B·S⁻¹
        // with S = I + u·vᵀ, whose inverse is I − u·vᵀ/(1 + vᵀu).
        int n = 5;
        double[] b = new double[n * n];
        double[][] blocks = {{0.6, 0.7}, {-0.2, 0.4}};
        for (int k = 0; k < 2; k++) {
            int o = 2 * k;
            b[o * n + o] = blocks[k][0];
            b[o * n + o + 1] = -blocks[k][1];
            b[(o + 1) * n + o] = blocks[k][1];
            b[(o + 1) * n + o + 1] = blocks[k][0];
        }
        b[4 * n + 4] = 0.3;
        double[] u = {1, -2, 0.5, 3, 1};
        double[] v = {0.5, 1, -1, 0.25, 2};
        double vu = 0;
        for (int i = 0; i < n; i++) {
            vu += v[i] * u[i];
        }
        double[] s = new double[n * n];
        double[] si = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i * n + j] = (i == j ? 1 : 0) + u[i] * v[j];
                si[i * n + j] = (i == j ? 1 : 0) - u[i] * v[j] / (1 + vu);
            }
        }
        double[] m = multiply(multiply(s, b, n), si, n);
        double[][] eig = SpectralRadius.eigenvalues(m, n);
        double[] moduli = new double[n];
        for (int i = 0; i < n; i++) {
            moduli[i] = Math.hypot(eig[0][i], eig[1][i]);
        }
        Arrays.sort(moduli);
        double first = Math.hypot(0.6, 0.7);
        double second = Math.hypot(-0.2, 0.4);
        assertEquals(0.3, moduli[0], 1e-10);
        assertEquals(second, moduli[1], 1e-10);
        assertEquals(second, moduli[2], 1e-10);
        assertEquals(first, moduli[3], 1e-10);
        assertEquals(first, moduli[4], 1e-10);
    }

    @Test
    void reservoirsHaveTheAskedRadiusAccordingToNumpy() {
        // Reference values: numpy.abs(numpy.linalg.eigvals(W)).max() (LAPACK dgeev) on the dense
        // recurrentWeights() of these two reservoirs, computed once when this test was written.
        // The weights are floats, hence the last digits' distance from 0.9.
        assertRadius(new ReservoirOptions(100, 0.9, 0.6, 0.1, 0.1, 10, 1.0, 7, 5), 0.9000000019457366);
        assertRadius(new ReservoirOptions(300, 0.9, 0.6, 0.1, 0.05, 10, 1.0, 11, 5), 0.8999999993331549);
    }

    @Test
    void everyAskedRadiusIsMet() {
        for (double rho : new double[] {0.3, 0.95, 1.4}) {
            EchoStateReservoir r = EchoStateReservoir.random(new ReservoirOptions(60, rho, 0.5, 0.1, 0.2, 5, 1, 3, 5));
            assertEquals(rho, SpectralRadius.of(r.recurrentWeights(), 60), 1e-6 * rho);
        }
    }

    private static void assertRadius(ReservoirOptions options, double numpy) {
        EchoStateReservoir r = EchoStateReservoir.random(options);
        assertEquals(numpy, SpectralRadius.of(r.recurrentWeights(), options.size()), 1e-12);
        assertEquals(options.spectralRadius(), numpy, 1e-6);
    }

    private static double[] multiply(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += a[i * n + k] * b[k * n + j];
                }
            }
        }
        return c;
    }
}
