package io.geocluster.spark;

import io.geocluster.engine.iikmc.EmptyClusterRule;
import io.geocluster.engine.iikmc.IikmcOptions;
import io.geocluster.engine.iikmc.IikmcResult;
import io.geocluster.engine.kmeans.KMeansOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit} entry point: {@code batched-kmeans} and {@code iikmc} with the processes'
 * {@code --name value} inputs, plus {@code --sparkMaster} (default: what spark-submit set, else
 * {@code local[*]}), {@code --idAttribute} and, for IIkMC, {@code --keys}. Input is a CSV file or a
 * Parquet / GeoParquet file or folder of partitions; the labels are written as Parquet partitions
 * to {@code --outputName}, with the run's JSON summary beside them ({@code _summary.json}), all or
 * nothing ({@link AtomicOutput}). Progress and the summary are also printed on standard output for
 * the launcher ({@link ProgressLines}).
 */
public final class SparkMain {
    private SparkMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        Map<String, String> in = parse(Arrays.copyOfRange(args, 1, args.length));
        String master = in.getOrDefault("sparkMaster", System.getProperty("spark.master", "local[*]"));
        switch (command) {
            case "batched-kmeans" -> batchedKMeans(in, master);
            case "iikmc" -> iikmc(in, master);
            default -> throw new IllegalArgumentException("unknown command '" + command + "'\n" + usage());
        }
        return 0;
    }

    static String usage() {
        return String.join("\n",
                "usage: spark-submit --master URL geocluster-spark-all.jar batched-kmeans --layer PATH",
                "           [--idAttribute pid|id|fid] [--staticAttributes a,b] [--dynamicAttributes series|prefix_|names]",
                "           [--k 8] [--batchSize 256] [--initSize 25600] [--epochs 1] [--testFraction 0.2]",
                "           [--standardize true] [--seed 0] --outputName OUT_DIR [--sparkMaster URL]",
                "       spark-submit --master URL geocluster-spark-all.jar iikmc --scenes PATH --bands b1,b2,...",
                "           [--keys scene,row,col] [--k 8] [--maxIterations 20] [--tolerance 0.01]",
                "           [--emptyClusters cancel] --outputName OUT_DIR [--sparkMaster URL]",
                "PATH: a .csv file (header line) or a Parquet / GeoParquet file or folder of partitions.");
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }

    static String required(Map<String, String> in, String name) {
        String v = in.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    static Dataset<Row> read(SparkSession spark, String path) {
        if (path.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return spark.read().option("header", "true").option("inferSchema", "true").csv(path);
        }
        return spark.read().parquet(path);
    }

    /** Names, prefixes ({@code emb_} or {@code emb_*}) and {@code series} (every yyyymmdd column), in column order. */
    static List<String> select(String spec, String[] columns) {
        Set<String> out = new LinkedHashSet<>();
        if (spec == null || spec.isBlank()) {
            return new ArrayList<>();
        }
        for (String raw : spec.split(",")) {
            String s = raw.trim();
            boolean found = false;
            for (String c : columns) {
                boolean match = s.equals("series") ? c.matches("\\d{8}")
                        : s.endsWith("*") ? c.startsWith(s.substring(0, s.length() - 1))
                        : c.equals(s) || (s.endsWith("_") && c.startsWith(s));
                if (match) {
                    out.add(c);
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("no column matches '" + s + "'; columns: " + String.join(", ", columns));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The id column: {@code --idAttribute}, else the first of {@code pid}, {@code id}, {@code fid}
     * the input has.
     */
    static String idColumn(Map<String, String> in, String[] columns) {
        String given = in.get("idAttribute");
        List<String> names = List.of(columns);
        if (given != null) {
            if (!names.contains(given)) {
                throw new IllegalArgumentException("--idAttribute " + given + " is not a column; columns: "
                        + String.join(", ", columns));
            }
            return given;
        }
        for (String c : List.of("pid", "id", "fid")) {
            if (names.contains(c)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no pid, id or fid column to key the labels by; give --idAttribute. Columns: "
                + String.join(", ", columns));
    }

    static void batchedKMeans(Map<String, String> in, String master) {
        String layer = required(in, "layer");
        String output = required(in, "outputName");
        KMeansOptions options = new KMeansOptions(
                Integer.parseInt(in.getOrDefault("k", String.valueOf(KMeansOptions.DEFAULT_K))),
                Integer.parseInt(in.getOrDefault("batchSize", String.valueOf(KMeansOptions.DEFAULT_BATCH_SIZE))),
                Integer.parseInt(in.getOrDefault("initSize", String.valueOf(KMeansOptions.DEFAULT_INIT_SIZE))),
                Integer.parseInt(in.getOrDefault("epochs", String.valueOf(KMeansOptions.DEFAULT_EPOCHS))),
                Double.parseDouble(in.getOrDefault("testFraction", String.valueOf(KMeansOptions.DEFAULT_TEST_FRACTION))),
                Boolean.parseBoolean(in.getOrDefault("standardize", "true")),
                Long.parseLong(in.getOrDefault("seed", "0")), 0);
        ProgressLines progress = new ProgressLines(System.out);
        boolean shared = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = SparkMasters.session(master, "geocluster batched-kmeans");
        AtomicOutput out = null;
        try {
            out = new AtomicOutput(spark, output);
            Dataset<Row> data = read(spark, layer);
            String id = idColumn(in, data.columns());
            List<String> features = select(in.get("staticAttributes"), data.columns());
            for (String f : select(in.get("dynamicAttributes"), data.columns())) {
                if (!features.contains(f)) {
                    features.add(f);
                }
            }
            long start = System.nanoTime();
            SparkBatchedKMeans.Model model = SparkBatchedKMeans.fit(data, id, features, options,
                    (phase, done, total) -> {
                        switch (phase) {
                            case "statistics" -> progress.report(phase, 0);
                            case "warm start" -> progress.report(phase, 5);
                            default -> progress.report(phase, 10, 85, done, total);
                        }
                    });
            long fitted = System.nanoTime();
            progress.report("labelling", 85);
            SparkBatchedKMeans.writeLabels(SparkBatchedKMeans.label(data, id, model, options.testFraction(),
                    options.seed()), out.temporary());
            progress.report("summary", 95);
            long[] sizes = sizes(spark, out.temporary(), "cluster", model.k());
            long end = System.nanoTime();
            String summary = batchedKMeansSummary(master, layer, out.target(), id, options, model, sizes,
                    (fitted - start) / 1e9, (end - fitted) / 1e9);
            out.commit(summary);
            progress.report("done", 100);
            progress.summary(summary);
            System.out.printf(Locale.ROOT, "batched-kmeans on %s: %d rows (%d train, %d test, %d missing), k %d, "
                            + "%d features, %d steps, %d reassigned, %.1f s; labels in %s%n", master, model.rows(),
                    model.train(), model.test(), model.missing(), model.k(), features.size(), model.steps(),
                    model.reassigned(), (end - start) / 1e9, output);
        } catch (RuntimeException e) {
            if (out != null) {
                out.abandon();
            }
            throw e;
        } finally {
            if (!shared) { // a session this run started; one the caller already had stays up
                spark.stop();
            }
        }
    }

    /** Rows per label value 0..k-1, read back from the written labels (one column). */
    static long[] sizes(SparkSession spark, String labels, String column, int k) {
        long[] sizes = new long[k];
        for (Row r : spark.read().parquet(labels).groupBy(column).count().collectAsList()) {
            int c = ((Number) r.get(0)).intValue();
            if (c >= 0 && c < k) {
                sizes[c] = r.getLong(1);
            }
        }
        return sizes;
    }

    static String batchedKMeansSummary(String master, String layer, String output, String id, KMeansOptions options,
                                       SparkBatchedKMeans.Model model, long[] sizes, double fitSeconds,
                                       double labelSeconds) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("process", "cluster:BatchedKMeans");
        root.put("engine", "spark");
        root.put("master", master);
        root.put("input", layer);
        root.put("output", output);
        root.put("idAttribute", id);
        root.put("k", model.k());
        ArrayNode features = root.putArray("features");
        model.features().forEach(features::add);
        root.put("rows", model.rows());
        root.put("train", model.train());
        root.put("test", model.test());
        root.put("missing", model.missing());
        ArrayNode sizeArray = root.putArray("sizes");
        for (long n : sizes) {
            sizeArray.add(n);
        }
        ArrayNode centres = root.putArray("centres");
        for (int c = 0; c < model.k(); c++) {
            ArrayNode centre = centres.addArray();
            for (double v : model.centre(c)) {
                centre.add(v);
            }
        }
        root.put("epochs", options.epochs());
        root.put("batchSize", options.batchSize());
        root.put("steps", model.steps());
        root.put("reassigned", model.reassigned());
        root.put("lastBatchInertia", model.lastBatchInertia());
        root.put("seed", options.seed());
        root.put("standardize", options.standardize());
        ObjectNode timings = root.putObject("timings");
        timings.put("fitSeconds", fitSeconds);
        timings.put("labelSeconds", labelSeconds);
        return root.toString();
    }

    static void iikmc(Map<String, String> in, String master) {
        String scenes = required(in, "scenes");
        String output = required(in, "outputName");
        List<String> keys = List.of(in.getOrDefault("keys", "scene,row,col").split(","));
        IikmcOptions options = new IikmcOptions(
                Integer.parseInt(in.getOrDefault("k", String.valueOf(IikmcOptions.DEFAULT_K))),
                Integer.parseInt(in.getOrDefault("maxIterations", String.valueOf(IikmcOptions.DEFAULT_MAX_ITERATIONS))),
                Double.parseDouble(in.getOrDefault("tolerance", String.valueOf(IikmcOptions.DEFAULT_TOLERANCE))),
                EmptyClusterRule.parse(in.getOrDefault("emptyClusters", "cancel")));
        ProgressLines progress = new ProgressLines(System.out);
        boolean shared = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = SparkMasters.session(master, "geocluster iikmc");
        AtomicOutput out = null;
        try {
            out = new AtomicOutput(spark, output);
            Dataset<Row> pixels = read(spark, scenes);
            List<String> bands = select(required(in, "bands"), pixels.columns());
            long start = System.nanoTime();
            progress.report("statistics", 0);
            SparkIikmc.Result result = SparkIikmc.fit(pixels, bands, options, it -> {
                System.out.println("iteration " + it + " done");
                progress.report("iteration " + it, 5, 85, it, options.maxIterations());
            });
            long fitted = System.nanoTime();
            progress.report("labelling", 85);
            SparkIikmc.label(pixels, keys, bands, result).write().parquet(out.temporary());
            long end = System.nanoTime();
            IikmcResult r = result.run();
            String summary = iikmcSummary(master, scenes, out.target(), bands, r, (fitted - start) / 1e9,
                    (end - fitted) / 1e9);
            out.commit(summary);
            progress.report("done", 100);
            progress.summary(summary);
            System.out.printf(Locale.ROOT, "iikmc on %s: %d iterations, converged %s, changed %s, %.1f s; labels in %s%n",
                    master, r.iterations(), r.converged(), Arrays.toString(r.changedFraction()),
                    (end - start) / 1e9, output);
        } catch (RuntimeException e) {
            if (out != null) {
                out.abandon();
            }
            throw e;
        } finally {
            if (!shared) { // a session this run started; one the caller already had stays up
                spark.stop();
            }
        }
    }

    static String iikmcSummary(String master, String scenes, String output, List<String> bands, IikmcResult r,
                               double fitSeconds, double labelSeconds) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("process", "cluster:IIkMC");
        root.put("engine", "spark");
        root.put("master", master);
        root.put("input", scenes);
        root.put("output", output);
        root.put("k", r.k());
        ArrayNode bandArray = root.putArray("bands");
        bands.forEach(bandArray::add);
        root.put("iterations", r.iterations());
        root.put("converged", r.converged());
        ArrayNode changed = root.putArray("changedFraction");
        for (double c : r.changedFraction()) {
            changed.add(c);
        }
        ArrayNode sizes = root.putArray("sizes");
        ArrayNode cancelled = root.putArray("cancelled");
        ArrayNode centres = root.putArray("centres");
        for (int c = 0; c < r.k(); c++) {
            sizes.add(r.sizes()[c]);
            cancelled.add(r.cancelled()[c]);
            ArrayNode centre = centres.addArray();
            for (int b = 0; b < r.bands(); b++) {
                centre.add(r.centres()[c * r.bands() + b]);
            }
        }
        ObjectNode timings = root.putObject("timings");
        timings.put("fitSeconds", fitSeconds);
        timings.put("labelSeconds", labelSeconds);
        return root.toString();
    }
}
