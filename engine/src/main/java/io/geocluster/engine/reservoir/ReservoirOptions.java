package io.geocluster.engine.reservoir;

/**
 * The hyperparameters of a reservoir embedding, validated on construction. The names in messages
 * are the process inputs users type.
 *
 * @param size R, the number of reservoir units
 * @param spectralRadius the largest eigenvalue modulus the recurrent weights are scaled to; below
 *        1 for the echo-state property with a leaky reservoir driven by small inputs
 * @param leak a, the leak rate: h(t) = (1 − a)·h(t − 1) + a·tanh(W_in·x(t) + W·h(t − 1))
 * @param inputScaling modulus of the input weights (each is ±inputScaling); inputs are centred per
 *        series and divided by one scale common to the layer, so this sets how far tanh is driven
 * @param connectivity probability that a recurrent weight is non-zero
 * @param dimension D, the number of principal components of the states kept
 * @param ridge λ > 0 of the per-series ridge regression (the intercept is not penalised); it keeps
 *        the normal equations positive definite even for a constant series
 * @param seed seed of the random reservoir; equal seeds give equal embeddings
 * @param washout leading grid steps whose states are discarded while the reservoir forgets its
 *        zero initial state
 */
public record ReservoirOptions(int size, double spectralRadius, double leak, double inputScaling, double connectivity,
                               int dimension, double ridge, long seed, int washout) {
    /** Default R. */
    public static final int DEFAULT_SIZE = 100;
    /** Largest R accepted: the PCA eigen-decomposition and the spectral radius are O(R³) once per run. */
    public static final int MAX_SIZE = 500;
    /** Default spectral radius. */
    public static final double DEFAULT_SPECTRAL_RADIUS = 0.9;
    /** Default leak rate. */
    public static final double DEFAULT_LEAK = 0.6;
    /** Default input scaling. */
    public static final double DEFAULT_INPUT_SCALING = 0.1;
    /** Default connectivity. */
    public static final double DEFAULT_CONNECTIVITY = 0.1;
    /** Default D. */
    public static final int DEFAULT_DIMENSION = 10;
    /** Largest D accepted: the embedding has D² + D features. */
    public static final int MAX_DIMENSION = 32;
    /** Default ridge λ. */
    public static final double DEFAULT_RIDGE = 1.0;
    /** Default washout. */
    public static final int DEFAULT_WASHOUT = 5;

    /** Validates every field, naming the offending input. */
    public ReservoirOptions {
        require(size >= 2 && size <= MAX_SIZE, "reservoirSize must be between 2 and " + MAX_SIZE + ", got " + size);
        require(spectralRadius > 0 && spectralRadius <= 2, "spectralRadius must be in (0, 2], got " + spectralRadius);
        require(leak > 0 && leak <= 1, "leakRate must be in (0, 1], got " + leak);
        require(inputScaling > 0 && inputScaling <= 100, "inputScaling must be in (0, 100], got " + inputScaling);
        require(connectivity > 0 && connectivity <= 1, "reservoirConnectivity must be in (0, 1], got " + connectivity);
        require(dimension >= 1 && dimension <= Math.min(MAX_DIMENSION, size),
                "embeddingDimension must be between 1 and min(" + MAX_DIMENSION + ", reservoirSize = " + size + "), got "
                        + dimension);
        require(ridge > 0 && ridge <= 1e6, "ridge must be in (0, 1e6], got " + ridge);
        require(washout >= 0 && washout <= 1000, "washout must be between 0 and 1000, got " + washout);
    }

    /** Options with every default and the given seed. */
    public static ReservoirOptions defaults(long seed) {
        return new ReservoirOptions(DEFAULT_SIZE, DEFAULT_SPECTRAL_RADIUS, DEFAULT_LEAK, DEFAULT_INPUT_SCALING,
                DEFAULT_CONNECTIVITY, DEFAULT_DIMENSION, DEFAULT_RIDGE, seed, DEFAULT_WASHOUT);
    }

    /** Features per series: D² readout coefficients and D intercepts. */
    public int features() {
        return dimension * dimension + dimension;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
