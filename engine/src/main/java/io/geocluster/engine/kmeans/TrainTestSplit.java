package io.geocluster.engine.kmeans;

import io.geocluster.engine.StableHash;

/**
 * Deterministic train/test split by hashing the feature id: the same id always lands on the same
 * side, whatever the pass, batch boundaries or reading order.
 *
 * <p><b>Algorithm:</b> the id is mixed with the seed through the SplitMix64 finaliser and the top
 * 53 bits are read as a uniform number in [0, 1); the row is a test row when that number is below
 * {@code testFraction}.
 */
public final class TrainTestSplit {
    /** Split code of a training row. */
    public static final byte TRAIN = 0;
    /** Split code of a held-out test row. */
    public static final byte TEST = 1;
    /** Split code of a row with no usable feature value; it is neither trained on nor labelled. */
    public static final byte MISSING = 2;

    private final double testFraction;
    private final long seed;

    /**
     * @param testFraction fraction of rows held out, in [0, 1)
     * @param seed mixed into the hash so different seeds give different splits
     */
    public TrainTestSplit(double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in [0, 1): " + testFraction);
        }
        this.testFraction = testFraction;
        this.seed = seed;
    }

    /** Whether the row with this id is held out for testing. */
    public boolean isTest(long id) {
        return testFraction > 0 && uniform(id ^ (seed * 0x9E3779B97F4A7C15L)) < testFraction;
    }

    /** Name of a split code as written to output layers. */
    public static String name(byte code) {
        switch (code) {
            case TRAIN: return "train";
            case TEST: return "test";
            case MISSING: return "missing";
            default: throw new IllegalArgumentException("unknown split code " + code);
        }
    }

    static double uniform(long id) {
        return (StableHash.mix(id) >>> 11) * 0x1.0p-53;
    }
}
