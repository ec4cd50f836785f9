package io.geocluster.host.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Spark rows of {@code geocluster bench}: BatchedKMeans points/s in Spark local mode as the
 * partitions grow from 1 to 8, measured by the spark module's {@code SparkBench} run through
 * {@code spark-submit} (the host does not depend on Spark). Without spark-submit or the spark
 * jar, one line says why and the bench goes on.
 */
final class SparkBenchRows {
    private SparkBenchRows() {
    }

    static void print(PrintStream out) {
        String submit;
        Path jar;
        try {
            submit = SparkSubmit.submitter();
            jar = SparkSubmit.jar(null);
        } catch (IllegalArgumentException | IOException e) {
            out.println("Spark rows: not measured: " + e.getMessage());
            return;
        }
        Path csv = Path.of("test-data", "insar-catalogue.csv");
        if (!Files.isRegularFile(csv)) {
            out.println("Spark rows: not measured: run the bench from the repository root (it reads " + csv + ")");
            return;
        }
        out.println("Spark BatchedKMeans, local mode, bundled catalogue x10 (points/s by partitions):");
        try {
            Process p = new ProcessBuilder(List.of(submit, "--master", "local[*]", "--class", "io.geocluster.spark.SparkBench",
                    jar.toString(), csv.toString(), "local[*]")).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
                // SparkBench prints its table; Spark's own log lines are left out.
                if (!line.isBlank() && !line.contains(" INFO ") && !line.contains(" WARN ")
                        && !line.startsWith("Using Spark's default log4j")) {
                    out.println("  " + line);
                }
            }
        } catch (IOException e) {
            out.println("  spark-submit failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
