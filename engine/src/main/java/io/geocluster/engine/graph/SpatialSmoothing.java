package io.geocluster.engine.graph;

import io.geocluster.engine.BatchCursor;
import io.geocluster.engine.BatchStream;
import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.compute.ComputeBackend;
import io.geocluster.engine.stats.ColumnMoments;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Smooths the features of a point layer over its spatial k-nearest-neighbour graph without ever
 * holding the layer: the out-of-core driver around {@link KnnGraphBuilder} and
 * {@link GraphSmoother}.
 *
 * <p><b>Algorithm:</b>
 * <ol>
 *   <li><i>bounds</i> pass: extent, row count, coordinate checks and column means (missing
 *       feature cells are imputed with their column mean before smoothing, since a NaN would
 *       spread to every neighbour);</li>
 *   <li><i>sharding</i> pass: a grid over the extent cuts the layer into shards of about
 *       {@code shardRows} points; each point is appended to the scratch file of its row of
 *       shards, and the shard and position of every source row are recorded in reading order;</li>
 *   <li>shards are concatenated into a memory-mapped feature file and a coordinate file, so that
 *       a shard is a contiguous range of "global" rows;</li>
 *   <li><i>graph</i>: for each shard, the k nearest neighbours of its points are searched among
 *       the points of its 3 × 3 block of shards (the halo) and written as CSR with global
 *       targets;</li>
 *   <li><i>smoothing</i>, H times: for each shard, the rows of its block at hop h−1 are gathered
 *       from the mapped file, one step is computed for the shard's rows and written to the hop-h
 *       file (two files used in turn).</li>
 * </ol>
 *
 * <p><b>Accuracy:</b> a neighbourhood is exact when the k-th neighbour is no farther than the
 * distance from the point to the edge of its 3 × 3 block; points where that cannot be guaranteed
 * are counted in {@link SmoothingStatistics#haloLimited()}. With {@code maxDistance} no larger
 * than a shard's width every neighbourhood is exact.
 *
 * <p><b>Memory:</b> one block of shards (9 × shard rows × (4d + 16) bytes) plus its CSR; the
 * features live in scratch files of {@code rows × d × 4} bytes each (two during smoothing).
 */
public final class SpatialSmoothing {
    /** Heap budget for one block of shards, which sets the shard size. */
    private static final long BLOCK_BYTES = 48L << 20;

    private SpatialSmoothing() {
    }

    /**
     * Runs the bounds, sharding, graph and smoothing passes.
     *
     * @param source rows whose first {@code d} columns are the features; must carry coordinates
     * @param d number of features
     * @param scratch folder for the scratch files, removed by {@link SmoothedFeatures#close()}
     * @throws IllegalArgumentException for rows without coordinates, duplicate locations,
     *         too few points for the neighbourhood size, or a feature without any value
     */
    public static SmoothedFeatures run(BatchStream source, int d, SmoothingOptions options, Path scratch,
                                       ComputeBackend backend, RunMonitor monitor) throws IOException {
        return run(source, d, options, scratch, backend, monitor, Math.max(1024, BLOCK_BYTES / (9L * (4L * d + 16))));
    }

    /** As {@link #run}, with the number of rows a shard should hold (tests use small shards). */
    static SmoothedFeatures run(BatchStream source, int d, SmoothingOptions options, Path scratch,
                                ComputeBackend backend, RunMonitor monitor, long shardTarget) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "geocluster-smoothing-");
        boolean ok = false;
        try {
            SmoothedFeatures result = new Pipeline(source, d, options, dir, backend, monitor, shardTarget).run();
            ok = true;
            return result;
        } finally {
            if (!ok) {
                deleteTree(dir);
            }
        }
    }

    static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // scratch folder already gone
        }
    }

    /** One run's state. */
    private static final class Pipeline {
        private final BatchStream source;
        private final int d;
        private final SmoothingOptions options;
        private final Path dir;
        private final ComputeBackend backend;
        private final RunMonitor monitor;
        private long rows;
        private double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        private double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        private double[] means;
        private int grid;
        private long[] shardStart;
        private int[] shardRows;

        private final long shardTarget;

        Pipeline(BatchStream source, int d, SmoothingOptions options, Path dir, ComputeBackend backend, RunMonitor monitor,
                 long shardTarget) {
            this.shardTarget = shardTarget;
            this.source = source;
            this.d = d;
            this.options = options;
            this.dir = dir;
            this.backend = backend;
            this.monitor = monitor;
        }

        SmoothedFeatures run() throws IOException {
            bounds();
            if (rows <= options.neighbours()) {
                throw new IllegalArgumentException("neighbours = " + options.neighbours()
                        + " must be smaller than the number of points (" + rows + ").");
            }
            grid = (int) Math.max(1, Math.min(4096, Math.ceil(Math.sqrt((double) rows / shardTarget))));
            MappedRows rowMap = new MappedRows(dir.resolve("rows.bin"), rows, 2);  // one long: shard << 32 | position
            MappedRows features = null;
            MappedRows coordinates = null;
            try {
                shard(rowMap);
                features = new MappedRows(dir.resolve("features-0.bin"), rows, d);
                coordinates = new MappedRows(dir.resolve("coordinates.bin"), rows, 6);
                concatenate(features, coordinates);
                MappedRows smoothed;
                SmoothingStatistics statistics;
                try (GraphFile graph = buildGraph(coordinates)) {
                    coordinates.close();
                    coordinates = null;
                    smoothed = smooth(features, graph);
                    features = null;
                    statistics = graph.statistics();
                }
                return new SmoothedFeatures(dir, rowMap, shardStart, smoothed, statistics);
            } catch (IOException | RuntimeException e) {
                rowMap.close();
                if (features != null) {
                    features.close();
                }
                if (coordinates != null) {
                    coordinates.close();
                }
                throw e;
            }
        }

        private void bounds() throws IOException {
            ColumnMoments moments = new ColumnMoments(d);
            monitor.passStarted("bounds", source.sizeHint());
            try (BatchCursor cursor = source.open()) {
                for (FeatureBatch b; (b = cursor.next()) != null; ) {
                    monitor.checkCanceled();
                    if (!b.hasCoordinates()) {
                        throw new IllegalArgumentException("The layer has no point coordinates; smoothing needs point locations.");
                    }
                    double[] x = b.x();
                    double[] y = b.y();
                    for (int i = 0; i < b.size(); i++) {
                        if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                            throw new IllegalArgumentException("Feature " + b.ids()[i]
                                    + " has no coordinates (missing or empty geometry); smoothing needs every point's location.");
                        }
                        minX = Math.min(minX, x[i]);
                        maxX = Math.max(maxX, x[i]);
                        minY = Math.min(minY, y[i]);
                        maxY = Math.max(maxY, y[i]);
                    }
                    moments.add(b.values(), b.columns(), b.size(), null);
                    rows += b.size();
                    monitor.passProgress(rows);
                }
            }
            monitor.passFinished();
            if (rows == 0) {
                throw new IllegalArgumentException("The layer is empty: there are no rows to cluster.");
            }
            means = new double[d];
            for (int j = 0; j < d; j++) {
                if (moments.count(j) == 0) {
                    throw new IllegalArgumentException("Feature column " + j + " has no value on any row (all missing or NaN).");
                }
                means[j] = moments.mean(j);
            }
        }

        private int shardOf(double x, double y) {
            int cx = (int) Math.min(grid - 1, Math.floor((x - minX) / Math.max(1e-300, maxX - minX) * grid));
            int cy = (int) Math.min(grid - 1, Math.floor((y - minY) / Math.max(1e-300, maxY - minY) * grid));
            return cy * grid + cx;
        }

        /**
         * Appends every point to the scratch file of its row of shards and records (shard,
         * position) per source row. One file per grid row, not per shard, keeps the number of open
         * files at the grid's side (about √(rows / shard rows): a few hundred for billions of points).
         */
        private void shard(MappedRows rowMap) throws IOException {
            int shards = grid * grid;
            shardRows = new int[shards];
            DataOutputStream[] out = new DataOutputStream[grid];
            monitor.passStarted("sharding", rows);
            long ordinal = 0;
            try (BatchCursor cursor = source.open()) {
                for (FeatureBatch b; (b = cursor.next()) != null; ) {
                    monitor.checkCanceled();
                    float[] v = b.values();
                    int stride = b.columns();
                    for (int i = 0; i < b.size(); i++, ordinal++) {
                        int s = shardOf(b.x()[i], b.y()[i]);
                        int gridRow = s / grid;
                        if (out[gridRow] == null) {
                            out[gridRow] = new DataOutputStream(new BufferedOutputStream(
                                    Files.newOutputStream(dir.resolve("shard-row-" + gridRow + ".bin")), 1 << 14));
                        }
                        DataOutputStream o = out[gridRow];
                        o.writeInt(s);
                        o.writeDouble(b.x()[i]);
                        o.writeDouble(b.y()[i]);
                        o.writeLong(b.ids()[i]);
                        for (int j = 0; j < d; j++) {
                            float f = v[i * stride + j];
                            o.writeFloat(f == f ? f : (float) means[j]);
                        }
                        rowMap.putLong(ordinal, 0, ((long) s << 32) | shardRows[s]++);
                    }
                    monitor.passProgress(ordinal);
                }
            } finally {
                for (DataOutputStream o : out) {
                    if (o != null) {
                        o.close();
                    }
                }
            }
            monitor.passFinished();
            if (ordinal != rows) {
                throw new IOException("the layer changed between passes: " + rows + " rows, then " + ordinal);
            }
            shardStart = new long[shards + 1];
            for (int s = 0; s < shards; s++) {
                shardStart[s + 1] = shardStart[s] + shardRows[s];
            }
        }

        /**
         * The shard-row files become the mapped files, each shard a contiguous range: a point goes to
         * its shard's start plus the number of its shard's points seen before it, which is the
         * position the sharding pass recorded, since both count in the same order.
         */
        private void concatenate(MappedRows features, MappedRows coordinates) throws IOException {
            float[] f = new float[d];
            long[] next = java.util.Arrays.copyOf(shardStart, shardRows.length);
            for (int gridRow = 0; gridRow < grid; gridRow++) {
                Path file = dir.resolve("shard-row-" + gridRow + ".bin");
                if (!Files.exists(file)) {
                    continue;
                }
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                    long points = 0;
                    for (int c = 0; c < grid; c++) {
                        points += shardRows[gridRow * grid + c];
                    }
                    for (long p = 0; p < points; p++) {
                        long row = next[in.readInt()]++;
                        coordinates.putLong(row, 0, Double.doubleToRawLongBits(in.readDouble()));
                        coordinates.putLong(row, 1, Double.doubleToRawLongBits(in.readDouble()));
                        coordinates.putLong(row, 2, in.readLong());
                        for (int j = 0; j < d; j++) {
                            f[j] = in.readFloat();
                        }
                        features.write(row, 1, f, 0);
                    }
                }
                Files.delete(file);
            }
        }

        /** The shards of the 3 × 3 block around {@code s}, the shard itself first. */
        private int[] block(int s) {
            int cx = s % grid;
            int cy = s / grid;
            int[] out = new int[9];
            int n = 0;
            out[n++] = s;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int x = cx + dx;
                    int y = cy + dy;
                    if ((dx != 0 || dy != 0) && x >= 0 && y >= 0 && x < grid && y < grid && shardRows[y * grid + x] > 0) {
                        out[n++] = y * grid + x;
                    }
                }
            }
            return java.util.Arrays.copyOf(out, n);
        }

        private GraphFile buildGraph(MappedRows coordinates) throws IOException {
            GraphFile graph = new GraphFile(dir.resolve("graph.bin"), rows);
            monitor.passStarted("graph", rows);
            long done = 0;
            for (int s = 0; s < shardRows.length; s++) {
                monitor.checkCanceled();
                if (shardRows[s] == 0) {
                    continue;
                }
                int[] block = block(s);
                int n = 0;
                for (int b : block) {
                    n += shardRows[b];
                }
                double[] x = new double[n];
                double[] y = new double[n];
                long[] ids = new long[n];
                int at = 0;
                for (int b : block) {
                    for (long row = shardStart[b]; row < shardStart[b + 1]; row++, at++) {
                        x[at] = Double.longBitsToDouble(coordinates.getLong(row, 0));
                        y[at] = Double.longBitsToDouble(coordinates.getLong(row, 1));
                        ids[at] = coordinates.getLong(row, 2);
                    }
                }
                int own = shardRows[s];
                KnnGraph local;
                try {
                    local = options.geographic()
                            ? KnnGraphBuilder.buildGeographic(x, y, n, own, Math.min(options.neighbours(), n - 1), options.maxDistance())
                            : KnnGraphBuilder.build(x, y, n, own, Math.min(options.neighbours(), n - 1), options.maxDistance());
                } catch (DuplicatePointsException e) {
                    throw new IllegalArgumentException("Features " + ids[e.first()] + " and "
                            + ids[e.second()] + " have identical coordinates (" + x[e.first()] + ", "
                            + y[e.first()] + "); smoothing needs distinct point locations.", e);
                }
                graph.append(s, local, own, halo(s, x, y, own, local));
                done += own;
                monitor.passProgress(done);
            }
            monitor.passFinished();
            graph.finish();
            return graph;
        }

        /**
         * Counts the shard's points whose neighbourhood may reach past the block: the k-th
         * neighbour is farther than the nearest block edge that has a shard beyond it.
         */
        private long halo(int s, double[] x, double[] y, int own, KnnGraph local) {
            if (grid == 1 || options.geographic()) {
                return 0;
            }
            double w = (maxX - minX) / grid;
            double h = (maxY - minY) / grid;
            int cx = s % grid;
            int cy = s / grid;
            double left = cx > 1 ? minX + (cx - 1) * w : Double.NEGATIVE_INFINITY;
            double right = cx < grid - 2 ? minX + (cx + 2) * w : Double.POSITIVE_INFINITY;
            double bottom = cy > 1 ? minY + (cy - 1) * h : Double.NEGATIVE_INFINITY;
            double top = cy < grid - 2 ? minY + (cy + 2) * h : Double.POSITIVE_INFINITY;
            long limited = 0;
            int[] offsets = local.offsets();
            float[] lengths = local.lengths();
            for (int i = 0; i < own; i++) {
                int degree = offsets[i + 1] - offsets[i];
                if (degree == 0) {
                    continue;
                }
                double reach = lengths[offsets[i + 1] - 1];
                double edge = Math.min(Math.min(x[i] - left, right - x[i]), Math.min(y[i] - bottom, top - y[i]));
                if (reach > edge) {
                    limited++;
                }
            }
            return limited;
        }

        private MappedRows smooth(MappedRows features, GraphFile graph) throws IOException {
            MappedRows previous = features;
            MappedRows next = null;
            try {
                for (int h = 1; h <= options.hops(); h++) {
                    next = new MappedRows(dir.resolve("features-" + h + ".bin"), rows, d);
                    monitor.passStarted("smoothing " + h + "/" + options.hops(), rows);
                    smoothHop(previous, next, graph);
                    monitor.passFinished();
                    previous.close();
                    previous = next;
                    next = null;
                }
                return previous;
            } catch (IOException | RuntimeException e) {
                previous.close();
                if (next != null) {
                    next.close();
                }
                throw e;
            }
        }

        private void smoothHop(MappedRows previous, MappedRows next, GraphFile graph) throws IOException {
            float[] block = new float[0];
            float[] out = new float[0];
            long done = 0;
            for (int s = 0; s < shardRows.length; s++) {
                monitor.checkCanceled();
                int own = shardRows[s];
                if (own == 0) {
                    continue;
                }
                int[] shards = block(s);
                int n = 0;
                for (int b : shards) {
                    n += shardRows[b];
                }
                if (block.length < n * d) {
                    block = new float[n * d];
                }
                int at = 0;
                for (int b : shards) {
                    previous.read(shardStart[b], shardRows[b], block, at * d);
                    at += shardRows[b];
                }
                GraphFile.Shard csr = graph.shard(s);
                if (out.length < own * d) {
                    out = new float[own * d];
                }
                float[] weights = GraphSmoother.weights(csr.offsets(), csr.lengths(), own, options.aggregation());
                GraphSmoother.step(csr.offsets(), csr.localTargets(), weights, 0, own, block, block, 0, d, options.alpha(),
                        backend, out);
                next.write(shardStart[s], own, out, 0);
                done += own;
                monitor.passProgress(done);
            }
        }
    }
}
