package io.geocluster.engine.graph;

/**
 * What the neighbour graph of a smoothing run looked like, for the summary.
 *
 * @param nodes points in the graph
 * @param edges directed edges kept
 * @param meanDegree edges per point
 * @param medianEdgeLength median edge length in metres (over a uniform sample of up to 2^20 edges)
 * @param p90EdgeLength 90th-percentile edge length in metres (same sample)
 * @param isolated points without any neighbour (all farther than {@code maxDistance})
 * @param haloLimited points whose neighbourhood could reach past their block of shards
 * @param shards number of non-empty shards the layer was cut into
 */
public record SmoothingStatistics(long nodes, long edges, double meanDegree, double medianEdgeLength,
                                  double p90EdgeLength, long isolated, long haloLimited, int shards) {
}
