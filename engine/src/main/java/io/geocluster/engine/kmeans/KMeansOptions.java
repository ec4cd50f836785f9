package io.geocluster.engine.kmeans;

/**
 * The hyperparameters of a batched k-means run, validated on construction.
 *
 * @param k number of clusters, at least 2
 * @param batchSize rows per mini-batch partial fit
 * @param initSize rows of the uniform warm-start sample k-means++ runs on
 * @param epochs streamed passes of partial fits over the training rows
 * @param testFraction fraction of rows held out by the id hash, in [0, 1)
 * @param standardize whether features are scaled to unit variance
 * @param seed seed of every random choice; equal seeds give equal results
 * @param shuffleRows capacity in rows of the shuffle buffer that decorrelates mini-batches from
 *        the reading order; 0 picks {@link #defaultShuffleRows(int)}
 */
public record KMeansOptions(int k, int batchSize, int initSize, int epochs, double testFraction,
                            boolean standardize, long seed, int shuffleRows) {
    /** Default k. */
    public static final int DEFAULT_K = 8;
    /** Default mini-batch size. */
    public static final int DEFAULT_BATCH_SIZE = 256;
    /** Default warm-start sample size. */
    public static final int DEFAULT_INIT_SIZE = 25_600;
    /** Default number of training passes. */
    public static final int DEFAULT_EPOCHS = 1;
    /** Default held-out fraction. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    /** Largest number of clusters accepted. */
    public static final int MAX_K = 1024;

    /** Validates every field, naming the offending parameter. */
    public KMeansOptions {
        require(k >= 2 && k <= MAX_K, "k must be between 2 and " + MAX_K + ", got " + k);
        require(batchSize >= 1 && batchSize <= 1 << 24, "batchSize must be between 1 and 16777216, got " + batchSize);
        require(initSize >= 1 && initSize <= 1 << 24, "initSize must be between 1 and 16777216, got " + initSize);
        require(epochs >= 1 && epochs <= 1000, "epochs must be between 1 and 1000, got " + epochs);
        require(testFraction >= 0 && testFraction < 1, "testFraction must be in [0, 1), got " + testFraction);
        require(shuffleRows >= 0, "shuffleRows must not be negative, got " + shuffleRows);
    }

    /** Options with every default and the given k and seed. */
    public static KMeansOptions defaults(int k, long seed) {
        return new KMeansOptions(k, DEFAULT_BATCH_SIZE, DEFAULT_INIT_SIZE, DEFAULT_EPOCHS, DEFAULT_TEST_FRACTION,
                true, seed, 0);
    }

    /**
     * Shuffle buffer rows used when {@code shuffleRows} is 0: 65 536 rows, fewer for wide rows so
     * that the buffer stays under 16 MiB.
     */
    public static int defaultShuffleRows(int columns) {
        return Math.max(1024, Math.min(65_536, (4 << 20) / Math.max(1, columns)));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
