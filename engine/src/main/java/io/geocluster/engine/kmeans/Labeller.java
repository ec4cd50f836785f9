package io.geocluster.engine.kmeans;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.compute.ComputeBackend;
import io.geocluster.engine.stats.ClusterProfileAccumulator;
import io.geocluster.engine.stats.Standardizer;

/**
 * Labels batches with a trained {@link KMeansModel} during the final pass, and accumulates what the
 * summary reports: inertia per point on train and test rows, cluster sizes, and per-cluster mean
 * and standard deviation of every column of the batch in original units.
 *
 * <p>Batches may carry more columns than the model's features (a displacement series read only
 * for the profiles); the first {@code model.dimensions()} are the features.
 *
 * <p><b>Thread safety:</b> none. The arrays returned by {@link #labels()} and {@link #split()} are
 * overwritten by the next call to {@link #label}.
 */
public final class Labeller {
    private final KMeansModel model;
    private final ComputeBackend backend;
    private final TrainTestSplit splitter;
    private final float[] centres;
    private final int d;
    private final ClusterProfileAccumulator profiles;
    private float[] z = new float[0];
    private int[] labels = new int[0];
    private byte[] split = new byte[0];
    private float[] distances = new float[0];
    private double trainInertia;
    private double testInertia;
    private long trainRows;
    private long testRows;
    private long missingRows;

    /**
     * @param columns columns of the batches that will be labelled (at least the feature count)
     */
    public Labeller(KMeansModel model, ComputeBackend backend, int columns) {
        if (columns < model.dimensions()) {
            throw new IllegalArgumentException("batches need at least the " + model.dimensions() + " feature columns");
        }
        this.model = model;
        this.backend = backend;
        this.splitter = new TrainTestSplit(model.options().testFraction(), model.options().seed());
        this.centres = model.centres();
        this.d = model.dimensions();
        this.profiles = new ClusterProfileAccumulator(model.k(), columns);
    }

    /** Labels every row of the batch; read the result with {@link #labels()} and {@link #split()}. */
    public void label(FeatureBatch batch) {
        int n = batch.size();
        if (labels.length < n) {
            labels = new int[n];
            split = new byte[n];
            distances = new float[n];
            z = new float[n * d];
        }
        float[] v = batch.values();
        int stride = batch.columns();
        Standardizer standardizer = model.standardizer();
        standardizer.transform(v, stride, n, z);
        backend.assign(z, n, d, centres, model.k(), labels, distances);
        long[] ids = batch.ids();
        for (int i = 0; i < n; i++) {
            if (BatchedKMeans.allMissing(v, i * stride, d)) {
                split[i] = TrainTestSplit.MISSING;
                labels[i] = -1;
                missingRows++;
            } else if (splitter.isTest(ids[i])) {
                split[i] = TrainTestSplit.TEST;
                testInertia += distances[i];
                testRows++;
            } else {
                split[i] = TrainTestSplit.TRAIN;
                trainInertia += distances[i];
                trainRows++;
            }
        }
        profiles.add(v, stride, 0, labels, 0, n);
    }

    /** Cluster per row of the last batch, -1 for missing rows. */
    public int[] labels() {
        return labels;
    }

    /** {@link TrainTestSplit} code per row of the last batch. */
    public byte[] split() {
        return split;
    }

    /** What the labelling pass found so far. */
    public LabellingResult result() {
        return new LabellingResult(profiles.result(),
                trainRows == 0 ? Double.NaN : trainInertia / trainRows,
                testRows == 0 ? Double.NaN : testInertia / testRows,
                new LayerCounts(trainRows + testRows + missingRows, trainRows, testRows, missingRows));
    }
}
