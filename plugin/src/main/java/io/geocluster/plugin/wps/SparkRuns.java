package io.geocluster.plugin.wps;

import io.geocluster.plugin.process.BatchedKMeansParameters;
import io.geocluster.plugin.process.IikmcParameters;
import io.geocluster.plugin.spark.SparkEngineSettings;
import io.geocluster.plugin.spark.SparkJobResult;
import io.geocluster.plugin.spark.SparkSubmitter;
import io.geocluster.plugin.spi.LayerCatalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.ProcessException;

/**
 * The {@code engine=spark} branch of cluster:BatchedKMeans and cluster:IIkMC: checks that the
 * administrator configured Spark and that the inputs are ones the Spark jobs take, resolves the
 * layer to the file Spark reads ({@link LayerCatalog#sparkInput}), and runs the job through
 * {@link SparkSubmitter} inside a {@link ProcessRun}, so progress, cancellation and errors reach
 * GeoServer as for a local run.
 *
 * <p>Outputs: the primary output is the labels folder {@code <output root>/<outputName>} (Parquet
 * keyed by the source id, not a published map layer), {@code summary} the job's JSON summary; no
 * {@code profiles} chart.
 */
final class SparkRuns {
    /** Output names: one folder name under the administrator's root, never a path. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,127}");

    private SparkRuns() {
    }

    /** cluster:BatchedKMeans as the spark module's {@code batched-kmeans} job. */
    static Map<String, Object> batchedKMeans(LayerCatalog catalog, SparkEngineSettings configured,
                                             BatchedKMeansParameters p, ProgressListener listener, Logger logger)
            throws ProcessException {
        SparkEngineSettings settings = ProcessRun.validate(() -> {
            refuse(p.keepAttributes(), "keepAttributes", "the Spark job writes (id, cluster, split); join the labels back"
                    + " to the layer by its id");
            refuse(p.style(), "style", "the labels are not published as a map layer");
            refuse(p.workspace(), "workspace", "the labels are written under the administrator's Spark output folder");
            if (p.dynamicAttributes() != null && p.dynamicAttributes().toLowerCase(Locale.ROOT).contains("reservoir")) {
                throw new IllegalArgumentException("dynamicAttributes=reservoir is not available with engine=spark; use"
                        + " engine=local, or 'series' / attribute names.");
            }
            return configured.require(System.getenv());
        });
        String name = outputName(p.outputName(), localName(p.layer()) + "_clusters");
        Map<String, String> inputs = new LinkedHashMap<>();
        put(inputs, "staticAttributes", p.staticAttributes());
        put(inputs, "dynamicAttributes", p.dynamicAttributes());
        put(inputs, "k", p.options().k());
        put(inputs, "batchSize", p.options().batchSize());
        put(inputs, "initSize", p.options().initSize());
        put(inputs, "epochs", p.options().epochs());
        put(inputs, "testFraction", p.options().testFraction());
        put(inputs, "standardize", p.options().standardize());
        put(inputs, "seed", p.options().seed());
        return run(catalog, settings, "batched-kmeans", "layer", p.layer(), inputs, name, "layerName", listener, logger);
    }

    /**
     * cluster:IIkMC as the spark module's {@code iikmc} job: {@code scenes} names one CSV or
     * Parquet layer of pixel rows ({@code scene,row,col} and the band columns, masked when written),
     * not coverages.
     */
    static Map<String, Object> iikmc(LayerCatalog catalog, SparkEngineSettings configured, IikmcParameters p,
                                     ProgressListener listener, Logger logger) throws ProcessException {
        SparkEngineSettings settings = ProcessRun.validate(() -> {
            if (p.scenes().size() != 1) {
                throw new IllegalArgumentException("engine=spark reads the pixels of all scenes from one CSV or Parquet"
                        + " layer of pixel rows (scene,row,col and the bands); scenes must name that one layer, got "
                        + p.scenes().size() + ". Coverages cannot be handed to Spark: write their pixels as Parquet"
                        + " (see the spark README) or use engine=local.");
            }
            refuse(p.workspace(), "workspace", "the labels are written under the administrator's Spark output folder");
            if (p.options().emptyClusters() != io.geocluster.engine.iikmc.EmptyClusterRule.CANCEL) {
                throw new IllegalArgumentException("emptyClusters=reseed is not available with engine=spark; use cancel.");
            }
            return configured.require(System.getenv());
        });
        String name = outputName(p.outputName(), "iikmc");
        Map<String, String> inputs = new LinkedHashMap<>();
        put(inputs, "bands", String.join(",", p.bands()));
        put(inputs, "k", p.options().k());
        put(inputs, "maxIterations", p.options().maxIterations());
        put(inputs, "tolerance", p.options().tolerance());
        put(inputs, "emptyClusters", "cancel");
        return run(catalog, settings, "iikmc", "scenes", p.scenes().get(0), inputs, name, "layerNames", listener, logger);
    }

    private static Map<String, Object> run(LayerCatalog catalog, SparkEngineSettings settings, String command,
                                           String layerInput, String layer, Map<String, String> options, String name,
                                           String resultKey, ProgressListener listener, Logger logger)
            throws ProcessException {
        return ProcessRun.execute(catalog, listener, 1, logger, (scratch, monitor, log) -> {
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put(layerInput, catalog.sparkInput(layer)); // the file Spark reads, never the caller's text
            inputs.putAll(options);
            Path output = settings.output().resolve(name);
            SparkJobResult r = new SparkSubmitter(settings).run(command, inputs, output, monitor, log);
            return ProcessRun.results(resultKey, r.output().toString(), r.summaryJson(), null);
        });
    }

    private static void refuse(String value, String input, String why) {
        if (value != null && !value.isBlank()) {
            throw new IllegalArgumentException(input + " is not available with engine=spark: " + why + ".");
        }
    }

    private static void put(Map<String, String> inputs, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            inputs.put(name, value.toString());
        }
    }

    /** The layer's name without its workspace prefix, as a folder name. */
    private static String localName(String layer) {
        String local = layer.substring(layer.lastIndexOf(':') + 1);
        local = local.substring(Math.max(local.lastIndexOf('/'), local.lastIndexOf('\\')) + 1).replaceFirst("\\.[^.]*$", "");
        return local.replaceAll("[^A-Za-z0-9_.\\-]", "_");
    }

    /** The output folder's name: letters, digits, '_', '-', '.', not starting with '.'. */
    static String outputName(String given, String fallback) throws ProcessException {
        String name = given == null || given.isBlank() ? fallback : given.strip();
        if (!NAME.matcher(name).matches()) {
            throw new ProcessException("outputName must be a folder name (letters, digits, '_', '-', '.'; not starting"
                    + " with '.') with engine=spark, got '" + name + "'.");
        }
        return name;
    }
}
