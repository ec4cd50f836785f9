package io.geocluster.engine.iikmc;

import java.util.Locale;

/**
 * What a pooled Lloyd iteration does with a class that received no pixel.
 */
public enum EmptyClusterRule {
    /**
     * The paper's rule (Han and Lee 2024): the class is cancelled and never used again. Its id
     * stays reserved so that ids keep their meaning, its centre is reported as NaN, its size as 0,
     * and no pixel is ever labelled with it.
     */
    CANCEL,
    /**
     * The centre is moved onto the pixel farthest from its own centre in the current assignment
     * (several empty classes take the next farthest pixels, in ascending class id), so that every
     * class stays in use.
     */
    RESEED;

    /** Parses {@code cancel} or {@code reseed}, in any case. */
    public static EmptyClusterRule parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "cancel" -> CANCEL;
            case "reseed" -> RESEED;
            default -> throw new IllegalArgumentException("emptyClusters must be cancel or reseed, got '" + value + "'");
        };
    }
}
