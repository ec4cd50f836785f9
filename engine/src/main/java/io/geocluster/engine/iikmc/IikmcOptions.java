package io.geocluster.engine.iikmc;

/**
 * The hyperparameters of an inter-image k-means (IIkMC) run, validated on construction.
 *
 * @param k number of classes, 2..255: labels are one byte and 255 is the nodata value
 * @param maxIterations most Lloyd iterations, at least 1
 * @param tolerance the run stops once fewer than this fraction of the pooled pixels change class
 *        in an iteration, in [0, 1); 0 stops only when no pixel changes
 * @param emptyClusters what happens to a class that receives no pixel
 */
public record IikmcOptions(int k, int maxIterations, double tolerance, EmptyClusterRule emptyClusters) {
    /** Default k. */
    public static final int DEFAULT_K = 8;
    /** Largest k: label 255 is reserved for nodata. */
    public static final int MAX_K = 255;
    /** Default iteration limit. */
    public static final int DEFAULT_MAX_ITERATIONS = 20;
    /** Default tolerance: stop when under 1% of pixels change class. */
    public static final double DEFAULT_TOLERANCE = 0.01;

    /** Validates every field, naming the offending parameter. */
    public IikmcOptions {
        require(k >= 2 && k <= MAX_K, "k must be between 2 and " + MAX_K
                + " (labels are one byte and 255 is nodata), got " + k);
        require(maxIterations >= 1, "maxIterations must be at least 1, got " + maxIterations);
        require(tolerance >= 0 && tolerance < 1, "tolerance must be in [0, 1), got " + tolerance);
        require(emptyClusters != null, "emptyClusters must be cancel or reseed, got null");
    }

    /** Options with every default and the given k. */
    public static IikmcOptions defaults(int k) {
        return new IikmcOptions(k, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, EmptyClusterRule.CANCEL);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
