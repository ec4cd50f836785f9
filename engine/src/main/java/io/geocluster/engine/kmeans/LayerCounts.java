package io.geocluster.engine.kmeans;

/**
 * How the rows of a layer were split.
 *
 * @param rows all rows read
 * @param train rows trained on
 * @param test rows held out
 * @param missing rows whose features were all missing, not clustered
 */
public record LayerCounts(long rows, long train, long test, long missing) {
}
