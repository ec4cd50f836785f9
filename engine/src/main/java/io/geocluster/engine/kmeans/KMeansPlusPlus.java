package io.geocluster.engine.kmeans;

import java.util.SplittableRandom;

/**
 * Greedy k-means++ seeding (Arthur and Vassilvitskii 2007) with local trials, as scikit-learn
 * does it: each new centre is the best of {@code 2 + ⌊ln k⌋} candidates drawn with probability
 * proportional to the squared distance to the nearest centre chosen so far, "best" meaning the
 * candidate that lowers the total potential most.
 *
 * <p><b>Cost:</b> O(k · trials · n · d) on the sample, which is small (the warm-start sample).
 *
 * <p><b>Limitations:</b> when every remaining row coincides with a chosen centre (fewer distinct
 * rows than k) the potential is 0; further centres are then drawn uniformly and may repeat,
 * leaving the mini-batch reassignment to move them.
 */
public final class KMeansPlusPlus {
    private KMeansPlusPlus() {
    }

    /** Number of candidates tried per centre. */
    public static int localTrials(int k) {
        return 2 + (int) Math.floor(Math.log(k));
    }

    /**
     * Chooses k centres among the rows.
     *
     * @param x rows, {@code n × d}
     * @return centres, {@code k × d}, copies of k rows
     */
    public static float[] seed(float[] x, int n, int d, int k, SplittableRandom random) {
        if (n < 1) {
            throw new IllegalArgumentException("no rows to seed from");
        }
        int trials = localTrials(k);
        float[] centres = new float[k * d];
        double[] closest = new double[n];
        double[] candidateDist = new double[n];
        double[] bestDist = new double[n];
        int first = random.nextInt(n);
        System.arraycopy(x, first * d, centres, 0, d);
        double potential = 0;
        for (int i = 0; i < n; i++) {
            closest[i] = dist2(x, i * d, centres, 0, d);
            potential += closest[i];
        }
        for (int c = 1; c < k; c++) {
            int bestCandidate = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                int candidate = potential > 0 ? drawProportional(closest, potential * random.nextDouble()) : random.nextInt(n);
                double candidatePotential = 0;
                int off = candidate * d;
                for (int i = 0; i < n; i++) {
                    double dd = Math.min(closest[i], dist2(x, i * d, x, off, d));
                    candidateDist[i] = dd;
                    candidatePotential += dd;
                }
                if (candidatePotential < bestPotential) {
                    bestPotential = candidatePotential;
                    bestCandidate = candidate;
                    System.arraycopy(candidateDist, 0, bestDist, 0, n);
                }
            }
            System.arraycopy(x, bestCandidate * d, centres, c * d, d);
            System.arraycopy(bestDist, 0, closest, 0, n);
            potential = bestPotential;
        }
        return centres;
    }

    /** The first index whose running sum of weights exceeds {@code target} (searchsorted). */
    private static int drawProportional(double[] weights, double target) {
        double sum = 0;
        int last = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                sum += weights[i];
                last = i;
                if (sum > target) {
                    return i;
                }
            }
        }
        // Rounding can leave target at or just above the final sum.
        return last;
    }

    static double dist2(float[] a, int ao, float[] b, int bo, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = a[ao + j] - b[bo + j];
            s += t * t;
        }
        return s;
    }
}
