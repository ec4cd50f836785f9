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

    /** Most bands of {@link #nearestWithMargin}. */
    static final int SMALL_D = 8;

    /** Rows per vector: a power of two, at most 16. */
    static int lanes() {
        return FLOATS.length();
    }

    /**
     * Nearest centre of rows {@code 0..nb-1} of a transposed block.
     *
     * @param xt one array per band, rows {@code 0..nb-1} filled
     * @param best receives each row's squared distance to its nearest centre
     * @param bestIndex receives each row's nearest centre
     */
    static void nearest(float[][] xt, int nb, int d, float[] centres, int k, float[] best, int[] bestIndex) {
        int lanes = FLOATS.length();
        int i = 0;
        for (; i + lanes <= nb; i += lanes) {
            FloatVector bestDistance = FloatVector.broadcast(FLOATS, Float.POSITIVE_INFINITY);
            IntVector index = IntVector.zero(INTS);
            for (int c = 0; c < k; c++) {
                int co = c * d;
                FloatVector sum = FloatVector.zero(FLOATS);
                for (int j = 0; j < d; j++) {
                    FloatVector t = FloatVector.fromArray(FLOATS, xt[j], i).sub(centres[co + j]);
                    sum = sum.add(t.mul(t));
                }
                VectorMask<Float> nearer = sum.lt(bestDistance);
                bestDistance = bestDistance.blend(sum, nearer);
                index = index.blend(c, nearer.cast(INTS));
            }
            bestDistance.intoArray(best, i);
            index.intoArray(bestIndex, i);
        }
        for (; i < nb; i++) {
            float bestDistance = Float.POSITIVE_INFINITY;
            int b = 0;
            for (int c = 0; c < k; c++) {
                float sum = 0;
                for (int j = 0; j < d; j++) {
                    float t = xt[j][i] - centres[c * d + j];
                    sum += t * t;
                }
                if (sum < bestDistance) {
                    bestDistance = sum;
                    b = c;
                }
            }
            best[i] = bestDistance;
            bestIndex[i] = b;
        }
    }
    /**
     * Nearest centre of rows {@code 0..nb-1} of a transposed block of at most {@value #SMALL_D}
     * bands, and by how much: the margin between the second-nearest centre's distance and the
     * nearest's. Squared distances come from the expansion ‖x − c‖² = ‖x‖² + (‖c‖² − 2 x·c): one
     * fused multiply-add per band and centre, with the rows' bands held in registers across the
     * centres, where the direct formula takes a subtraction, a multiplication and an addition and
     * reloads the bands for every centre. The CPU's bounded Lloyd step uses it.
     *
     * <p><b>Accuracy:</b> the expansion cancels: its squared distances are off by up to
     * {@code errorScale·(‖x‖² + 2 max‖c‖²)}, absolutely, where the direct formula's error is
     * relative. The margin is therefore taken between the second-smallest value lowered by that
     * error and the smallest raised by it, each distance then shrunk or stretched by the relative
     * {@code slack}: a positive margin proves that the direct formula picks the same centre, and
     * a margin ≤ 0 means the row is undecided and must be measured directly.
     *
     * @param nb rows, a multiple of {@link #lanes()} (pad with zero rows)
     * @param c2 the centres times −2, {@value #SMALL_D} values per centre, zero beyond {@code d}
     * @param cc each centre's squared norm, {@code k}
     * @param errorScale bound on the expansion's error per unit of ‖x‖² + 2 max‖c‖²
     * @param maxNorm max‖c‖² over the centres
     * @param slack relative shrink of the margin's distances
     * @param margin receives each row's margin (distance, not squared; {@code +∞} for k = 1)
     * @param bestIndex receives the centre of the smallest value (the lowest index among equals)
     */
    static void nearestWithMargin(float[][] xt, int nb, int d, float[] c2, float[] cc, int k, float errorScale,
                                       float maxNorm, float slack, float[] margin, int[] bestIndex) {
        int lanes = FLOATS.length();
        FloatVector zero = FloatVector.zero(FLOATS);
        for (int i = 0; i + lanes <= nb; i += lanes) {
            FloatVector x0 = FloatVector.fromArray(FLOATS, xt[0], i);
            FloatVector x1 = d > 1 ? FloatVector.fromArray(FLOATS, xt[1], i) : zero;
            FloatVector x2 = d > 2 ? FloatVector.fromArray(FLOATS, xt[2], i) : zero;
            FloatVector x3 = d > 3 ? FloatVector.fromArray(FLOATS, xt[3], i) : zero;
            FloatVector x4 = d > 4 ? FloatVector.fromArray(FLOATS, xt[4], i) : zero;
            FloatVector x5 = d > 5 ? FloatVector.fromArray(FLOATS, xt[5], i) : zero;
            FloatVector x6 = d > 6 ? FloatVector.fromArray(FLOATS, xt[6], i) : zero;
            FloatVector x7 = d > 7 ? FloatVector.fromArray(FLOATS, xt[7], i) : zero;
            FloatVector bestDistance = FloatVector.broadcast(FLOATS, Float.POSITIVE_INFINITY);
            FloatVector secondDistance = bestDistance;
            IntVector index = IntVector.zero(INTS);
            for (int c = 0, co = 0; c < k; c++, co += 8) {
                FloatVector sum = x0.fma(c2[co], cc[c]);
                sum = x1.fma(FloatVector.broadcast(FLOATS, c2[co + 1]), sum);
                sum = x2.fma(FloatVector.broadcast(FLOATS, c2[co + 2]), sum);
                sum = x3.fma(FloatVector.broadcast(FLOATS, c2[co + 3]), sum);
                sum = x4.fma(FloatVector.broadcast(FLOATS, c2[co + 4]), sum);
                sum = x5.fma(FloatVector.broadcast(FLOATS, c2[co + 5]), sum);
                sum = x6.fma(FloatVector.broadcast(FLOATS, c2[co + 6]), sum);
                sum = x7.fma(FloatVector.broadcast(FLOATS, c2[co + 7]), sum);
                secondDistance = secondDistance.min(bestDistance.max(sum));
                VectorMask<Float> nearer = sum.lt(bestDistance);
                bestDistance = bestDistance.blend(sum, nearer);
                index = index.blend(c, nearer.cast(INTS));
            }
            FloatVector xx = x0.mul(x0);
            xx = x1.fma(x1, xx);
            xx = x2.fma(x2, xx);
            xx = x3.fma(x3, xx);
            xx = x4.fma(x4, xx);
            xx = x5.fma(x5, xx);
            xx = x6.fma(x6, xx);
            xx = x7.fma(x7, xx);
            FloatVector error = xx.add(2 * maxNorm).mul(errorScale);
            FloatVector far = secondDistance.add(xx).sub(error).max(0f).sqrt().mul(1 - slack);
            FloatVector near = bestDistance.add(xx).max(0f).add(error).sqrt().mul(1 + slack);
            far.sub(near).intoArray(margin, i);
            index.intoArray(bestIndex, i);
        }
    }
}
