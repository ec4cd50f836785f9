package io.geocluster.plugin.process;

import io.geocluster.engine.graph.Aggregation;
import io.geocluster.engine.graph.SmoothingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The validated inputs of {@code cluster:SmoothedKMeans}: every BatchedKMeans input plus the
 * smoothing ones (DESIGN.md §3).
 *
 * @param clustering the BatchedKMeans inputs
 * @param hops H, smoothing steps
 * @param alpha weight of a point's own features per step
 * @param neighbours k of the spatial k-nearest-neighbour graph
 * @param maxDistance longest edge in layer units (metres, or metres along the sphere for lon/lat);
 *        {@code null} for no cut-off
 * @param aggregation {@code mean}, {@code weighted} or {@code sum}
 */
public record SmoothedKMeansParameters(BatchedKMeansParameters clustering, int hops, double alpha, int neighbours,
                                       Double maxDistance, Aggregation aggregation) {
    /** Every input of the process: BatchedKMeans's except {@code engine}, then the smoothing ones. */
    public static final List<ProcessParameter> PARAMETERS;

    static {
        List<ProcessParameter> all = new ArrayList<>(BatchedKMeansParameters.PARAMETERS);
        // Smoothing needs the spatial neighbour graph, which the Spark jobs do not build: no engine input.
        all.remove(BatchedKMeansParameters.ENGINE);
        all.add(ProcessParameter.number("hops", Integer.class, Integer.toString(SmoothingOptions.DEFAULT_HOPS), 0, 1000,
                "Smoothing steps H over the neighbour graph (0 = no smoothing)."));
        all.add(ProcessParameter.number("alpha", Double.class, Double.toString(SmoothingOptions.DEFAULT_ALPHA), 0, 1,
                "Weight of a point's own features at each step; 1 - alpha goes to its neighbours."));
        all.add(ProcessParameter.number("neighbours", Integer.class, Integer.toString(SmoothingOptions.DEFAULT_NEIGHBOURS), 1, 256,
                "k of the spatial k-nearest-neighbour graph."));
        all.add(ProcessParameter.number("maxDistance", Double.class, null, 0, 1e9,
                "Longest neighbour edge in metres (optional); farther neighbours are dropped."));
        all.add(ProcessParameter.optional("aggregation", String.class, "mean",
                "How neighbour features are combined: mean, weighted (inverse distance) or sum."));
        PARAMETERS = List.copyOf(all);
    }

    /** Checks required parts and the smoothing values. */
    public SmoothedKMeansParameters {
        Objects.requireNonNull(clustering, "clustering");
        Objects.requireNonNull(aggregation, "aggregation");
        // Validates the smoothing values now; the compact constructor sees its parameters only.
        new SmoothingOptions(hops, alpha, neighbours, maxDistance == null ? Double.POSITIVE_INFINITY : maxDistance,
                aggregation, false);
    }

    /** Builds the parameters from checked inputs. */
    public static SmoothedKMeansParameters from(ProcessInputs in) {
        return new SmoothedKMeansParameters(BatchedKMeansParameters.from(in), in.get("hops", Integer.class),
                in.get("alpha", Double.class), in.get("neighbours", Integer.class), in.get("maxDistance", Double.class),
                Aggregation.parse(in.get("aggregation", String.class)));
    }

    /** The engine's smoothing options for a layer with projected or geographic coordinates. */
    public SmoothingOptions options(boolean geographic) {
        return new SmoothingOptions(hops, alpha, neighbours, maxDistance == null ? Double.POSITIVE_INFINITY : maxDistance,
                aggregation, geographic);
    }
}
