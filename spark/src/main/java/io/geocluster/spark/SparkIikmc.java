package io.geocluster.spark;

import io.geocluster.engine.iikmc.EmptyClusterRule;
import io.geocluster.engine.iikmc.IikmcOptions;
import io.geocluster.engine.iikmc.IikmcResult;
import io.geocluster.engine.iikmc.MinMaxCentres;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * IIkMC (pooled Lloyd over the valid pixels of several scenes) as Spark jobs, with the
 * semantics of the engine's {@code PooledLloyd}: min-max start centres ({@link MinMaxCentres}),
 * each Lloyd iteration one {@code aggregate} of per-class sums and counts over the cached pixel
 * blocks, the number of pixels whose class changed counted by a {@link LongAccumulator}, stop when
 * the changed fraction is under the tolerance; a class left empty is cancelled (centre NaN, never
 * used again).
 *
 * <p>No label array is kept: a pixel's previous class is recomputed against the previous centres
 * (two nearest-centre searches per pixel and iteration, no executor state, so a retried task is
 * harmless). A pixel is valid when every band is a finite number; masking by QA bits is done by
 * whoever writes the pixel partitions.
 */
public final class SparkIikmc {
    private SparkIikmc() {
    }

    /** The run and the centres the final labels are taken against (those of the last iteration). */
    public record Result(IikmcResult run, float[] labellingCentres) implements Serializable {
    }

    /**
     * Runs IIkMC on the band columns of {@code pixels}.
     *
     * @param progress told the iteration number after each iteration, or null
     */
    public static Result fit(Dataset<Row> pixels, List<String> bands, IikmcOptions options, LongConsumer progress) {
        if (options.emptyClusters() != EmptyClusterRule.CANCEL) {
            throw new IllegalArgumentException("emptyClusters=" + options.emptyClusters().name().toLowerCase()
                    + " is not available on Spark; use cancel");
        }
        final int d = bands.size();
        final int k = options.k();
        final int[] cols = Rows.indices(pixels, bands);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(pixels.sparkSession().sparkContext());
        JavaRDD<float[]> blocks = pixels.javaRDD().mapPartitions((Iterator<Row> it) -> {
            float[] out = new float[1024 * d];
            int n = 0;
            float[] v = new float[d];
            while (it.hasNext()) {
                Rows.features(it.next(), cols, v, 0);
                if (!valid(v)) {
                    continue;
                }
                if ((n + 1) * d > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                System.arraycopy(v, 0, out, n * d, d);
                n++;
            }
            return List.of(Arrays.copyOf(out, n * d)).iterator();
        }).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Range range = blocks.aggregate(new Range(d), Range::add, Range::merge);
            if (range.pixels < k) {
                throw new IllegalArgumentException("k = " + k + " is larger than the " + range.pixels + " valid pixels");
            }
            float[] centres = MinMaxCentres.of(range.min, range.max, k);
            boolean[] cancelled = new boolean[k];
            long[] sizes = new long[k];
            double[] changed = new double[options.maxIterations()];
            float[] previous = null;
            float[] used = centres.clone();
            boolean converged = false;
            int it = 0;
            while (it < options.maxIterations() && !converged) {
                used = centres.clone();
                Broadcast<float[]> now = jsc.broadcast(used);
                Broadcast<float[]> before = jsc.broadcast(previous == null ? new float[0] : previous);
                LongAccumulator changes = jsc.sc().longAccumulator("iikmc changed, iteration " + (it + 1));
                Sums s = blocks.aggregate(new Sums(k, d), (acc, block) -> {
                    acc.add(block, d, now.value(), before.value(), k, changes);
                    return acc;
                }, Sums::merge);
                now.destroy();
                before.destroy();
                for (int c = 0; c < k; c++) {
                    if (cancelled[c]) {
                        continue;
                    }
                    sizes[c] = s.counts[c];
                    if (s.counts[c] > 0) {
                        for (int j = 0; j < d; j++) {
                            centres[c * d + j] = (float) (s.sums[c * d + j] / s.counts[c]);
                        }
                    } else {
                        cancelled[c] = true;
                        Arrays.fill(centres, c * d, c * d + d, Float.NaN);
                    }
                }
                long c = changes.value();
                changed[it] = (double) c / range.pixels;
                converged = c == 0 || changed[it] < options.tolerance();
                previous = used;
                it++;
                if (progress != null) {
                    progress.accept(it);
                }
            }
            return new Result(new IikmcResult(centres, cancelled, sizes, Arrays.copyOf(changed, it), it, converged), used);
        } finally {
            blocks.unpersist(false);
        }
    }

