package io.geocluster.engine.graph;

/**
 * Summary numbers of a neighbour graph, as reported in a run summary.
 *
 * <p>Percentiles interpolate linearly between the two nearest order statistics at rank
 * {@code p·(m−1)} of the {@code m} sorted edge lengths (the default of NumPy and R type 7), so
 * the median of an even count is the mean of the two middle lengths. Both are {@code NaN} when
 * the graph has no edges; {@code meanDegree} is {@code NaN} when it has no nodes.
 *
 * @param nodes number of nodes
 * @param edges number of directed edges
 * @param meanDegree edges per node
 * @param medianEdgeLength median edge length in metres
 * @param p90EdgeLength 90th percentile of the edge lengths in metres
 * @param isolated nodes with no outgoing edge
 */
public record GraphStatistics(long nodes, long edges, double meanDegree, double medianEdgeLength,
                              double p90EdgeLength, long isolated) {
}
