package io.geocluster.engine.compute;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The nearest-centre kernel of {@link CpuBackend} written with the Vector API: a register holds
 * one band of {@code L} rows (16 with AVX-512), each centre's distance is summed in a register
 * over the bands, and the running minimum and its centre index are kept in registers with masked
 * blends. The plain-loop kernel instead sweeps arrays of distances through L1 once per band and
 * finds the index in a second sweep; this one touches memory only to load the rows.
 *
 * <p><b>Accuracy:</b> each distance is {@code ((0 + t₀²) + t₁²) + …} in float, in ascending band
 * order, without fused multiply-add, so distances are bitwise those of the scalar loop; a centre
 * replaces the minimum only when strictly nearer, so ties go to the lowest index.
 *
 * <p>Load this class only when {@link VectorSupport#AVAILABLE} is true.
 */
final class VectorNearest {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());

    private VectorNearest() {
    }

    /**
     * Nearest centre of rows {@code 0..nb-1} of a transposed block.
     *
     * @param xt one array per band, rows {@code 0..nb-1} filled
     * @param best receives each row's squared distance to its nearest centre
     * @param bestIndex receives each row's nearest centre
     */
    static void nearest(float[][] xt, int nb, int d, float[] centres, int k, float[] best, int[] bestIndex) {
        nearest(xt, nb, d, centres, k, best, null, bestIndex);
    }

    /**
     * Nearest centre of rows {@code 0..nb-1} of a transposed block and, when {@code margin} is
     * given, by how much: the second-smallest distance shrunk by the relative
     * {@link CpuBackend#MARGIN_SLACK} minus the smallest stretched by it (distances, not squared),
     * from which the CPU's bounded Lloyd step keeps a bound per row. One method serves both, so
     * the bounded step runs code the JIT has already compiled for the plain one.
     *
     * @param margin receives each row's margin ({@code +∞} for k = 1, 0 or less for a tie); null
     *        for none
     */
    static void nearest(float[][] xt, int nb, int d, float[] centres, int k, float[] best, float[] margin,
                        int[] bestIndex) {
        boolean margins = margin != null;
        float shrink = (float) (1 - CpuBackend.MARGIN_SLACK);
        float stretch = (float) (1 + CpuBackend.MARGIN_SLACK);
        int lanes = FLOATS.length();
        int i = 0;
        for (; i + lanes <= nb; i += lanes) {
            FloatVector bestDistance = FloatVector.broadcast(FLOATS, Float.POSITIVE_INFINITY);
            FloatVector secondDistance = bestDistance;
            IntVector index = IntVector.zero(INTS);
            for (int c = 0; c < k; c++) {
                int co = c * d;
                FloatVector sum = FloatVector.zero(FLOATS);
                for (int j = 0; j < d; j++) {
                    FloatVector t = FloatVector.fromArray(FLOATS, xt[j], i).sub(centres[co + j]);
                    sum = sum.add(t.mul(t));
                }
                if (margins) {
                    // The loser of (best, sum) competes for second place: min(second, max(best, sum)).
                    secondDistance = secondDistance.min(bestDistance.max(sum));
                }
                VectorMask<Float> nearer = sum.lt(bestDistance);
                bestDistance = bestDistance.blend(sum, nearer);
                index = index.blend(c, nearer.cast(INTS));
            }
            bestDistance.intoArray(best, i);
            index.intoArray(bestIndex, i);
            if (margins) {
                secondDistance.sqrt().mul(shrink).sub(bestDistance.sqrt().mul(stretch)).intoArray(margin, i);
            }
        }
        for (; i < nb; i++) {
            float bestDistance = Float.POSITIVE_INFINITY;
            float secondDistance = Float.POSITIVE_INFINITY;
            int b = 0;
            for (int c = 0; c < k; c++) {
                float sum = 0;
                for (int j = 0; j < d; j++) {
                    float t = xt[j][i] - centres[c * d + j];
                    sum += t * t;
                }
                secondDistance = Math.min(secondDistance, Math.max(bestDistance, sum));
                if (sum < bestDistance) {
                    bestDistance = sum;
                    b = c;
                }
            }
            best[i] = bestDistance;
            bestIndex[i] = b;
            if (margins) {
                margin[i] = CpuBackend.margin(bestDistance, secondDistance);
            }
        }
    }
}
