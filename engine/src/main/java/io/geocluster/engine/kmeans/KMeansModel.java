package io.geocluster.engine.kmeans;

import io.geocluster.engine.stats.Standardizer;
import java.util.List;

/**
 * A trained batched k-means model: the feature map, the centres in that space, and how training
 * went. Immutable; {@link #labeller} labels further batches with it.
 */
public final class KMeansModel {
    private final List<String> features;
    private final Standardizer standardizer;
    private final float[] centres;
    private final int k;
    private final KMeansOptions options;
    private final LayerCounts counts;
    private final long steps;
    private final long reassigned;
    private final List<PassTiming> timings;

    KMeansModel(List<String> features, Standardizer standardizer, float[] centres, KMeansOptions options,
                LayerCounts counts, long steps, long reassigned, List<PassTiming> timings) {
        this.features = List.copyOf(features);
        this.standardizer = standardizer;
        this.centres = centres.clone();
        this.k = options.k();
        this.options = options;
        this.counts = counts;
        this.steps = steps;
        this.reassigned = reassigned;
        this.timings = List.copyOf(timings);
    }

    /** Names of the clustered features, in column order. */
    public List<String> features() {
        return features;
    }

    /** Number of clusters. */
    public int k() {
        return k;
    }

    /** Number of features. */
    public int dimensions() {
        return features.size();
    }

    /** The map from original units to the clustering space. */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** Centres in the clustering space, {@code k × d}; a copy. */
    public float[] centres() {
        return centres.clone();
    }

    /** Centre {@code c} in original units. */
    public double[] centre(int c) {
        return standardizer.inverse(centres, c * dimensions());
    }

    /** The options the model was trained with. */
    public KMeansOptions options() {
        return options;
    }

    /** How the rows were split in the statistics pass. */
    public LayerCounts counts() {
        return counts;
    }

    /** Partial-fit steps taken. */
    public long steps() {
        return steps;
    }

    /** Centres moved by starving-centre reassignment. */
    public long reassigned() {
        return reassigned;
    }

    /** Timings of the passes made so far. */
    public List<PassTiming> timings() {
        return timings;
    }
}
