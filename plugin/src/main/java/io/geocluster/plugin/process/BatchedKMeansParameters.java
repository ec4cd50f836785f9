package io.geocluster.plugin.process;

import io.geocluster.engine.kmeans.KMeansOptions;
import io.geocluster.engine.reservoir.ReservoirOptions;
import io.geocluster.plugin.spark.ExecutionEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The validated inputs of {@code cluster:BatchedKMeans} (DESIGN.md §3).
 *
 * @param layer the layer to cluster: a catalog name in GeoServer, a file path in the host
 * @param dynamicAttributes dynamic features (names, prefixes, or {@code series}); may be null
 * @param staticAttributes static features; may be null
 * @param keepAttributes source attributes copied to the output layer; may be null
 * @param options the clustering hyperparameters
 * @param backend {@code auto}, {@code cpu} or {@code gpu}
 * @param outputName name of the published layer; null means {@code <layer>_clusters}
 * @param workspace target workspace; null means the default one
 * @param style name or location of a style to publish instead of the generated one; may be null
 * @param reservoir the reservoir embedding's hyperparameters, used when {@code dynamicAttributes}
 *        holds {@code reservoir}
 */
public record BatchedKMeansParameters(String layer, String dynamicAttributes, String staticAttributes,
                                      String keepAttributes, KMeansOptions options, String backend,
                                      String outputName, String workspace, String style, ReservoirOptions reservoir) {
    /**
     * The {@code engine} input ({@code local} or {@code spark}) of the processes that can hand a
     * run to Spark: BatchedKMeans and IIkMC. SmoothedKMeans does not offer it.
     */
    public static final ProcessParameter ENGINE = ProcessParameter.optional(ExecutionEngine.INPUT, String.class, "local",
            ExecutionEngine.DESCRIPTION);

    /** Every input of the process, in the order help texts list them. */
    public static final List<ProcessParameter> PARAMETERS;

    static {
        List<ProcessParameter> all = new ArrayList<>(List.of(
                ProcessParameter.required("layer", "Point layer to cluster (catalog name, or a .gpkg/.csv file in the host)."),
                ProcessParameter.optional("dynamicAttributes", String.class, null,
                        "Dynamic features: attribute names or prefixes (emb_ or emb_*), comma separated; 'series' selects every per-date yyyymmdd column, 'reservoir' their reservoir embedding."),
                ProcessParameter.optional("staticAttributes", String.class, null,
                        "Static features: attribute names or prefixes, comma separated."),
                ProcessParameter.optional("keepAttributes", String.class, null,
                        "Source attributes copied to the output layer, comma separated."),
                ProcessParameter.number("k", Integer.class, Integer.toString(KMeansOptions.DEFAULT_K), 2, KMeansOptions.MAX_K,
                        "Number of clusters."),
                ProcessParameter.number("batchSize", Integer.class, Integer.toString(KMeansOptions.DEFAULT_BATCH_SIZE), 1, 1 << 24,
                        "Rows per mini-batch partial fit."),
                ProcessParameter.number("initSize", Integer.class, Integer.toString(KMeansOptions.DEFAULT_INIT_SIZE), 1, 1 << 24,
                        "Rows of the uniform warm-start sample that k-means++ runs on."),
                ProcessParameter.number("epochs", Integer.class, Integer.toString(KMeansOptions.DEFAULT_EPOCHS), 1, 1000,
                        "Streamed passes of partial fits over the training rows."),
                ProcessParameter.number("testFraction", Double.class, Double.toString(KMeansOptions.DEFAULT_TEST_FRACTION), 0, 0.99,
                        "Fraction of rows held out for testing, chosen by a hash of the feature id."),
                ProcessParameter.optional("standardize", Boolean.class, "true",
                        "Scale every feature to unit variance before clustering."),
                ProcessParameter.optional("seed", Long.class, "0", "Seed of every random choice; equal seeds give equal results."),
                ProcessParameter.optional("backend", String.class, "auto", "Compute backend: auto, cpu or gpu."),
                ENGINE,
                ProcessParameter.optional("outputName", String.class, null, "Name of the published layer (default <layer>_clusters)."),
                ProcessParameter.optional("workspace", String.class, null, "Workspace the result is published in (GeoServer; the command line writes to --output)."),
                ProcessParameter.optional("style", String.class, null,
                        "Style to publish instead of the generated one (an SLD file in the host).")));
        all.addAll(ReservoirParameters.PARAMETERS);
        PARAMETERS = List.copyOf(all);
    }

    /** Checks required parts. */
    public BatchedKMeansParameters {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(reservoir, "reservoir");
    }

    /** Parameters with the default reservoir options (seeded by the clustering seed). */
    public BatchedKMeansParameters(String layer, String dynamicAttributes, String staticAttributes, String keepAttributes,
                                   KMeansOptions options, String backend, String outputName, String workspace, String style) {
        this(layer, dynamicAttributes, staticAttributes, keepAttributes, options, backend, outputName, workspace, style,
                ReservoirOptions.defaults(options.seed()));
    }

    /** Builds the parameters from checked inputs. */
    public static BatchedKMeansParameters from(ProcessInputs in) {
        KMeansOptions options = new KMeansOptions(
                in.get("k", Integer.class),
                in.get("batchSize", Integer.class),
                in.get("initSize", Integer.class),
                in.get("epochs", Integer.class),
                in.get("testFraction", Double.class),
                in.get("standardize", Boolean.class),
                in.get("seed", Long.class),
                0);
        return new BatchedKMeansParameters(in.get("layer", String.class), in.get("dynamicAttributes", String.class),
                in.get("staticAttributes", String.class), in.get("keepAttributes", String.class), options,
                in.get("backend", String.class), in.get("outputName", String.class), in.get("workspace", String.class),
                in.get("style", String.class), ReservoirParameters.options(in, options.seed()));
    }
}
