package io.geocluster.engine.graph;

import java.util.Locale;

/**
 * How {@link GraphSmoother} combines the neighbours of a point at each hop: the {@code AGG} of
 * x<sub>i</sub><sup>(h)</sup> = α·x<sub>i</sub><sup>(h−1)</sup> + (1−α)·AGG<sub>j∈N(i)</sub>
 * x<sub>j</sub><sup>(h−1)</sup>. The value of the {@code aggregation} process parameter.
 */
public enum Aggregation {
    /** Plain average over the neighbours: every edge of a point of degree m weighs 1/m. The default. */
    MEAN,
    /**
     * Inverse-distance weighted average: edge weights 1/length, normalised to sum to 1 per point.
     * Needs edge lengths, all positive.
     */
    WEIGHTED,
    /**
     * Plain sum over the neighbours, exactly as the formula is written. It inflates the scale of
     * the features with the degree, so points of different degree are no longer comparable; it is
     * offered for fidelity to the published formula, not as a recommendation.
     */
    SUM;

    /** The parameter value naming this aggregation: {@code mean}, {@code weighted} or {@code sum}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a parameter value, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException for {@code null} or a value other than {@code mean},
     *         {@code weighted} or {@code sum}, listing the accepted values
     */
    public static Aggregation parse(String value) {
        if (value != null) {
            String key = value.strip().toUpperCase(Locale.ROOT);
            for (Aggregation a : values()) {
                if (a.name().equals(key)) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("aggregation must be mean, weighted or sum, got "
                + (value == null ? "null" : "'" + value + "'"));
    }
}
