package io.geocluster.engine.kmeans;

import io.geocluster.engine.BatchCursor;
import io.geocluster.engine.BatchStream;
import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.ComputeBackend;
import io.geocluster.engine.stats.ColumnMoments;
import io.geocluster.engine.stats.RowReservoir;
import io.geocluster.engine.stats.Standardizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains mini-batch k-means over a re-iterable stream without ever holding the whole layer.
 *
 * <p><b>Passes:</b>
 * <ol>
 *   <li><i>statistics</i>: streaming mean and variance of every feature over the training rows,
 *       and a uniform reservoir sample of {@code initSize} of them;</li>
 *   <li><i>warm start</i>: k-means++ with local trials on the standardised sample, each seeding polished by Lloyd
 *       iterations on the sample, best of three by sample inertia;</li>
 *   <li><i>training</i>, {@code epochs} times: training rows pass through a {@link ShuffleBuffer}
 *       into mini-batches of {@code batchSize} rows, each one {@link MiniBatchKMeans#partialFit};</li>
 * </ol>
 * The labelling pass over train and test rows is the caller's loop around a {@link Labeller}, so
 * that the caller can write each labelled batch out as it goes.
 *
 * <p><b>Rows:</b> a row is a test row when {@link TrainTestSplit} says so by its id, and a missing
 * row (not clustered, label -1) when every feature value is NaN. Other NaN cells are imputed with
 * the column mean (see {@link Standardizer}).
 *
 * <p><b>Memory:</b> O(initSize·d + shuffleRows·d + batch rows·d + k·d), independent of the
 * number of rows.
 */
public final class BatchedKMeans {
    /** Number of k-means++ seedings tried on the warm-start sample, as scikit-learn's {@code n_init=3}. */
    static final int SEEDINGS = 3;
    /** Most Lloyd iterations polishing each seeding on the warm-start sample. */
    static final int SAMPLE_LLOYD = 20;

    private BatchedKMeans() {
    }

    /**
     * Runs the statistics, warm-start and training passes.
     *
     * @param stream rows whose first {@code features.size()} columns are the features
     * @param features feature names, used in messages and summaries
     * @throws IllegalArgumentException when the layer is empty, a feature has no value at all, or
     *         there are fewer usable training rows than k
     * @throws io.geocluster.engine.RunCancelledException when the monitor cancels
     */
    public static KMeansModel fit(BatchStream stream, List<String> features, KMeansOptions options,
                                  ComputeBackend backend, RunMonitor monitor) throws IOException {
        int d = features.size();
        if (d == 0) {
            throw new IllegalArgumentException("No feature attributes were selected.");
        }
        if (stream.columns() < d) {
            throw new IllegalArgumentException("stream has " + stream.columns() + " columns, fewer than " + d + " features");
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        TrainTestSplit split = new TrainTestSplit(options.testFraction(), options.seed());
        List<PassTiming> timings = new ArrayList<>();

        // Pass 1: statistics and warm-start sample.
        long start = System.nanoTime();
        ColumnMoments moments = new ColumnMoments(d);
        RowReservoir reservoir = new RowReservoir(options.initSize(), d, random.nextLong());
        long rows = 0, train = 0, test = 0, missing = 0;
        monitor.passStarted("statistics", stream.sizeHint());
        boolean[] isTrain = new boolean[0];
        try (BatchCursor cursor = stream.open()) {
            for (FeatureBatch b; (b = cursor.next()) != null; ) {
                monitor.checkCanceled();
                int n = b.size();
                if (isTrain.length < n) {
                    isTrain = new boolean[n];
                }
                float[] v = b.values();
                int stride = b.columns();
                long[] ids = b.ids();
                for (int i = 0; i < n; i++) {
                    boolean usable = !allMissing(v, i * stride, d);
                    boolean heldOut = split.isTest(ids[i]);
                    isTrain[i] = usable && !heldOut;
                    if (!usable) {
                        missing++;
                    } else if (heldOut) {
                        test++;
                    } else {
                        train++;
                        reservoir.offer(v, stride, i);
                    }
                }
                moments.add(v, stride, n, isTrain);
                rows += n;
                monitor.passProgress(rows);
            }
        }
        monitor.passFinished();
        timings.add(new PassTiming("statistics", rows, seconds(start)));
        LayerCounts counts = new LayerCounts(rows, train, test, missing);
        validate(features, options, moments, counts);

        // Pass 2: k-means++ on the standardised sample.
        start = System.nanoTime();
        monitor.passStarted("warm start", reservoir.size());
        Standardizer standardizer = Standardizer.of(moments, options.standardize());
        int sampleRows = reservoir.size();
        float[] sample = new float[sampleRows * d];
        standardizer.transform(reservoir.rows(), d, sampleRows, sample);
        float[] initial = bestSeeding(sample, sampleRows, d, options.k(), random, backend);
        monitor.passProgress(sampleRows);
        monitor.passFinished();
        timings.add(new PassTiming("warm start", sampleRows, seconds(start)));

        // Passes 3..: streamed partial fits.
        MiniBatchKMeans model = new MiniBatchKMeans(initial, options.k(), d, backend, random);
        int shuffleRows = options.shuffleRows() > 0 ? options.shuffleRows() : KMeansOptions.defaultShuffleRows(d);
        ShuffleBuffer shuffle = new ShuffleBuffer((int) Math.min(shuffleRows, Math.max(1, train)), d, random);
        MiniBatcher batcher = new MiniBatcher(model, options.batchSize(), d);
        float[] z = new float[0];
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            start = System.nanoTime();
            String pass = options.epochs() == 1 ? "training" : "training " + epoch + "/" + options.epochs();
            monitor.passStarted(pass, rows);
            long read = 0;
            try (BatchCursor cursor = stream.open()) {
                for (FeatureBatch b; (b = cursor.next()) != null; ) {
                    monitor.checkCanceled();
                    int n = b.size();
                    if (z.length < n * d) {
                        z = new float[n * d];
                    }
                    float[] v = b.values();
                    int stride = b.columns();
                    standardizer.transform(v, stride, n, z);
                    long[] ids = b.ids();
                    for (int i = 0; i < n; i++) {
                        if (!split.isTest(ids[i]) && !allMissing(v, i * stride, d)) {
                            shuffle.push(z, i, batcher);
                        }
                    }
                    read += n;
                    monitor.passProgress(read);
                }
            }
            shuffle.drain(batcher);
            batcher.flush();
            monitor.passFinished();
            timings.add(new PassTiming(pass, read, seconds(start)));
        }
        return new KMeansModel(features, standardizer, model.centres(), options, counts, model.steps(),
                model.reassigned(), timings);
    }

    /**
     * Best of {@link #SEEDINGS} k-means++ seedings, each polished by up to {@link #SAMPLE_LLOYD}
     * Lloyd iterations on the in-memory sample, chosen by sample inertia (scikit-learn's
     * {@code KMeans(n_init=3)} on the warm-start sample). A single seeding sometimes puts two
     * centres in one spread-out group and merges two compact ones; mini-batch updates rarely undo
     * that, and this costs far less than one pass over the layer. Public so that other drivers of
     * the same algorithm (the Spark module) seed exactly as this class does.
     */
    public static float[] bestSeeding(float[] sample, int n, int d, int k, SplittableRandom random, ComputeBackend backend) {
        int[] labels = new int[n];
        double[] sums = new double[k * d];
        long[] counts = new long[k];
        float[] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int s = 0; s < SEEDINGS; s++) {
            float[] centres = KMeansPlusPlus.seed(sample, n, d, k, random);
            double inertia = backend.assign(sample, n, d, centres, k, labels, null);
            for (int iteration = 0; iteration < SAMPLE_LLOYD; iteration++) {
                java.util.Arrays.fill(sums, 0);
                java.util.Arrays.fill(counts, 0);
                backend.accumulate(sample, n, d, labels, k, sums, counts);
                for (int c = 0; c < k; c++) {
                    if (counts[c] > 0) { // an emptied centre stays where it was
                        for (int j = 0; j < d; j++) {
                            centres[c * d + j] = (float) (sums[c * d + j] / counts[c]);
                        }
                    }
                }
                double next = backend.assign(sample, n, d, centres, k, labels, null);
                boolean converged = next >= inertia * (1 - 1e-6);
                inertia = next;
                if (converged) {
                    break;
                }
            }
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = centres;
            }
        }
        return best;
    }

    private static void validate(List<String> features, KMeansOptions options, ColumnMoments moments, LayerCounts counts) {
        if (counts.rows() == 0) {
            throw new IllegalArgumentException("The layer is empty: there are no rows to cluster.");
        }
        for (int j = 0; j < features.size(); j++) {
            if (moments.count(j) == 0) {
                throw new IllegalArgumentException("Attribute '" + features.get(j)
                        + "' has no value on any training row (all missing or NaN); remove it from the selection.");
            }
        }
        if (counts.train() < options.k()) {
            throw new IllegalArgumentException("k = " + options.k() + " is larger than the " + counts.train()
                    + " usable training rows (" + counts.rows() + " rows, " + counts.test() + " held out for testing, "
                    + counts.missing() + " without values); choose k ≤ " + counts.train() + ".");
        }
    }

    /** Whether every feature value of the row starting at {@code offset} is NaN (a "missing" row). */
    public static boolean allMissing(float[] v, int offset, int d) {
        for (int j = 0; j < d; j++) {
            float x = v[offset + j];
            if (x == x) {
                return false;
            }
        }
        return true;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Collects shuffled rows into mini-batches and fits each full one. */
    private static final class MiniBatcher implements ShuffleBuffer.RowSink {
        private final MiniBatchKMeans model;
        private final int batchSize;
        private final int d;
        private final float[] batch;
        private int size;

        MiniBatcher(MiniBatchKMeans model, int batchSize, int d) {
            this.model = model;
            this.batchSize = batchSize;
            this.d = d;
            this.batch = new float[batchSize * d];
        }

        @Override
        public void accept(float[] values, int row) {
            System.arraycopy(values, row * d, batch, size * d, d);
            if (++size == batchSize) {
                flush();
            }
        }

        void flush() {
            model.partialFit(batch, size);
            size = 0;
        }
    }
}
