package io.geocluster.plugin.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geocluster.engine.kmeans.KMeansModel;
import io.geocluster.engine.kmeans.KMeansOptions;
import io.geocluster.engine.kmeans.LabellingResult;
import io.geocluster.engine.kmeans.LayerCounts;
import io.geocluster.engine.kmeans.PassTiming;
import io.geocluster.engine.stats.ClusterProfiles;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.PublishedLayer;
import java.util.List;

/**
 * Writes the JSON summary of a BatchedKMeans run: parameters, row counts, cluster sizes, centres
 * and per-cluster mean and std in original units, inertia, and pass timings.
 */
final class BatchedKMeansSummary {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BatchedKMeansSummary() {
    }

    static String json(BatchedKMeansParameters p, LayerSchema schema, String outputName, KMeansModel model,
                       LabellingResult result, List<PassTiming> timings, String backend, double seconds,
                       PublishedLayer published) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("process", "cluster:BatchedKMeans");
        root.put("layer", schema.name());
        root.put("outputLayer", outputName);
        root.put("output", published.location());
        root.put("style", published.styleLocation());
        root.put("crs", schema.crs());
        KMeansOptions o = model.options();
        ObjectNode params = root.putObject("parameters");
        params.put("k", o.k());
        params.put("batchSize", o.batchSize());
        params.put("initSize", o.initSize());
        params.put("epochs", o.epochs());
        params.put("testFraction", o.testFraction());
        params.put("standardize", o.standardize());
        params.put("seed", o.seed());
        params.put("backend", p.backend());
        params.put("dynamicAttributes", p.dynamicAttributes());
        params.put("staticAttributes", p.staticAttributes());
        root.put("k", model.k());
        root.put("backend", backend);
        ArrayNode features = root.putArray("features");
        model.features().forEach(features::add);
        LayerCounts counts = result.counts();
        ObjectNode rows = root.putObject("rows");
        rows.put("total", counts.rows());
        rows.put("train", counts.train());
        rows.put("test", counts.test());
        rows.put("missing", counts.missing());
        ClusterProfiles profiles = result.profiles();
        ArrayNode sizes = root.putArray("sizes");
        int empty = 0;
        for (long s : profiles.sizes()) {
            sizes.add(s);
            empty += s == 0 ? 1 : 0;
        }
        root.put("emptyClusters", empty);
        ObjectNode inertia = root.putObject("inertiaPerPoint");
        putNumber(inertia, "train", result.trainInertia());
        putNumber(inertia, "test", result.testInertia());
        inertia.put("space", o.standardize() ? "standardised features" : "centred features, original units");
        ArrayNode clusters = root.putArray("clusters");
        List<String> names = model.features();
        for (int c = 0; c < model.k(); c++) {
            ObjectNode cluster = clusters.addObject();
            cluster.put("cluster", c);
            cluster.put("size", profiles.size(c));
            double[] centre = model.centre(c);
            ObjectNode centreNode = cluster.putObject("centre");
            ObjectNode mean = cluster.putObject("mean");
            ObjectNode std = cluster.putObject("std");
            for (int j = 0; j < names.size(); j++) {
                putNumber(centreNode, names.get(j), centre[j]);
                putNumber(mean, names.get(j), profiles.mean(c, j));
                putNumber(std, names.get(j), profiles.std(c, j));
            }
        }
        ObjectNode training = root.putObject("training");
        training.put("partialFitSteps", model.steps());
        training.put("reassignedCentres", model.reassigned());
        ArrayNode passes = root.putArray("passes");
        for (PassTiming t : timings) {
            ObjectNode pass = passes.addObject();
            pass.put("pass", t.pass());
            pass.put("rows", t.rows());
            pass.put("seconds", round(t.seconds()));
            pass.put("rowsPerSecond", t.seconds() > 0 ? Math.round(t.rows() / t.seconds()) : 0);
        }
        root.put("passCount", timings.size());
        root.put("seconds", round(seconds));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary could not be written", e);
        }
    }

    /** JSON has no NaN: undefined numbers become null. */
    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
