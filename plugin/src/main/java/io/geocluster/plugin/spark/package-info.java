/**
 * Handing a clustering run to Apache Spark without depending on Spark: the {@code engine} input
 * ({@link io.geocluster.plugin.spark.ExecutionEngine}), the administrator's settings
 * ({@link io.geocluster.plugin.spark.SparkEngineSettings}), the master URL check
 * ({@link io.geocluster.plugin.spark.SparkMasterUrl}) and the {@code spark-submit} launcher that
 * forwards the job's progress and cancels it ({@link io.geocluster.plugin.spark.SparkSubmitter}).
 * The job itself is the spark module's {@code SparkMain}; the plugin jar and the admin zip carry
 * no Spark classes.
 */
package io.geocluster.plugin.spark;
