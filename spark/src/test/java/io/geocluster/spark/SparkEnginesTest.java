package io.geocluster.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.ArrayBatchStream;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.StableHash;
import io.geocluster.engine.compute.CpuBackend;
import io.geocluster.engine.iikmc.EmptyClusterRule;
import io.geocluster.engine.iikmc.IikmcOptions;
import io.geocluster.engine.iikmc.IikmcResult;
import io.geocluster.engine.iikmc.PooledLloyd;
import io.geocluster.engine.kmeans.BatchedKMeans;
import io.geocluster.engine.kmeans.KMeansModel;
import io.geocluster.engine.kmeans.KMeansOptions;
import io.geocluster.engine.stats.AdjustedRandIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark jobs in {@code local[2,3]} (two threads, a task may fail up to 3 times) against the
 * single-machine engine on the bundled data. One session for all tests: starting Spark costs
 * seconds.
 */
class SparkEnginesTest {
    static final Path CSV = Path.of("..", "test-data", "insar-catalogue.csv");
    static final long SEED = 7;
    static SparkSession spark;
    static Dataset<Row> catalogue;
    static List<String> features;
    static SparkBatchedKMeans.Model sparkModel;
    /** Failures the retry test injected; local mode runs tasks in this JVM. */
    static final java.util.concurrent.atomic.AtomicInteger INJECTED = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        spark = SparkMasters.session("local[2,3]", "geocluster-test");
        // 2 MiB splits: the 7.7 MB CSV becomes 4 partitions.
        spark.conf().set("spark.sql.files.maxPartitionBytes", String.valueOf(2 << 20));
        catalogue = spark.read().option("header", "true").option("inferSchema", "true").csv(CSV.toString()).cache();
        features = new ArrayList<>(List.of("height", "mean_velocity", "temporal_coherence", "amplitude_dispersion"));
        for (String c : catalogue.columns()) {
            if (c.matches("\\d{8}")) {
                features.add(c);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static KMeansOptions options() {
        return KMeansOptions.defaults(5, SEED);
    }

    static synchronized SparkBatchedKMeans.Model sparkModel() {
        if (sparkModel == null) {
            sparkModel = SparkBatchedKMeans.fit(catalogue, "pid", features, options());
        }
        return sparkModel;
    }

    static Map<String, Integer> sparkLabels(SparkBatchedKMeans.Model model) {
        Map<String, Integer> out = new HashMap<>();
        for (Row r : SparkBatchedKMeans.label(catalogue, "pid", model, options().testFraction(), SEED).collectAsList()) {
            out.put(r.getString(0), r.getInt(1));
        }
        return out;
    }

    @Test
    void batchedKMeansMatchesTheEngine() throws IOException {
        assertTrue(catalogue.javaRDD().getNumPartitions() >= 4, "partitions " + catalogue.javaRDD().getNumPartitions());
        // The single-machine engine on the same rows, ids and seed.
        List<String> lines = Files.readAllLines(CSV);
        String[] header = lines.get(0).split(",");
        int[] cols = new int[features.size()];
        int pidCol = -1;
        int truthCol = -1;
        for (int c = 0; c < header.length; c++) {
            int f = features.indexOf(header[c]);
            if (f >= 0) {
                cols[f] = c;
            }
            pidCol = header[c].equals("pid") ? c : pidCol;
            truthCol = header[c].equals("truth") ? c : truthCol;
        }
        int n = lines.size() - 1;
        int d = features.size();
        float[] values = new float[n * d];
        long[] ids = new long[n];
        String[] pids = new String[n];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            for (int j = 0; j < d; j++) {
                values[i * d + j] = f[cols[j]].isEmpty() ? Float.NaN : Float.parseFloat(f[cols[j]]);
            }
            pids[i] = f[pidCol];
            ids[i] = StableHash.of(pids[i]);
            truth[i] = Integer.parseInt(f[truthCol]);
        }
        KMeansModel engine;
        try (CpuBackend cpu = new CpuBackend(1)) {
            engine = BatchedKMeans.fit(new ArrayBatchStream(values, d, ids, null, null, 4096), features, options(), cpu,
                    RunMonitor.NONE);
        }
        float[] z = new float[d];
        int[] engineLabels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float x = values[i * d + j];
                z[j] = x == x ? (float) ((x - engine.standardizer().mean(j)) * engine.standardizer().scale(j)) : 0f;
            }
            engineLabels[i] = Rows.nearest(z, 0, d, engine.centres(), engine.k(), null);
        }

