package io.geocluster.engine.graph;

/**
 * The parameters of graph smoothing, validated on construction (DESIGN.md §3).
 *
 * @param hops H, the number of smoothing steps; 0 leaves the features as they are
 * @param alpha weight of a point's own features at each step, in [0, 1]
 * @param neighbours k of the k-nearest-neighbour graph
 * @param maxDistance longest edge kept, in metres; {@code Double.POSITIVE_INFINITY} for none
 * @param aggregation how neighbour features are combined
 * @param geographic whether coordinates are longitude/latitude degrees rather than projected metres
 */
public record SmoothingOptions(int hops, double alpha, int neighbours, double maxDistance, Aggregation aggregation,
                               boolean geographic) {
    /** Default H. */
    public static final int DEFAULT_HOPS = 3;
    /** Default α. */
    public static final double DEFAULT_ALPHA = 0.5;
    /** Default k of the graph. */
    public static final int DEFAULT_NEIGHBOURS = 8;

    /** Validates every field, naming the offending parameter. */
    public SmoothingOptions {
        if (hops < 0 || hops > 1000) {
            throw new IllegalArgumentException("hops must be between 0 and 1000, got " + hops);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        if (neighbours < 1 || neighbours > 256) {
            throw new IllegalArgumentException("neighbours must be between 1 and 256, got " + neighbours);
        }
        if (!(maxDistance > 0)) {
            throw new IllegalArgumentException("maxDistance must be a positive distance, got " + maxDistance);
        }
        if (aggregation == null) {
            throw new IllegalArgumentException("aggregation must be mean, weighted or sum");
        }
    }
}
