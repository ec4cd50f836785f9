package io.geocluster.plugin.wps;

import io.geocluster.engine.RunCancelledException;
import io.geocluster.engine.RunMonitor;
import io.geocluster.plugin.spark.SparkJobException;
import io.geocluster.plugin.spi.LayerCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.geoserver.wps.ProcessDismissedException;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.ProcessException;

/**
 * One execution of a cluster process as GeoServer's WPS executor expects it: the listener is told
 * {@code started()} and {@code complete()}, progress and cancellation go through a
 * {@link ListenerMonitor}, a scratch folder lives exactly as long as the run, and failures become
 * what the executor reports well.
 *
 * <p>Failures: invalid inputs ({@link IllegalArgumentException} from the parameters, the
 * attribute selection or the catalog) become a {@link ProcessException} carrying the message
 * as the user should read it — GeoTools would otherwise wrap it as
 * {@code "java.lang.IllegalArgumentException: ..."}. A cancelled run becomes GeoServer's
 * {@link ProcessDismissedException}, the exception its own listener throws for a dismissed or
 * timed-out execution, built from the listener so that a maximum-time message survives.
 * Read and publish failures become a {@link ProcessException} naming the stage; a failed Spark job
 * ({@link SparkJobException}) one carrying spark-submit's error lines.
 */
final class ProcessRun {
    private ProcessRun() {
    }

    /** The body of a run, given its scratch folder, monitor and log. */
    @FunctionalInterface
    interface Work<T> {
        T run(Path scratch, RunMonitor monitor, Consumer<String> log) throws IOException;
    }

    /**
     * Validates inputs, turning an {@link IllegalArgumentException} into a {@link ProcessException}
     * with the same message.
     */
    static <T> T validate(Supplier<T> parse) throws ProcessException {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ProcessException(e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work}.
     *
     * @param listener GeoServer's listener, or {@code null} when called without one
     * @param passes passes the run is expected to make, for progress
     */
    static <T> T execute(LayerCatalog catalog, ProgressListener listener, int passes, Logger logger, Work<T> work)
            throws ProcessException {
        RunMonitor monitor = listener == null ? RunMonitor.NONE : new ListenerMonitor(listener, passes);
        if (listener != null) {
            listener.started();
        }
        Path scratch = null;
        try {
            scratch = catalog.createScratchDirectory();
            T result = work.run(scratch, monitor, line -> logger.logp(Level.INFO, logger.getName(), "execute", line));
            if (listener != null) {
                listener.complete();
            }
            return result;
        } catch (IllegalArgumentException e) {
            throw new ProcessException(e.getMessage(), e);
        } catch (SparkJobException e) {
            throw new ProcessException(e.getMessage(), e);
        } catch (RunCancelledException e) {
            // listener is not null here: RunMonitor.NONE never cancels.
            throw new ProcessDismissedException(listener);
        } catch (IOException | UncheckedIOException e) {
            throw new ProcessException("Reading the layer or publishing the result failed: " + e.getMessage(), e);
        } finally {
            delete(scratch, logger);
        }
    }

    /** The outputs of a run, keyed by the names of the {@code DescribeResult} annotations. */
    static Map<String, Object> results(String layerNameKey, String layerNames, String summaryJson, byte[] profilesPng) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(layerNameKey, layerNames);
        out.put("summary", RawResult.json(summaryJson));
        if (profilesPng != null) { // a Spark run has no chart: its per-cluster statistics stay on the cluster
            out.put("profiles", RawResult.png(profilesPng));
        }
        return out;
    }

    /** Removes the scratch folder; a failure to do so is logged, never hides the run's outcome. */
    private static void delete(Path dir, Logger logger) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            logger.log(Level.WARNING, "Could not remove the scratch folder " + dir, e);
        }
    }
}