        SparkBatchedKMeans.Model model = sparkModel();
        assertEquals(n, model.rows());
        assertEquals(engine.counts().train(), model.train());
        assertEquals(engine.counts().test(), model.test());
        Map<String, Integer> labels = sparkLabels(model);
        int[] spark = new int[n];
        for (int i = 0; i < n; i++) {
            spark[i] = labels.get(pids[i]);
        }
        double vsEngine = AdjustedRandIndex.of(spark, engineLabels);
        double vsTruth = AdjustedRandIndex.of(spark, truth);
        double engineVsTruth = AdjustedRandIndex.of(engineLabels, truth);
        System.out.printf("spark vs engine ARI %.4f, spark vs truth %.4f, engine vs truth %.4f, steps %d%n",
                vsEngine, vsTruth, engineVsTruth, model.steps());
        assertTrue(vsEngine >= 0.98, "ARI spark vs engine " + vsEngine);
        assertTrue(vsTruth >= 0.98, "ARI spark vs truth " + vsTruth);
    }

    @Test
    void aFailedTaskIsRetriedWithoutCorruptingCentres() {
        SparkBatchedKMeans.Model clean = sparkModel();
        SparkBatchedKMeans.Model retried = SparkBatchedKMeans.fit(catalogue, "pid", features, options(),
                (step, partition) -> {
                    if (step == 5 && partition == 1 && TaskContext.get().attemptNumber() == 0) {
                        INJECTED.incrementAndGet();
                        throw new IllegalStateException("injected failure of step 5, partition 1");
                    }
                });
        assertEquals(1, INJECTED.get(), "one task failed and was retried");
        assertEquals(clean.steps(), retried.steps());
        float[] a = clean.centres();
        float[] b = retried.centres();
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4, "centre value " + i);
        }
        assertEquals(sparkLabels(clean), sparkLabels(retried));
    }

    @Test
    void aBadMasterUrlFailsQuicklyNamingIt() {
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> SparkMasters.session("nonsense://x", "t"));
        assertTrue(malformed.getMessage().contains("nonsense://x"), malformed.getMessage());
        // Well formed but nobody listens (port 1 on loopback: refused at once, no DNS involved).
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            IllegalArgumentException unreachable = assertThrows(IllegalArgumentException.class,
                    () -> SparkMasters.session("spark://127.0.0.1:1", "t"));
            assertTrue(unreachable.getMessage().contains("spark://127.0.0.1:1"), unreachable.getMessage());
            assertTrue(unreachable.getMessage().contains("not reachable"), unreachable.getMessage());
        });
        SparkMasters.validate("local[2]");
        SparkMasters.validate("local[*]");
        SparkMasters.validate("yarn");
    }

    @Test
    void iikmcMatchesPooledLloyd(@TempDir Path tmp) {
        // Three synthetic 100 × 100 "scenes" of 4 bands: 5 spectral classes and some invalid pixels.
        int bands = 4;
        int classes = 5;
        SplittableRandom random = new SplittableRandom(11);
        float[][] signatures = new float[classes][bands];
        for (float[] s : signatures) {
            for (int b = 0; b < bands; b++) {
                s[b] = (float) random.nextDouble(0.02, 0.5);
            }
        }
        List<Row> rows = new ArrayList<>();
        List<float[]> valid = new ArrayList<>();
        for (int scene = 0; scene < 3; scene++) {
            for (int y = 0; y < 100; y++) {
                for (int x = 0; x < 100; x++) {
                    int c = ((x / 20) + (y / 25) + scene) % classes;
                    Object[] o = new Object[3 + bands];
                    o[0] = scene;
                    o[1] = y;
                    o[2] = x;
                    float[] v = new float[bands];
                    boolean invalid = random.nextInt(50) == 0;
                    for (int b = 0; b < bands; b++) {
                        v[b] = (float) (signatures[c][b] + 0.03 * random.nextGaussian());
                        o[3 + b] = invalid ? Float.NaN : v[b];
                    }
                    if (!invalid) {
                        valid.add(v);
                    }
                    rows.add(RowFactory.create(o));
                }
            }
        }
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("scene", DataTypes.IntegerType, false),
                DataTypes.createStructField("row", DataTypes.IntegerType, false),
                DataTypes.createStructField("col", DataTypes.IntegerType, false)));
        List<String> bandNames = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            bandNames.add("b" + (b + 1));
            fields.add(DataTypes.createStructField("b" + (b + 1), DataTypes.FloatType, true));
        }
        StructType schema = new StructType(fields.toArray(new StructField[0]));
        // Written and read back as Parquet partitions, as a cluster would read them.
        String dir = tmp.resolve("pixels").toString();
        spark.createDataFrame(rows, schema).repartition(4).write().parquet(dir);
        Dataset<Row> pixels = spark.read().parquet(dir);

        IikmcOptions options = new IikmcOptions(8, 20, 0.01, EmptyClusterRule.CANCEL);
        List<Long> progress = new ArrayList<>();
        SparkIikmc.Result onSpark = SparkIikmc.fit(pixels, bandNames, options, progress::add);
        List<Row> labelled = SparkIikmc.label(pixels, List.of("scene", "row", "col"), bandNames, onSpark).collectAsList();

        float[] block = new float[valid.size() * bands];
        for (int i = 0; i < valid.size(); i++) {
            System.arraycopy(valid.get(i), 0, block, i * bands, bands);
        }
        byte[] engineLabels = new byte[valid.size()];
        IikmcResult engine;
        try (CpuBackend cpu = new CpuBackend(1)) {
            engine = new PooledLloyd(options, cpu).run(new float[][] {block}, bands, new byte[][] {engineLabels},
                    RunMonitor.NONE);
        }
        IikmcResult run = onSpark.run();
        System.out.printf("iikmc: spark %d iterations %s, engine %d iterations %s%n", run.iterations(),
                java.util.Arrays.toString(run.changedFraction()), engine.iterations(),
                java.util.Arrays.toString(engine.changedFraction()));
        assertEquals(engine.iterations(), run.iterations());
        assertEquals(run.iterations(), progress.size());
        assertArrayEquals(engine.cancelled(), run.cancelled());
        for (int i = 0; i < engine.centres().length; i++) {
            float e = engine.centres()[i];
            assertTrue(Float.isNaN(e) ? Float.isNaN(run.centres()[i]) : Math.abs(e - run.centres()[i]) < 1e-4,
                    "centre value " + i + ": " + e + " vs " + run.centres()[i]);
        }
        // Labels by pixel, in the order the valid pixels were generated.
        Map<Long, Integer> byPixel = new HashMap<>();
        int invalid = 0;
        for (Row r : labelled) {
            byPixel.put(r.getInt(0) * 100_000L + r.getInt(1) * 1000L + r.getInt(2), r.getInt(3));
            invalid += r.getInt(3) == 255 ? 1 : 0;
        }
        assertEquals(rows.size() - valid.size(), invalid);
        int[] a = new int[valid.size()];
        int[] b = new int[valid.size()];
        int i = 0;
        for (Row r : rows) {
            if (Float.isNaN((Float) r.get(3))) {
                continue;
            }
            a[i] = byPixel.get(r.getInt(0) * 100_000L + r.getInt(1) * 1000L + r.getInt(2));
            b[i] = engineLabels[i] & 0xFF;
            i++;
        }
        double ari = AdjustedRandIndex.of(a, b);
        assertTrue(ari >= 0.99, "ARI spark vs PooledLloyd " + ari);
    }

    @Test
    void theCommandWritesParquetLabelsKeyedBySourceId(@TempDir Path tmp) {
        String out = tmp.resolve("labels").toString();
        assertEquals(0, SparkMain.run(new String[] {"batched-kmeans", "--layer", CSV.toString(),
                "--staticAttributes", "height,mean_velocity,temporal_coherence,amplitude_dispersion",
                "--dynamicAttributes", "series", "--k", "5", "--seed", String.valueOf(SEED),
                "--outputName", out, "--sparkMaster", "local[2,3]"}));
        Dataset<Row> labels = spark.read().parquet(out);
        assertEquals(List.of("pid", "cluster", "split"), List.of(labels.columns()));
        assertEquals(20_000, labels.count());
        assertEquals(20_000, labels.select("pid").distinct().count());
        assertEquals(5, labels.select("cluster").distinct().count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkMain.run(new String[] {
                "batched-kmeans", "--layer", CSV.toString(), "--staticAttributes", "no_such_column",
                "--outputName", tmp.resolve("other").toString(), "--sparkMaster", "local[2,3]"}));
        assertTrue(e.getMessage().contains("no_such_column"), e.getMessage());
    }
}
