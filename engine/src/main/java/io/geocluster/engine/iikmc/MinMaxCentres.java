package io.geocluster.engine.iikmc;

/**
 * The deterministic start of IIkMC: centres spread evenly along the diagonal of the per-band
 * range of the valid pixels, centre {@code j = min + (j + 0.5)·(max − min)/k} in every band
 * (DESIGN §4). No random choice is involved, so equal input gives equal classes.
 */
public final class MinMaxCentres {
    private MinMaxCentres() {
    }

    /**
     * The {@code k × bands} start centres, row-major.
     *
     * @param min per-band minimum over the valid pixels
     * @param max per-band maximum over the valid pixels
     * @param k number of classes
     */
    public static float[] of(float[] min, float[] max, int k) {
        if (min.length != max.length) {
            throw new IllegalArgumentException("min has " + min.length + " bands but max has " + max.length);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int bands = min.length;
        float[] centres = new float[k * bands];
        for (int j = 0; j < k; j++) {
            for (int b = 0; b < bands; b++) {
                if (!(min[b] <= max[b])) {
                    throw new IllegalArgumentException("band " + b + " has min " + min[b] + " above max " + max[b]);
                }
                // In double: the spacing of small ranges over many classes would lose digits in float.
                double span = (double) max[b] - min[b];
                centres[j * bands + b] = (float) (min[b] + (j + 0.5) * span / k);
            }
        }
        return centres;
    }
}
