package io.geocluster.spark;

import io.geocluster.engine.kmeans.KMeansOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Throughput of the Spark BatchedKMeans (fit + labelling) as the input is split into 1, 2, 4 and 8
 * partitions, in local mode: {@code SparkBench [csv] [master] [k] [repeat] [copies]}; {@code copies}
 * (default 10) repeats the catalogue, with distinct ids, so that the jobs' fixed costs do not hide
 * the arithmetic. The host's bench
 * command cannot run it (the host does not depend on Spark); run it with spark-submit or from the
 * module's test classpath.
 */
public final class SparkBench {
    private SparkBench() {
    }

    public static void main(String[] args) {
        String csv = args.length > 0 ? args[0] : "test-data/insar-catalogue.csv";
        String master = args.length > 1 ? args[1] : "local[*]";
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int repeat = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int copies = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        SparkSession spark = SparkMasters.session(master, "geocluster bench");
        try {
            Dataset<Row> raw = spark.read().option("header", "true").option("inferSchema", "true").csv(csv);
            List<String> features = new ArrayList<>(List.of("height", "mean_velocity", "temporal_coherence",
                    "amplitude_dispersion"));
            for (String c : raw.columns()) {
                if (c.matches("\\d{8}")) {
                    features.add(c);
                }
            }
            raw = raw.select("pid", features.toArray(new String[0]))
                    .crossJoin(spark.range(copies).withColumnRenamed("id", "copy"))
                    .withColumn("pid", functions.concat_ws("_", functions.col("pid"), functions.col("copy")))
                    .drop("copy");
            KMeansOptions options = new KMeansOptions(k, 4096, KMeansOptions.DEFAULT_INIT_SIZE, 1, 0.2, true, 1, 0);
            System.out.printf(Locale.ROOT, "Spark BatchedKMeans on %s ×%d (master %s, %d cores), k %d, %d features, batch %d%n",
                    csv, copies, master, Runtime.getRuntime().availableProcessors(), k, features.size(), options.batchSize());
            System.out.println("partitions  rows      fit s   label s  points/s");
            for (int partitions : new int[] {1, 2, 4, 8}) {
                Dataset<Row> data = raw.repartition(partitions).cache();
                long rows = data.count();
                double fit = Double.POSITIVE_INFINITY;
                double label = Double.POSITIVE_INFINITY;
                for (int r = 0; r < repeat; r++) {
                    long t0 = System.nanoTime();
                    SparkBatchedKMeans.Model model = SparkBatchedKMeans.fit(data, "pid", features, options);
                    long t1 = System.nanoTime();
                    SparkBatchedKMeans.label(data, "pid", model, options.testFraction(), options.seed())
                            .foreach(x -> { });
                    long t2 = System.nanoTime();
                    fit = Math.min(fit, (t1 - t0) / 1e9);
                    label = Math.min(label, (t2 - t1) / 1e9);
                }
                System.out.printf(Locale.ROOT, "%10d  %8d  %6.2f  %7.2f  %9.0f%n", partitions, rows, fit, label,
                        rows / (fit + label));
                data.unpersist();
            }
        } finally {
            spark.stop();
        }
    }
}
