package io.geocluster.engine.kmeans;

import io.geocluster.engine.compute.ComputeBackend;
import java.util.SplittableRandom;

/**
 * The spark module's window on two package-private pieces of {@link BatchedKMeans}, so the Spark
 * driver seeds and filters exactly as the engine does instead of keeping copies. It lives in the
 * engine's package but ships in the spark jar; making the two methods public in the engine would
 * make it unnecessary.
 */
public final class EngineAccess {
    private EngineAccess() {
    }

    /** {@link BatchedKMeans#bestSeeding}: best of 3 k-means++ seedings, each polished by Lloyd on the sample. */
    public static float[] bestSeeding(float[] sample, int n, int d, int k, SplittableRandom random, ComputeBackend backend) {
        return BatchedKMeans.bestSeeding(sample, n, d, k, random, backend);
    }

    /** {@link BatchedKMeans#allMissing}: whether every feature value of the row at {@code offset} is NaN. */
    public static boolean allMissing(float[] v, int offset, int d) {
        return BatchedKMeans.allMissing(v, offset, d);
    }
}
