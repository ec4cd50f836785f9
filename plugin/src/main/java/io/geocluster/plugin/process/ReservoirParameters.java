package io.geocluster.plugin.process;

import io.geocluster.engine.reservoir.ReservoirOptions;
import java.util.List;

/**
 * The inputs of the reservoir embedding ({@code dynamicAttributes=reservoir}), shared by
 * BatchedKMeans and SmoothedKMeans: names, defaults and ranges in one place, for the command line,
 * the help text and the WPS processes alike.
 */
public final class ReservoirParameters {
    /** Input name of R. */
    public static final String SIZE = "reservoirSize";
    /** Input name of the spectral radius. */
    public static final String SPECTRAL_RADIUS = "spectralRadius";
    /** Input name of the leak rate. */
    public static final String LEAK_RATE = "leakRate";
    /** Input name of the input scaling. */
    public static final String INPUT_SCALING = "inputScaling";
    /** Input name of the connectivity. */
    public static final String CONNECTIVITY = "reservoirConnectivity";
    /** Input name of D. */
    public static final String DIMENSION = "embeddingDimension";
    /** Input name of the ridge λ. */
    public static final String RIDGE = "ridge";
    /** Input name of the washout. */
    public static final String WASHOUT = "washout";
    /** Input name of the reservoir's seed. */
    public static final String SEED = "reservoirSeed";

    /** The inputs, in the order help texts list them. */
    public static final List<ProcessParameter> PARAMETERS = List.of(
            ProcessParameter.number(SIZE, Integer.class, Integer.toString(ReservoirOptions.DEFAULT_SIZE), 2,
                    ReservoirOptions.MAX_SIZE, "Reservoir embedding (dynamicAttributes=reservoir): number of reservoir units R."),
            ProcessParameter.number(SPECTRAL_RADIUS, Double.class, Double.toString(ReservoirOptions.DEFAULT_SPECTRAL_RADIUS),
                    1e-6, 2, "Reservoir embedding: spectral radius the recurrent weights are scaled to (memory; below 1 for stable echoes)."),
            ProcessParameter.number(LEAK_RATE, Double.class, Double.toString(ReservoirOptions.DEFAULT_LEAK), 1e-6, 1,
                    "Reservoir embedding: leak rate a of h(t) = (1-a) h(t-1) + a tanh(...)."),
            ProcessParameter.number(INPUT_SCALING, Double.class, Double.toString(ReservoirOptions.DEFAULT_INPUT_SCALING),
                    1e-6, 100, "Reservoir embedding: input weight modulus; series are centred and divided by one layer-wide scale first."),
            ProcessParameter.number(CONNECTIVITY, Double.class, Double.toString(ReservoirOptions.DEFAULT_CONNECTIVITY),
                    1e-6, 1, "Reservoir embedding: fraction of non-zero recurrent weights."),
            ProcessParameter.number(DIMENSION, Integer.class, Integer.toString(ReservoirOptions.DEFAULT_DIMENSION), 1,
                    ReservoirOptions.MAX_DIMENSION, "Reservoir embedding: PCA dimension D of the states; the embedding has D*D+D features."),
            ProcessParameter.number(RIDGE, Double.class, Double.toString(ReservoirOptions.DEFAULT_RIDGE), 1e-9, 1e6,
                    "Reservoir embedding: ridge regularisation of the per-series readout."),
            ProcessParameter.number(WASHOUT, Integer.class, Integer.toString(ReservoirOptions.DEFAULT_WASHOUT), 0, 1000,
                    "Reservoir embedding: leading time steps whose states are discarded."),
            ProcessParameter.optional(SEED, Long.class, null,
                    "Reservoir embedding: seed of the random reservoir (default: the seed input)."));

    private ReservoirParameters() {
    }

    /**
     * The reservoir options of checked inputs.
     *
     * @param seed the process's seed, used when {@value #SEED} is not given
     * @throws IllegalArgumentException naming the input that is out of range for the others
     */
    public static ReservoirOptions options(ProcessInputs in, long seed) {
        Long own = in.get(SEED, Long.class);
        return new ReservoirOptions(in.get(SIZE, Integer.class), in.get(SPECTRAL_RADIUS, Double.class),
                in.get(LEAK_RATE, Double.class), in.get(INPUT_SCALING, Double.class), in.get(CONNECTIVITY, Double.class),
                in.get(DIMENSION, Integer.class), in.get(RIDGE, Double.class), own != null ? own : seed,
                in.get(WASHOUT, Integer.class));
    }
}
