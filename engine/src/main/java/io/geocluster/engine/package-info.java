/**
 * The geocluster engine: batches of numbers in, cluster labels and statistics out. It sees no
 * feature, coverage or catalog; the plugin translates layers to {@link io.geocluster.engine.FeatureBatch}es.
 */
package io.geocluster.engine;