    /**
     * Labels every pixel: the {@code keys} columns (e.g. scene, row, col) and {@code class} (int,
     * 255 for an invalid pixel, as the engine's label coverages).
     */
    public static Dataset<Row> label(Dataset<Row> pixels, List<String> keys, List<String> bands, Result result) {
        final int d = bands.size();
        final int k = result.run().k();
        final int[] cols = Rows.indices(pixels, bands);
        final int[] keyCols = Rows.indices(pixels, keys);
        List<StructField> fields = new ArrayList<>();
        for (int c : keyCols) {
            fields.add(pixels.schema().fields()[c]);
        }
        fields.add(DataTypes.createStructField("class", DataTypes.IntegerType, false));
        Broadcast<float[]> centres = JavaSparkContext.fromSparkContext(pixels.sparkSession().sparkContext())
                .broadcast(result.labellingCentres());
        JavaRDD<Row> out = pixels.javaRDD().map(r -> {
            float[] v = new float[d];
            Rows.features(r, cols, v, 0);
            Object[] o = new Object[keyCols.length + 1];
            for (int i = 0; i < keyCols.length; i++) {
                o[i] = r.get(keyCols[i]);
            }
            o[keyCols.length] = valid(v) ? Rows.nearest(v, 0, d, centres.value(), k, null) : 255;
            return RowFactory.create(o);
        });
        return pixels.sparkSession().createDataFrame(out, new StructType(fields.toArray(new StructField[0])));
    }

    static boolean valid(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** Per-band min and max and the number of valid pixels. */
    static final class Range implements Serializable {
        long pixels;
        final float[] min;
        final float[] max;

        Range(int d) {
            min = new float[d];
            max = new float[d];
            Arrays.fill(min, Float.POSITIVE_INFINITY);
            Arrays.fill(max, Float.NEGATIVE_INFINITY);
        }

        Range add(float[] block) {
            int d = min.length;
            for (int i = 0; i < block.length; i++) {
                int j = i % d;
                min[j] = Math.min(min[j], block[i]);
                max[j] = Math.max(max[j], block[i]);
            }
            pixels += block.length / d;
            return this;
        }

        Range merge(Range o) {
            for (int j = 0; j < min.length; j++) {
                min[j] = Math.min(min[j], o.min[j]);
                max[j] = Math.max(max[j], o.max[j]);
            }
            pixels += o.pixels;
            return this;
        }
    }

    /** One iteration's per-class sums and counts. */
    static final class Sums implements Serializable {
        final double[] sums;
        final long[] counts;

        Sums(int k, int d) {
            sums = new double[k * d];
            counts = new long[k];
        }

        void add(float[] block, int d, float[] centres, float[] previous, int k, LongAccumulator changes) {
            int n = block.length / d;
            long changed = 0;
            for (int i = 0; i < n; i++) {
                int c = Rows.nearest(block, i * d, d, centres, k, null);
                if (previous.length == 0 || Rows.nearest(block, i * d, d, previous, k, null) != c) {
                    changed++;
                }
                counts[c]++;
                for (int j = 0; j < d; j++) {
                    sums[c * d + j] += block[i * d + j];
                }
            }
            changes.add(changed);
        }

        Sums merge(Sums o) {
            for (int i = 0; i < sums.length; i++) {
                sums[i] += o.sums[i];
            }
            for (int i = 0; i < counts.length; i++) {
                counts[i] += o.counts[i];
            }
            return this;
        }
    }
}
