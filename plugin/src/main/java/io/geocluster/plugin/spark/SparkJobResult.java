package io.geocluster.plugin.spark;

import java.nio.file.Path;

/**
 * What a finished Spark job left: the Parquet folder of labels keyed by the source id and the
 * job's JSON summary (also written beside the labels as {@code _summary.json}).
 *
 * @param output the labels folder, {@code <output root>/<outputName>}
 * @param summaryJson the summary the job reported
 */
public record SparkJobResult(Path output, String summaryJson) {
}
