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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit} entry point: {@code batched-kmeans} and {@code iikmc} with the processes'
 * {@code --name value} inputs, plus {@code --sparkMaster} (default: what spark-submit set, else
 * {@code local[*]}), {@code --idAttribute} and, for IIkMC, {@code --keys}. Input is a CSV file or a
 * Parquet / GeoParquet file or folder of partitions; the labels are written as Parquet partitions
 * to {@code --outputName}.
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
                "           [--idAttribute pid] [--staticAttributes a,b] [--dynamicAttributes series|prefix_|names]",
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

    static void batchedKMeans(Map<String, String> in, String master) {
        String layer = required(in, "layer");
        String output = required(in, "outputName");
        String id = in.getOrDefault("idAttribute", "pid");
        KMeansOptions options = new KMeansOptions(
                Integer.parseInt(in.getOrDefault("k", String.valueOf(KMeansOptions.DEFAULT_K))),
                Integer.parseInt(in.getOrDefault("batchSize", String.valueOf(KMeansOptions.DEFAULT_BATCH_SIZE))),
                Integer.parseInt(in.getOrDefault("initSize", String.valueOf(KMeansOptions.DEFAULT_INIT_SIZE))),
                Integer.parseInt(in.getOrDefault("epochs", String.valueOf(KMeansOptions.DEFAULT_EPOCHS))),
                Double.parseDouble(in.getOrDefault("testFraction", String.valueOf(KMeansOptions.DEFAULT_TEST_FRACTION))),
                Boolean.parseBoolean(in.getOrDefault("standardize", "true")),
                Long.parseLong(in.getOrDefault("seed", "0")), 0);
        boolean shared = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = SparkMasters.session(master, "geocluster batched-kmeans");
        try {
            Dataset<Row> data = read(spark, layer);
            List<String> features = select(in.get("staticAttributes"), data.columns());
            for (String f : select(in.get("dynamicAttributes"), data.columns())) {
                if (!features.contains(f)) {
                    features.add(f);
                }
            }
            long start = System.nanoTime();
            SparkBatchedKMeans.Model model = SparkBatchedKMeans.fit(data, id, features, options);
            SparkBatchedKMeans.writeLabels(SparkBatchedKMeans.label(data, id, model, options.testFraction(),
                    options.seed()), output);
            System.out.printf(Locale.ROOT, "batched-kmeans on %s: %d rows (%d train, %d test, %d missing), k %d, "
                            + "%d features, %d steps, %d reassigned, %.1f s; labels in %s%n", master, model.rows(),
                    model.train(), model.test(), model.missing(), model.k(), features.size(), model.steps(),
                    model.reassigned(), (System.nanoTime() - start) / 1e9, output);
            for (int c = 0; c < model.k(); c++) {
                double[] centre = model.centre(c);
                StringBuilder line = new StringBuilder("centre " + c + ":");
                for (int j = 0; j < Math.min(centre.length, 6); j++) {
                    line.append(String.format(Locale.ROOT, " %s=%.4g", features.get(j), centre[j]));
                }
                System.out.println(line.append(centre.length > 6 ? " …" : ""));
            }
        } finally {
            if (!shared) { // a session this run started; one the caller already had stays up
                spark.stop();
            }
        }
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
        boolean shared = SparkSession.getDefaultSession().isDefined();
        SparkSession spark = SparkMasters.session(master, "geocluster iikmc");
        try {
            Dataset<Row> pixels = read(spark, scenes);
            List<String> bands = select(required(in, "bands"), pixels.columns());
            long start = System.nanoTime();
            SparkIikmc.Result result = SparkIikmc.fit(pixels, bands, options,
                    it -> System.out.println("iteration " + it + " done"));
            SparkIikmc.label(pixels, keys, bands, result).write().mode("overwrite").parquet(output);
            IikmcResult r = result.run();
            System.out.printf(Locale.ROOT, "iikmc on %s: %d iterations, converged %s, changed %s, %.1f s; labels in %s%n",
                    master, r.iterations(), r.converged(), Arrays.toString(r.changedFraction()),
                    (System.nanoTime() - start) / 1e9, output);
            for (int c = 0; c < r.k(); c++) {
                System.out.println("class " + c + (r.cancelled()[c] ? " cancelled" : ": " + r.sizes()[c] + " pixels, centre "
                        + Arrays.toString(Arrays.copyOfRange(r.centres(), c * r.bands(), (c + 1) * r.bands()))));
            }
        } finally {
            if (!shared) { // a session this run started; one the caller already had stays up
                spark.stop();
            }
        }
    }
}
