package io.geocluster.engine.graph;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The neighbour graph of a smoothing run on disk, one CSR record per shard whose targets index the
 * shard's 3 × 3 block (shard first, then its neighbours in a fixed order), so that a smoothing hop
 * can work on a gathered block without any global index. Also collects the graph statistics.
 */
final class GraphFile implements AutoCloseable {
    private static final int SAMPLE = 1 << 20;

    /** One shard's CSR: {@code rows + 1} offsets, block-local targets, lengths in metres. */
    record Shard(int[] offsets, int[] localTargets, float[] lengths) {
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<Integer, long[]> index = new HashMap<>();
    private final float[] sample = new float[SAMPLE];
    private final SplittableRandom random = new SplittableRandom(0x5EED);
    private final long rows;
    private long edges;
    private long isolated;
    private long haloLimited;
    private long seen;
    private int shards;
    private long position;

    GraphFile(Path file, long rows) throws IOException {
        this.file = file;
        this.rows = rows;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Appends the edges of the first {@code own} nodes of a block-local graph as shard {@code s}.
     */
    void append(int s, KnnGraph local, int own, long limited)
            throws IOException {
        int[] offsets = local.offsets();
        int m = offsets[own] - offsets[0];
        int bytes = 4 + 4 * (own + 1) + 8 * m;
        ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.nativeOrder());
        buffer.putInt(own);
        for (int i = 0; i <= own; i++) {
            buffer.putInt(offsets[i] - offsets[0]);
        }
        int[] targets = local.targets();
        float[] lengths = local.lengths();
        for (int e = offsets[0]; e < offsets[own]; e++) {
            buffer.putInt(targets[e]);
        }
        for (int e = offsets[0]; e < offsets[own]; e++) {
            buffer.putFloat(lengths[e]);
            offerLength(lengths[e]);
        }
        for (int i = 0; i < own; i++) {
            if (offsets[i + 1] == offsets[i]) {
                isolated++;
            }
        }
        buffer.flip();
        index.put(s, new long[] {position, bytes});
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        edges += m;
        haloLimited += limited;
        shards++;
    }

    private void offerLength(float length) {
        long t = seen++;
        if (t < SAMPLE) {
            sample[(int) t] = length;
        } else {
            long r = random.nextLong(t + 1);
            if (r < SAMPLE) {
                sample[(int) r] = length;
            }
        }
    }

    void finish() throws IOException {
        channel.force(false);
    }

    /** Reads back shard {@code s}. */
    Shard shard(int s) throws IOException {
        long[] at = index.get(s);
        ByteBuffer buffer = ByteBuffer.allocate((int) at[1]).order(ByteOrder.nativeOrder());
        long p = at[0];
        while (buffer.hasRemaining()) {
            int r = channel.read(buffer, p);
            if (r < 0) {
                throw new IOException("graph scratch file is truncated");
            }
            p += r;
        }
        buffer.flip();
        int own = buffer.getInt();
        int[] offsets = new int[own + 1];
        buffer.asIntBuffer().get(offsets);
        buffer.position(buffer.position() + 4 * (own + 1));
        int m = offsets[own];
        int[] targets = new int[m];
        buffer.asIntBuffer().get(targets);
        buffer.position(buffer.position() + 4 * m);
        float[] lengths = new float[m];
        buffer.asFloatBuffer().get(lengths);
        return new Shard(offsets, targets, lengths);
    }

    SmoothingStatistics statistics() {
        int n = (int) Math.min(seen, SAMPLE);
        float[] sorted = Arrays.copyOf(sample, n);
        Arrays.sort(sorted);
        double median = n == 0 ? Double.NaN : quantile(sorted, 0.5);
        double p90 = n == 0 ? Double.NaN : quantile(sorted, 0.9);
        return new SmoothingStatistics(rows, edges, rows == 0 ? 0 : (double) edges / rows, median, p90, isolated,
                haloLimited, shards);
    }

    /** Linear interpolation between order statistics, as numpy's default percentile. */
    private static double quantile(float[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
