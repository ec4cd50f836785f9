package io.geocluster.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * All-or-nothing output of a job: the labels and {@code _summary.json} are written into the hidden
 * sibling {@code .<name>.geocluster-tmp} and renamed to {@code <name>} at the end, so the output
 * folder either holds a complete result or does not exist. An output that exists already is
 * refused, never replaced. Through Hadoop's {@link FileSystem}, so the same holds on HDFS.
 *
 * <p>The temporary name must equal the plugin's {@code SparkSubmitter.temporary}, which removes
 * the folder when it kills a job ({@code SparkEngineProcessTest} checks both).
 */
final class AtomicOutput {
    /** The summary's file name: Spark's Parquet reader skips names starting with '_'. */
    static final String SUMMARY_FILE = "_summary.json";

    private final FileSystem fs;
    private final Path target;
    private final Path temporary;

    /**
     * @throws IllegalArgumentException when {@code output} exists
     */
    AtomicOutput(SparkSession spark, String output) {
        try {
            target = new Path(output);
            fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(target)) {
                throw new IllegalArgumentException("--outputName " + output + " already exists; choose another name");
            }
            temporary = new Path(target.getParent(), "." + target.getName() + ".geocluster-tmp");
            fs.delete(temporary, true); // left by a killed run
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the job writes its labels. */
    String temporary() {
        return temporary.toString();
    }

    /** Where the labels end up. */
    String target() {
        return target.toString();
    }

    /** Writes the summary beside the labels and renames the folder to its final name. */
    void commit(String summaryJson) {
        try (OutputStream out = fs.create(new Path(temporary, SUMMARY_FILE), false)) {
            out.write(summaryJson.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (!fs.rename(temporary, target)) {
                throw new IOException("could not rename " + temporary + " to " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the temporary folder of a run that failed; a failure here must not hide the first one. */
    void abandon() {
        try {
            fs.delete(temporary, true);
        } catch (IOException ignored) {
            // the job's own failure is what gets reported
        }
    }
}
