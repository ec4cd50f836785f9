package io.geocluster.spark;

import io.geocluster.engine.StableHash;
import io.geocluster.engine.compute.CpuBackend;
import io.geocluster.engine.kmeans.KMeansOptions;
import io.geocluster.engine.kmeans.BatchedKMeans;
import io.geocluster.engine.kmeans.KMeansPlusPlus;
import io.geocluster.engine.kmeans.TrainTestSplit;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * BatchedKMeans as Spark jobs, with the engine's semantics.
 *
 * <ol>
 *   <li><b>Statistics:</b> one aggregate of per-column count, mean and M2 (Chan's merge) over the
 *       training rows, and the row counts (train / test by {@link TrainTestSplit}, missing when every
 *       feature is NaN). The standardisation is the engine's: {@code z = (x − mean)/std}, NaN → 0.</li>
 *   <li><b>Training rows</b> are standardised once into one {@code float[]} block per partition and
 *       cached ({@code MEMORY_AND_DISK}).</li>
 *   <li><b>Warm start:</b> a sample of at most {@code initSize} rows (all training rows when they
 *       fit) is collected in partition order; on the driver, the best of 3 k-means++ seedings
 *       ({@link KMeansPlusPlus}) each polished by up to 20 Lloyd iterations on the sample, as the
 *       engine's {@code BatchedKMeans} does.</li>
 *   <li><b>Mini-batch steps</b> ({@code epochs · ⌈train / batchSize⌉} of them): the driver draws how
 *       many of the {@code batchSize} rows each partition contributes (uniform over all training
 *       rows, seeded by step); each partition draws its rows by a generator seeded by
 *       (seed, step, partition), so a retried task draws the same rows; one {@code treeAggregate} of
 *       per-centre sums, counts, batch inertia and a few random batch rows against the broadcast
 *       centres; the driver applies the engine's counts-based update
 *       {@code c ← (c·W_c + Σx)/(W_c + n_b)}, {@code W_c += n_b}, and moves starving centres
 *       ({@code W_c < 0.01·max W}) onto random batch rows.</li>
 *   <li><b>Labelling</b> is a map: (source id, cluster, split) per input row.</li>
 * </ol>
 *
 * <p>Results are deterministic for a given seed and partitioning, up to the order in which Spark
 * merges partial sums (double additions in a different order may differ in the last bit).
 */
public final class SparkBatchedKMeans {
    static final double REASSIGNMENT_RATIO = 0.01;

    private SparkBatchedKMeans() {
    }

    /** Called on executors before each mini-batch task; tests use it to fail a task. */
    interface TaskHook extends Serializable {
        void beforeStep(long step, int partition);
    }

    /** A trained model: centres in standardised units and the standardisation. */
    public record Model(List<String> features, int k, float[] centres, double[] mean, double[] scale, long rows,
                        long train, long test, long missing, long steps, long reassigned, double lastBatchInertia)
            implements Serializable {
        public int dimensions() {
            return mean.length;
        }

        /** Centre {@code c} in the original units of the features. */
        public double[] centre(int c) {
            int d = mean.length;
            double[] out = new double[d];
            for (int j = 0; j < d; j++) {
                out[j] = centres[c * d + j] / scale[j] + mean[j];
            }
            return out;
        }
    }

    /** Trains on {@code data}; {@code idColumn} feeds the train/test split, {@code features} the model. */
    public static Model fit(Dataset<Row> data, String idColumn, List<String> features, KMeansOptions options) {
        return fit(data, idColumn, features, options, (TaskHook) null, null);
    }

    static Model fit(Dataset<Row> data, String idColumn, List<String> features, KMeansOptions options, TaskHook hook) {
        return fit(data, idColumn, features, options, hook, null);
    }

    /**
     * Driver-side progress of {@link #fit}: the statistics, the warm start, then every mini-batch
     * step ({@code done} of {@code total}).
     */
    public interface Progress {
        /** @param phase {@code statistics}, {@code warm start} or {@code training} */
        void report(String phase, long done, long total);
    }

    /** {@link #fit(Dataset, String, List, KMeansOptions)} reporting its progress (may be null). */
    public static Model fit(Dataset<Row> data, String idColumn, List<String> features, KMeansOptions options,
                            Progress progress) {
        return fit(data, idColumn, features, options, null, progress);
    }

    static Model fit(Dataset<Row> data, String idColumn, List<String> features, KMeansOptions options, TaskHook hook,
                     Progress progress) {
        final Progress report = progress == null ? (phase, done, total) -> { } : progress;
        report.report("statistics", 0, 1);
        final int d = features.size();
        if (d == 0) {
            throw new IllegalArgumentException("No feature attributes were selected.");
        }
        final int k = options.k();
        final long seed = options.seed();
        final double testFraction = options.testFraction();
        final int[] cols = Rows.indices(data, features);
        final int idCol = Rows.indices(data, List.of(idColumn))[0];
        JavaRDD<Row> rows = data.javaRDD();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());

        // Statistics.
        Moments stats = rows.mapPartitions((Iterator<Row> it) -> {
            Moments m = new Moments(d);
            TrainTestSplit split = new TrainTestSplit(testFraction, seed);
            float[] v = new float[d];
            while (it.hasNext()) {
                Row r = it.next();
                Rows.features(r, cols, v, 0);
                m.rows++;
                if (Rows.allMissing(v, 0, d)) {
                    m.missing++;
                } else if (split.isTest(Rows.id(r, idCol))) {
                    m.test++;
                } else {
                    m.train++;
                    m.add(v);
                }
            }
            return List.of(m).iterator();
        }).treeReduce(Moments::merge);
        validate(features, k, stats);
        report.report("warm start", 0, 1);
        final double[] mean = new double[d];
        final double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double s = stats.count[j] == 0 ? Double.NaN : Math.sqrt(Math.max(0, stats.m2[j] / stats.count[j]));
            mean[j] = stats.count[j] == 0 ? 0 : stats.mean[j];
            scale[j] = options.standardize() && s > 0 && Double.isFinite(s) ? 1 / s : 1;
        }

        // Standardised training rows, one block per partition, cached.
        JavaRDD<float[]> blocks = rows.mapPartitions((Iterator<Row> it) -> {
            TrainTestSplit split = new TrainTestSplit(testFraction, seed);
            float[] out = new float[1024 * d];
            int n = 0;
            float[] v = new float[d];
            while (it.hasNext()) {
                Row r = it.next();
                Rows.features(r, cols, v, 0);
                if (Rows.allMissing(v, 0, d) || split.isTest(Rows.id(r, idCol))) {
                    continue;
                }
                if ((n + 1) * d > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                for (int j = 0; j < d; j++) {
                    float x = v[j];
                    out[n * d + j] = x == x ? (float) ((x - mean[j]) * scale[j]) : 0f;
                }
                n++;
            }
            return List.of(Arrays.copyOf(out, n * d)).iterator();
        }).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Integer> sizes = blocks.map(b -> b.length / d).collect();
            final int partitions = sizes.size();
            long[] cumulative = new long[partitions + 1];
            for (int p = 0; p < partitions; p++) {
                cumulative[p + 1] = cumulative[p] + sizes.get(p);
            }
            long train = cumulative[partitions];

            // Warm start on the driver.
            SplittableRandom random = new SplittableRandom(seed);
            random.nextLong(); // the engine seeds its reservoir here; keeps the seeding draws aligned
            final double keep = Math.min(1.0, (double) options.initSize() / train);
            final long sampleSeed = seed;
            List<float[]> parts = blocks.map(b -> {
                if (keep >= 1) {
                    return b;
                }
                int n = b.length / d;
                SplittableRandom r = new SplittableRandom(StableHash.mix(sampleSeed ^ (0x5DEECE66DL * (TaskContext.getPartitionId() + 1))));
                float[] out = new float[n * d];
                int m = 0;
                for (int i = 0; i < n; i++) {
                    if (r.nextDouble() < keep) {
                        System.arraycopy(b, i * d, out, m++ * d, d);
                    }
                }
                return Arrays.copyOf(out, m * d);
            }).collect();
            int sampleRows = 0;
            for (float[] p : parts) {
                sampleRows += p.length / d;
            }
            float[] sample = new float[sampleRows * d];
            int at = 0;
            for (float[] p : parts) {
                System.arraycopy(p, 0, sample, at, p.length);
                at += p.length;
            }
            float[] centres = bestSeeding(sample, sampleRows, d, k, random);

            // Mini-batch steps.
            double[] weights = new double[k];
            int batchSize = options.batchSize();
            long stepsPerEpoch = (train + batchSize - 1) / batchSize;
            long totalSteps = stepsPerEpoch * options.epochs();
            long rowsSinceCheck = 0;
            long reassigned = 0;
            double lastInertia = 0;
            for (long step = 0; step < totalSteps; step++) {
                final int[] take = new int[partitions];
                SplittableRandom stepRandom = new SplittableRandom(StableHash.mix(seed + 0x9E3779B97F4A7C15L * (step + 1)));
                for (int b = 0; b < batchSize; b++) {
                    long r = stepRandom.nextLong(train);
                    int p = Arrays.binarySearch(cumulative, r);
                    p = p >= 0 ? p : -p - 2;
                    while (cumulative[p + 1] <= r) {
                        p++;
                    }
                    take[p]++;
                }
                Broadcast<float[]> current = jsc.broadcast(centres);
                final long s = step;
                final long stepSeed = StableHash.mix(seed ^ (0xBF58476D1CE4E5B9L * (step + 1)));
                StepSums sums = blocks.treeAggregate(new StepSums(k, d), (acc, block) -> {
                    int p = TaskContext.getPartitionId();
                    if (hook != null) {
                        hook.beforeStep(s, p);
                    }
                    acc.add(block, d, take[p], current.value(), k, stepSeed, p);
                    return acc;
                }, StepSums::merge, 2);
                current.destroy();
                lastInertia = sums.inertia;
                applyUpdate(centres, weights, sums, k, d);
                rowsSinceCheck += batchSize;
                if (rowsSinceCheck >= 10L * k || hasZero(weights)) {
                    rowsSinceCheck = 0;
                    reassigned += reassignStarving(centres, weights, sums, k, d, batchSize);
                }
                report.report("training", step + 1, totalSteps);
            }
            return new Model(List.copyOf(features), k, centres, mean, scale, stats.rows, stats.train, stats.test,
                    stats.missing, totalSteps, reassigned, lastInertia);
        } finally {
            blocks.unpersist(false);
        }
    }

    /**
     * Labels every row of {@code data}: columns {@code idColumn} (as in the input), {@code cluster}
     * (int, -1 for a row without any feature value) and {@code split} (train, test or missing).
     */
    public static Dataset<Row> label(Dataset<Row> data, String idColumn, Model model, double testFraction, long seed) {
        final int d = model.dimensions();
        final int k = model.k();
        final int[] cols = Rows.indices(data, model.features());
        final int idCol = Rows.indices(data, List.of(idColumn))[0];
        StructField idField = data.schema().fields()[idCol];
        StructType schema = new StructType(new StructField[] {
                idField,
                DataTypes.createStructField("cluster", DataTypes.IntegerType, false),
                DataTypes.createStructField("split", DataTypes.StringType, false)});
        SparkSession spark = data.sparkSession();
        Broadcast<Model> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model);
        JavaRDD<Row> out = data.javaRDD().mapPartitions((Iterator<Row> it) -> {
            Model m = b.value();
            TrainTestSplit split = new TrainTestSplit(testFraction, seed);
            float[] v = new float[d];
            float[] z = new float[d];
            List<Row> labelled = new ArrayList<>();
            while (it.hasNext()) {
                Row r = it.next();
                Rows.features(r, cols, v, 0);
                if (Rows.allMissing(v, 0, d)) {
                    labelled.add(RowFactory.create(r.get(idCol), -1, TrainTestSplit.name(TrainTestSplit.MISSING)));
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    float x = v[j];
                    z[j] = x == x ? (float) ((x - m.mean()[j]) * m.scale()[j]) : 0f;
                }
                int c = Rows.nearest(z, 0, d, m.centres(), k, null);
                byte code = split.isTest(Rows.id(r, idCol)) ? TrainTestSplit.TEST : TrainTestSplit.TRAIN;
                labelled.add(RowFactory.create(r.get(idCol), c, TrainTestSplit.name(code)));
            }
            return labelled.iterator();
        });
        return spark.createDataFrame(out, schema);
    }

    /** Writes the labels of {@link #label} as Parquet, one file per input partition. */
    public static void writeLabels(Dataset<Row> labels, String path) {
        labels.write().mode("overwrite").parquet(path);
    }

    static float[] bestSeeding(float[] sample, int n, int d, int k, SplittableRandom random) {
        try (CpuBackend backend = new CpuBackend(1)) {
            return BatchedKMeans.bestSeeding(sample, n, d, k, random, backend);
        }
    }

    static void applyUpdate(float[] centres, double[] weights, StepSums sums, int k, int d) {
        for (int c = 0; c < k; c++) {
            long nb = sums.counts[c];
            if (nb == 0) {
                continue;
            }
            double w = weights[c];
            double total = w + nb;
            for (int j = 0; j < d; j++) {
                centres[c * d + j] = (float) ((centres[c * d + j] * w + sums.sums[c * d + j]) / total);
            }
            weights[c] = total;
        }
    }

    private static boolean hasZero(double[] weights) {
        for (double w : weights) {
            if (w == 0) {
                return true;
            }
        }
        return false;
    }

    /** The engine's starving-centre rule, onto the random batch rows the aggregate kept. */
    static int reassignStarving(float[] centres, double[] weights, StepSums sums, int k, int d, int batchRows) {
        double maxWeight = 0;
        for (double w : weights) {
            maxWeight = Math.max(maxWeight, w);
        }
        double threshold = REASSIGNMENT_RATIO * maxWeight;
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Double.compare(weights[a], weights[b]));
        int limit = Math.min((int) (0.5 * batchRows), sums.candidates);
        boolean[] move = new boolean[k];
        int moving = 0;
        for (int r = 0; r < k && moving < limit; r++) {
            if (weights[order[r]] < threshold) {
                move[order[r]] = true;
                moving++;
            }
        }
        if (moving == 0) {
            return 0;
        }
        double minKept = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (!move[c]) {
                minKept = Math.min(minKept, weights[c]);
            }
        }
        int[] byKey = sums.candidateOrder();
        for (int c = 0, r = 0; c < k; c++) {
            if (move[c]) {
                System.arraycopy(sums.rows, byKey[r++] * d, centres, c * d, d);
                weights[c] = minKept;
            }
        }
        return moving;
    }

    private static void validate(List<String> features, int k, Moments m) {
        if (m.rows == 0) {
            throw new IllegalArgumentException("The layer is empty: there are no rows to cluster.");
        }
        for (int j = 0; j < features.size(); j++) {
            if (m.count[j] == 0) {
                throw new IllegalArgumentException("Attribute '" + features.get(j)
                        + "' has no value on any training row (all missing or NaN); remove it from the selection.");
            }
        }
        if (m.train < k) {
            throw new IllegalArgumentException("k = " + k + " is larger than the " + m.train
                    + " usable training rows; choose k ≤ " + m.train + ".");
        }
    }

    /** Per-column count, mean and M2 of the training rows, and the row counts. */
    static final class Moments implements Serializable {
        long rows, train, test, missing;
        final long[] count;
        final double[] mean;
        final double[] m2;

        Moments(int d) {
            count = new long[d];
            mean = new double[d];
            m2 = new double[d];
        }

        void add(float[] v) {
            for (int j = 0; j < v.length; j++) {
                float x = v[j];
                if (x == x) {
                    long n = ++count[j];
                    double delta = x - mean[j];
                    mean[j] += delta / n;
                    m2[j] += delta * (x - mean[j]);
                }
            }
        }

        static Moments merge(Moments a, Moments b) {
            Moments o = new Moments(a.count.length);
            o.rows = a.rows + b.rows;
            o.train = a.train + b.train;
            o.test = a.test + b.test;
            o.missing = a.missing + b.missing;
            for (int j = 0; j < o.count.length; j++) {
                long n = a.count[j] + b.count[j];
                o.count[j] = n;
                if (n == 0) {
                    continue;
                }
                double delta = b.mean[j] - a.mean[j];
                o.mean[j] = a.mean[j] + delta * b.count[j] / n;
                o.m2[j] = a.m2[j] + b.m2[j] + delta * delta * ((double) a.count[j] * b.count[j] / n);
            }
            return o;
        }
    }

    /**
     * One mini-batch step's partial result: per-centre sums and counts, the batch inertia, and up
     * to k batch rows with the smallest random keys (distinct random rows for the reassignment,
     * chosen the same whatever order Spark merges partials in).
     */
    static final class StepSums implements Serializable {
        final double[] sums;
        final long[] counts;
        double inertia;
        final float[] rows;
        final long[] keys;
        int candidates;

        StepSums(int k, int d) {
            sums = new double[k * d];
            counts = new long[k];
            rows = new float[k * d];
            keys = new long[k];
        }

        void add(float[] block, int d, int take, float[] centres, int k, long stepSeed, int partition) {
            int n = block.length / d;
            if (n == 0 || take == 0) {
                return;
            }
            SplittableRandom r = new SplittableRandom(StableHash.mix(stepSeed + 0x632BE59BD9B4E019L * (partition + 1)));
            double[] dist = new double[1];
            for (int i = 0; i < take; i++) {
                int row = r.nextInt(n);
                int c = Rows.nearest(block, row * d, d, centres, k, dist);
                inertia += dist[0];
                counts[c]++;
                for (int j = 0; j < d; j++) {
                    sums[c * d + j] += block[row * d + j];
                }
                offer(block, row * d, d, r.nextLong());
            }
        }

        private void offer(float[] src, int offset, int d, long key) {
            int k = keys.length;
            if (candidates < k) {
                keys[candidates] = key;
                System.arraycopy(src, offset, rows, candidates * d, d);
                candidates++;
                return;
            }
            int worst = 0;
            for (int i = 1; i < k; i++) {
                if (keys[i] > keys[worst]) {
                    worst = i;
                }
            }
            if (key < keys[worst]) {
                keys[worst] = key;
                System.arraycopy(src, offset, rows, worst * d, d);
            }
        }

        static StepSums merge(StepSums a, StepSums b) {
            int d = a.sums.length / a.counts.length;
            for (int i = 0; i < a.sums.length; i++) {
                a.sums[i] += b.sums[i];
            }
            for (int i = 0; i < a.counts.length; i++) {
                a.counts[i] += b.counts[i];
            }
            a.inertia += b.inertia;
            for (int i = 0; i < b.candidates; i++) {
                a.offer(b.rows, i * d, d, b.keys[i]);
            }
            return a;
        }

        /** Candidate indices by ascending key. */
        int[] candidateOrder() {
            Integer[] order = new Integer[candidates];
            for (int i = 0; i < candidates; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
            int[] out = new int[candidates];
            for (int i = 0; i < candidates; i++) {
                out[i] = order[i];
            }
            return out;
        }
    }
}
