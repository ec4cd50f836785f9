package io.geocluster.plugin.process;

import io.geocluster.engine.stats.ClusterProfiles;
import io.geocluster.plugin.attributes.DisplacementSeries;
import java.util.List;

/**
 * Cuts the profiles of the labelling pass (features first, then series columns that were not
 * features) into the two views the chart draws: chosen features, and the series in date order.
 *
 * @param features profiles of the chosen features
 * @param series profiles of the displacement series in date order, or {@code null} without one
 */
record ProfileColumns(ClusterProfiles features, ClusterProfiles series) {
    static ProfileColumns split(ClusterProfiles all, List<String> columns, List<String> features, DisplacementSeries series) {
        int[] featureIndex = new int[features.size()];
        for (int j = 0; j < featureIndex.length; j++) {
            featureIndex[j] = columns.indexOf(features.get(j));
        }
        ClusterProfiles seriesProfiles = null;
        if (!series.isEmpty()) {
            int[] seriesIndex = new int[series.columns().size()];
            for (int j = 0; j < seriesIndex.length; j++) {
                seriesIndex[j] = columns.indexOf(series.columns().get(j));
            }
            seriesProfiles = select(all, seriesIndex);
        }
        return new ProfileColumns(select(all, featureIndex), seriesProfiles);
    }

    private static ClusterProfiles select(ClusterProfiles all, int[] index) {
        int k = all.clusters();
        int c = index.length;
        double[] mean = new double[k * c];
        double[] std = new double[k * c];
        for (int q = 0; q < k; q++) {
            for (int j = 0; j < c; j++) {
                mean[q * c + j] = all.mean(q, index[j]);
                std[q * c + j] = all.std(q, index[j]);
            }
        }
        return new ClusterProfiles(k, c, all.sizes(), mean, std);
    }
}
