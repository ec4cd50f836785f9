package io.geocluster.engine.kmeans;

import io.geocluster.engine.stats.ClusterProfiles;

/**
 * What the labelling pass measured.
 *
 * @param profiles per-cluster sizes, means and standard deviations of every labelled column, in
 *        original units
 * @param trainInertia mean squared distance of training rows to their centre, in the clustering space
 * @param testInertia the same for held-out rows (NaN when there were none)
 * @param counts rows labelled, per split
 */
public record LabellingResult(ClusterProfiles profiles, double trainInertia, double testInertia, LayerCounts counts) {
}
