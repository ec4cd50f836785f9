package io.geocluster.engine.compute;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD8;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

/**
 * The CUDA backend: JCuda over the CUDA driver API only, kernels from the bundled PTX
 * ({@link CudaKernels}, {@code src/main/cuda/kernels.cu}). Open it with {@link #open()}, or through
 * {@link Backends#create} after {@link GpuProbe} says a device is usable.
 *
 * <p><b>Algorithm:</b> one thread per row, centres staged in shared memory. {@link #assign} keeps
 * nothing on the device between calls: rows go up in pieces of {@value #PIECE_BYTES} bytes through
 * two page-locked host buffers on two streams, so that copying the next piece into pinned memory
 * and up to the device overlaps the kernel on the previous one, and labels and distances come back
 * the same way. {@link #accumulate} and {@link #lloydStep} stream the same way and reduce per-centre
 * sums within each warp (lanes sharing a centre, in float), then in double in a shared-memory copy
 * per warp (plain adds, no atomics in the row loop) or per block (shared atomics) when k·d is too
 * large for that, or in global memory when it is larger still, and flush the block's totals with
 * global double atomics. {@link #aggregate} uploads the feature rows and the range's
 * edges and writes one output value per thread. {@link #openLloyd} keeps IIkMC's pooled pixels
 * resident on the device ({@link GpuLloydSession}).
 *
 * <p><b>Accuracy:</b> distances and aggregation are computed in the CPU backend's order with no
 * fused multiply-add, so they are bitwise the CPU's and labels agree except for exact ties (both
 * pick the lowest index). Sums agree with the CPU's double sums to about 1e-6 relative; the order
 * of the double atomics varies, so sums may differ in the last bits from run to run.
 *
 * <p><b>Limitations:</b> device 0 only; one call at a time per instance (as the CPU backend); a
 * partial fit on a small batch costs a few kernel launches and two synchronisations (tens of
 * microseconds), so the GPU pays off from batches of some thousands of rows.
 *
 * <p><b>Thread safety:</b> one call at a time per instance; calls may come from any thread (the
 * context is made current on entry).
 */
public final class GpuBackend implements ComputeBackend {
    /** Threads per block; kernels need a multiple of 32. */
    static final int BLOCK = 256;
    /** Resident blocks per multiprocessor that grid-stride launches aim for. */
    static final int BLOCKS_PER_SM = 8;
    /** Bytes of row values per pipelined piece. */
    static final int PIECE_BYTES = 8 << 20;
    /** Shared memory a block may use without opting in. */
    static final int SHARED_LIMIT = 48 << 10;

    private final CUdevice device;
    private final CUcontext context;
    private final String description;
    private final int multiprocessors;
    private final CudaKernels kernels;
    private final Slot[] slots = new Slot[2];
    private final DeviceBuffer centres = new DeviceBuffer();
    private final DeviceBuffer ids = new DeviceBuffer();
    /** Per-centre totals of accumulate/lloyd: {@code k·d} double sums, {@code k} counts, the changed count. */
    private final DeviceBuffer totals = new DeviceBuffer();
    private final PinnedBuffer totalsHost = new PinnedBuffer();
    private int totalsK;
    private int totalsD;
    private final DeviceBuffer graphX = new DeviceBuffer();
    private final DeviceBuffer graphOffsets = new DeviceBuffer();
    private final DeviceBuffer graphTargets = new DeviceBuffer();
    private final DeviceBuffer graphWeights = new DeviceBuffer();
    private final DeviceBuffer graphOut = new DeviceBuffer();
    private final List<GpuLloydSession> sessions = new ArrayList<>();
    private boolean closed;

    private GpuBackend(CUdevice device, CUcontext context, String description) {
        this.device = device;
        this.context = context;
        this.description = description;
        int[] sm = new int[1];
        cuDeviceGetAttribute(sm, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, device);
        this.multiprocessors = sm[0];
        this.kernels = new CudaKernels();
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
        }
    }

    /**
     * Opens the backend on device 0.
     *
     * @throws IllegalStateException naming the reason when no usable GPU is present or the kernels
     *         do not load
     */
    public static GpuBackend open() {
        GpuProbe.Result probe = GpuProbe.probe();
        if (!probe.available()) {
            throw new IllegalStateException("no usable GPU: " + probe.reason());
        }
        CUdevice device = new CUdevice();
        CUcontext context = new CUcontext();
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuDeviceGet(device, 0);
            cuDevicePrimaryCtxRetain(context, device);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("no usable GPU: " + GpuProbe.describe(e), e);
        }
        try {
            cuCtxSetCurrent(context);
            return new GpuBackend(device, context, probe.device());
        } catch (RuntimeException | LinkageError e) {
            cuDevicePrimaryCtxRelease(device);
            throw new IllegalStateException("no usable GPU: the CUDA kernels did not load on " + probe.device() + ": "
                    + GpuProbe.describe(e), e);
        }
    }

    @Override
    public String name() {
        return "gpu";
    }

    /** The device's name and compute capability. */
    public String device() {
        return description;
    }

    // ------------------------------------------------------------------ assign

    @Override
    public double assign(float[] x, int n, int d, float[] centres, int k, int[] labels, float[] distances) {
        checkRows(x, n, d, centres, k);
        require(labels.length >= n, "labels hold " + labels.length + " entries for " + n + " rows");
        require(distances == null || distances.length >= n, "distances hold fewer than " + n + " entries");
        if (n == 0) {
            return 0;
        }
        current();
        int mode = sharedMode(k, d) == MODE_GLOBAL ? MODE_GLOBAL : MODE_BLOCK; // assign stages centres only
        int shared = sharedBytes(k, d, mode);
        CUfunction f = kernels.assign(d);
        double[] total = new double[1];
        // One copy up (rows, then centres) and one down (labels, then distances) per piece: a
        // partial fit on a small batch is bound by the number of operations, not their size.
        pipeline(n, d, (s, from, rows) -> {
            long xBytes = (long) rows * d * Sizeof.FLOAT;
            long inBytes = xBytes + (long) k * d * Sizeof.FLOAT;
            ByteBuffer in = s.pinnedIn.ensure(inBytes);
            in.clear();
            in.asFloatBuffer().put(x, from * d, rows * d);
            s.pinnedIn.slice((int) xBytes, k * d * Sizeof.FLOAT).asFloatBuffer().put(centres, 0, k * d);
            CUdeviceptr dx = s.x.ensure(inBytes);
            CUdeviceptr dl = s.labels.ensure((long) rows * 2 * Sizeof.INT);
            CUdeviceptr dd = dl.withByteOffset((long) rows * Sizeof.INT);
            cuMemcpyHtoDAsync(dx, s.pinnedIn.at(0), inBytes, s.stream);
            launch(f, rows, shared, s.stream, Pointer.to(Pointer.to(dx), Pointer.to(new long[] {rows}),
                    Pointer.to(new int[] {d}), Pointer.to(dx.withByteOffset(xBytes)), Pointer.to(new int[] {k}),
                    Pointer.to(dl), Pointer.to(dd), Pointer.to(new int[] {mode})));
            s.pinnedOut.ensure((long) rows * 2 * Sizeof.INT);
            cuMemcpyDtoHAsync(s.pinnedOut.at(0), dl, (long) rows * 2 * Sizeof.INT, s.stream);
            return () -> {
                s.pinnedOut.slice(0, rows * Sizeof.INT).asIntBuffer().get(labels, from, rows);
                float[] dist = distances != null ? distances : s.hostFloats(rows);
                int at = distances != null ? from : 0;
                s.pinnedOut.slice(rows * Sizeof.INT, rows * Sizeof.FLOAT).asFloatBuffer().get(dist, at, rows);
                double t = 0;
                for (int i = 0; i < rows; i++) {
                    t += dist[at + i];
                }
                total[0] += t;
            };
        });
        return total[0];
    }

    // -------------------------------------------------------------- accumulate

    @Override
    public void accumulate(float[] x, int n, int d, int[] labels, int k, double[] sums, long[] counts) {
        require(d >= 1 && k >= 1 && n >= 0, "need d ≥ 1, k ≥ 1 and n ≥ 0, got d=" + d + ", k=" + k + ", n=" + n);
        require((long) n * d <= x.length, "x holds " + x.length + " values, " + n + " rows × " + d + " need more");
        require(labels.length >= n && sums.length >= k * d && counts.length >= k, "labels, sums or counts too short");
        for (int i = 0; i < n; i++) {
            if (labels[i] >= k) {
                throw new ArrayIndexOutOfBoundsException("labels[" + i + "] = " + labels[i] + " is not below k = " + k);
            }
        }
        if (n == 0) {
            return;
        }
        current();
        zeroTotals(k, d);
        int mode = sharedMode(k, d);
        int shared = sharedBytes(k, d, mode);
        CUfunction f = kernels.accumulate(d);
        pipeline(n, d, (s, from, rows) -> {
            long xBytes = (long) rows * d * Sizeof.FLOAT;
            ByteBuffer in = s.pinnedIn.ensure(xBytes + (long) rows * Sizeof.INT);
            in.clear();
            in.asFloatBuffer().put(x, from * d, rows * d);
            s.pinnedIn.slice((int) xBytes, rows * Sizeof.INT).asIntBuffer().put(labels, from, rows);
            CUdeviceptr dx = s.x.ensure(xBytes + (long) rows * Sizeof.INT);
            cuMemcpyHtoDAsync(dx, s.pinnedIn.at(0), xBytes + (long) rows * Sizeof.INT, s.stream);
            launch(f, rows, shared, s.stream, Pointer.to(Pointer.to(dx), Pointer.to(new long[] {rows}),
                    Pointer.to(new int[] {d}), Pointer.to(dx.withByteOffset(xBytes)), Pointer.to(new int[] {k}),
                    Pointer.to(sumsPointer()), Pointer.to(countsPointer()),
                    Pointer.to(new int[] {mode})));
            return null;
        });
        addTotals(k, d, sums, counts);
    }

    // --------------------------------------------------------------- lloydStep

    @Override
    public long lloydStep(float[] x, int n, int d, float[] centres, int k, byte[] ids, byte[] labels, double[] sums,
                          long[] counts, float[] distances) {
        checkRows(x, n, d, centres, k);
        require(ids.length >= k && labels.length >= n && sums.length >= k * d && counts.length >= k,
                "ids, labels, sums or counts too short");
        require(distances == null || distances.length >= n, "distances hold fewer than " + n + " entries");
        if (n == 0) {
            return 0;
        }
        current();
        uploadCentres(centres, k, d);
        uploadIds(ids, k);
        zeroTotals(k, d);
        int mode = sharedMode(k, d);
        CUfunction f = kernels.lloyd(d);
        pipeline(n, d, (s, from, rows) -> {
            long xBytes = (long) rows * d * Sizeof.FLOAT;
            ByteBuffer in = s.pinnedIn.ensure(xBytes + rows);
            in.clear();
            in.asFloatBuffer().put(x, from * d, rows * d);
            in.position((int) xBytes);
            in.put(labels, from, rows);
            CUdeviceptr dx = s.x.ensure(xBytes + rows);
            CUdeviceptr dl = dx.withByteOffset(xBytes);
            CUdeviceptr dd = distances == null ? new CUdeviceptr() : s.distances.ensure((long) rows * Sizeof.FLOAT);
            cuMemcpyHtoDAsync(dx, s.pinnedIn.at(0), xBytes + rows, s.stream);
            launch(f, rows, sharedBytes(k, d, mode), s.stream, lloydParams(dx, rows, d, k, dl, dd, mode));
            long outBytes = rows + (distances == null ? 0L : (long) rows * Sizeof.FLOAT);
            s.pinnedOut.ensure(outBytes + Sizeof.FLOAT);
            // Distances first, so that they stay 4-byte aligned.
            if (distances != null) {
                cuMemcpyDtoHAsync(s.pinnedOut.at(0), dd, (long) rows * Sizeof.FLOAT, s.stream);
            }
            int labelsAt = distances == null ? 0 : rows * Sizeof.FLOAT;
            cuMemcpyDtoHAsync(s.pinnedOut.at(labelsAt), dl, rows, s.stream);
            return () -> {
                if (distances != null) {
                    s.pinnedOut.slice(0, rows * Sizeof.FLOAT).asFloatBuffer().get(distances, from, rows);
                }
                s.pinnedOut.slice(labelsAt, rows).get(labels, from, rows);
            };
        });
        return addTotals(k, d, sums, counts);
    }

    @Override
    public LloydSession openLloyd(LloydRows rows) {
        current();
        GpuLloydSession session = new GpuLloydSession(this, rows);
        sessions.add(session);
        return session;
    }

    void sessionClosed(GpuLloydSession session) {
        sessions.remove(session);
    }

    // --------------------------------------------------------------- aggregate

    /**
     * {@inheritDoc}
     *
     * <p>Uploads all of {@code x}, the range's offsets (rebased to its first edge), targets and
     * weights, and computes one output value per thread. Targets are checked on the host first, so
     * the exceptions are the CPU backend's.
     */
    @Override
    public void aggregate(int[] offsets, int[] targets, float[] weights, int rowFrom, int rowTo, float[] x, int d,
                          float[] out) {
        AggregateArguments.check(offsets, targets, weights, rowFrom, rowTo, x, d, out);
        int rows = rowTo - rowFrom;
        if (rows == 0) {
            return;
        }
        int edge0 = offsets[rowFrom];
        int edgeEnd = offsets[rowTo];
        int[] local = new int[rows + 1];
        for (int i = 0; i <= rows; i++) {
            local[i] = offsets[rowFrom + i] - edge0;
            require(i == 0 || local[i] >= local[i - 1], "offsets decrease at row " + (rowFrom + i));
        }
        int xRows = x.length / d;
        for (int i = rowFrom; i < rowTo; i++) {
            for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                if (Integer.compareUnsigned(targets[e], xRows) >= 0) {
                    throw new IndexOutOfBoundsException("targets[" + e + "] = " + targets[e] + " (an edge of row " + i
                            + ") is outside the " + xRows + " rows of x");
                }
            }
        }
        int edges = edgeEnd - edge0;
        current();
        long xBytes = (long) xRows * d * Sizeof.FLOAT;
        CUdeviceptr dx = graphX.ensure(xBytes);
        CUdeviceptr dOffsets = graphOffsets.ensure((long) (rows + 1) * Sizeof.INT);
        CUdeviceptr dTargets = graphTargets.ensure((long) edges * Sizeof.INT);
        CUdeviceptr dWeights = graphWeights.ensure((long) edges * Sizeof.FLOAT);
        CUdeviceptr dOut = graphOut.ensure((long) rows * d * Sizeof.FLOAT);
        cuMemcpyHtoD(dx, Pointer.to(x), xBytes);
        cuMemcpyHtoD(dOffsets, Pointer.to(local), (long) (rows + 1) * Sizeof.INT);
        if (edges > 0) {
            cuMemcpyHtoD(dTargets, Pointer.to(targets).withByteOffset((long) edge0 * Sizeof.INT), (long) edges * Sizeof.INT);
            cuMemcpyHtoD(dWeights, Pointer.to(weights).withByteOffset((long) edge0 * Sizeof.FLOAT),
                    (long) edges * Sizeof.FLOAT);
        }
        launch(kernels.aggregate(), (long) rows * d, 0, null, Pointer.to(Pointer.to(dOffsets), Pointer.to(dTargets),
                Pointer.to(dWeights), Pointer.to(new int[] {rows}), Pointer.to(dx), Pointer.to(new int[] {d}),
                Pointer.to(dOut)));
        cuMemcpyDtoH(Pointer.to(out), dOut, (long) rows * d * Sizeof.FLOAT);
    }

    // ----------------------------------------------------------------- helpers

    /** Makes the context current on the calling thread. */
    void current() {
        if (closed) {
            throw new IllegalStateException("the GPU backend is closed");
        }
        cuCtxSetCurrent(context);
    }

    CudaKernels kernels() {
        return kernels;
    }

    /** Launches a grid-stride kernel sized for {@code work} threads' worth of items. */
    void launch(CUfunction f, long work, int sharedBytes, CUstream stream, Pointer params) {
        long wanted = (work + BLOCK - 1) / BLOCK;
        int blocks = (int) Math.max(1, Math.min(wanted, (long) multiprocessors * BLOCKS_PER_SM));
        cuLaunchKernel(f, blocks, 1, 1, BLOCK, 1, 1, sharedBytes, stream, params, null);
    }

    /** Arguments of {@code gc_lloyd_*} over the backend's centres, ids and totals (after {@link #zeroTotals}). */
    Pointer lloydParams(CUdeviceptr x, long rows, int d, int k, CUdeviceptr labels, CUdeviceptr distances,
                        int mode) {
        return Pointer.to(Pointer.to(x), Pointer.to(new long[] {rows}), Pointer.to(new int[] {d}),
                Pointer.to(centres.pointer()), Pointer.to(new int[] {k}), Pointer.to(ids.pointer()),
                Pointer.to(labels), Pointer.to(sumsPointer()), Pointer.to(countsPointer()),
                Pointer.to(changedPointer()), Pointer.to(distances), Pointer.to(new int[] {mode}));
    }

    /** Per-centre totals in global memory, updated with atomics (kernels.cu MODE_GLOBAL). */
    static final int MODE_GLOBAL = 0;
    /** One shared-memory copy of the totals per block, shared atomics (MODE_BLOCK). */
    static final int MODE_BLOCK = 1;
    /** One shared-memory copy per warp, plain adds, no atomics in the row loop (MODE_WARP). */
    static final int MODE_WARP = 2;

    /** Where the kernels keep per-centre totals: the most private copy that fits in shared memory. */
    static int sharedMode(int k, int d) {
        if (sharedBytes(k, d, MODE_WARP) <= SHARED_LIMIT) {
            return MODE_WARP;
        }
        return sharedBytes(k, d, MODE_BLOCK) <= SHARED_LIMIT ? MODE_BLOCK : MODE_GLOBAL;
    }

    /**
     * Dynamic shared memory of the assign/accumulate/lloyd kernels in {@code mode}: per copy,
     * {@code k·d} double sums, {@code k} counts and a changed count; then the {@code k·d} centres.
     */
    static int sharedBytes(int k, int d, int mode) {
        if (mode == MODE_GLOBAL) {
            return 0;
        }
        long copies = mode == MODE_WARP ? BLOCK / 32 : 1;
        long bytes = copies * ((long) k * d * Sizeof.DOUBLE + (long) k * Sizeof.LONG + Sizeof.LONG)
                + (long) k * d * Sizeof.FLOAT;
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    CUdeviceptr uploadCentres(float[] c, int k, int d) {
        CUdeviceptr p = centres.ensure((long) k * d * Sizeof.FLOAT);
        cuMemcpyHtoD(p, Pointer.to(c), (long) k * d * Sizeof.FLOAT);
        return p;
    }

    CUdeviceptr uploadIds(byte[] id, int k) {
        CUdeviceptr p = ids.ensure(k);
        cuMemcpyHtoD(p, Pointer.to(id), k);
        return p;
    }

    /**
     * Zeroes the device totals for {@code k × d} (one memset on the legacy stream, which the
     * slots' blocking streams wait for); the totals' pointers refer to this shape until the next call.
     */
    void zeroTotals(int k, int d) {
        totalsK = k;
        totalsD = d;
        long bytes = totalsBytes(k, d);
        cuMemsetD8(totals.ensure(bytes), (byte) 0, bytes);
    }

    private static long totalsBytes(int k, int d) {
        return (long) k * d * Sizeof.DOUBLE + (long) k * Sizeof.LONG + Sizeof.LONG;
    }

    CUdeviceptr sumsPointer() {
        return totals.pointer();
    }

    CUdeviceptr countsPointer() {
        return totals.pointer().withByteOffset((long) totalsK * totalsD * Sizeof.DOUBLE);
    }

    CUdeviceptr changedPointer() {
        return totals.pointer().withByteOffset((long) totalsK * totalsD * Sizeof.DOUBLE + (long) totalsK * Sizeof.LONG);
    }

    /**
     * Copies the device totals back in one copy (on the legacy stream, so after all work on the
     * slots' blocking streams) and adds them to the caller's arrays; returns the changed count.
     */
    long addTotals(int k, int d, double[] sumsOut, long[] countsOut) {
        assert k == totalsK && d == totalsD;
        long bytes = totalsBytes(k, d);
        totalsHost.ensure(bytes);
        cuMemcpyDtoH(totalsHost.at(0), totals.pointer(), bytes);
        DoubleBuffer s = totalsHost.slice(0, k * d * Sizeof.DOUBLE).asDoubleBuffer();
        for (int i = 0; i < k * d; i++) {
            sumsOut[i] += s.get(i);
        }
        LongBuffer c = totalsHost.slice(k * d * Sizeof.DOUBLE, (k + 1) * Sizeof.LONG).asLongBuffer();
        for (int i = 0; i < k; i++) {
            countsOut[i] += c.get(i);
        }
        return c.get(k);
    }

    /** Rows per pipelined piece for width {@code d}. */
    static int pieceRows(int d) {
        return Math.max(1, PIECE_BYTES / (d * Sizeof.FLOAT));
    }

    /** Work on one piece: enqueues copies and kernels on the slot's stream, returns what to do once it is done. */
    @FunctionalInterface
    interface PieceWork {
        Runnable enqueue(Slot slot, int from, int rows);
    }

    /**
     * Runs {@code work} over rows {@code 0..n-1} in pieces, alternating between the two slots: the
     * host fills one slot's pinned buffer and enqueues its copies and kernel while the device
     * works on the other slot's piece. A slot's completion work runs, in piece order, before the
     * slot is reused and at the end.
     */
    void pipeline(int n, int d, PieceWork work) {
        int piece = pieceRows(d);
        boolean ok = false;
        try {
            int p = 0;
            for (int from = 0; from < n; from += piece, p++) {
                Slot s = slots[p & 1];
                s.finish();
                int rows = Math.min(piece, n - from);
                s.pending = work.enqueue(s, from, rows);
            }
            ok = true;
        } finally {
            // Always wait for the streams, so that no copy is still in flight into a buffer that a
            // later call reuses; completion work only runs on success.
            for (int i = 0; i < slots.length; i++) {
                Slot s = slots[(int) ((i + ((long) n + piece - 1) / piece) & 1)];
                if (ok) {
                    s.finish();
                } else {
                    s.abandon();
                }
            }
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void checkRows(float[] x, int n, int d, float[] centres, int k) {
        require(d >= 1 && k >= 1 && n >= 0, "need d ≥ 1, k ≥ 1 and n ≥ 0, got d=" + d + ", k=" + k + ", n=" + n);
        require((long) n * d <= x.length, "x holds " + x.length + " values, " + n + " rows × " + d + " need more");
        require((long) k * d <= centres.length, "centres hold " + centres.length + " values, " + k + " × " + d
                + " need more");
    }

    /** A stream with its pinned host buffers and device buffers: one of the two pipeline stages. */
    static final class Slot {
        final CUstream stream = new CUstream();
        final PinnedBuffer pinnedIn = new PinnedBuffer();
        final PinnedBuffer pinnedOut = new PinnedBuffer();
        final DeviceBuffer x = new DeviceBuffer();
        final DeviceBuffer labels = new DeviceBuffer();
        final DeviceBuffer distances = new DeviceBuffer();
        Runnable pending;
        private float[] hostFloats = new float[0];

        Slot() {
            // A blocking stream: it waits for work on the legacy default stream (the synchronous
            // copies and memsets) and that stream waits for it.
            cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT);
        }

        /** Waits for the slot's stream, then runs its completion work. */
        void finish() {
            cuStreamSynchronize(stream);
            Runnable r = pending;
            pending = null;
            if (r != null) {
                r.run();
            }
        }

        /** Waits for the slot's stream and drops its completion work (after a failure). */
        void abandon() {
            pending = null;
            try {
                cuStreamSynchronize(stream);
            } catch (RuntimeException ignored) {
                // The original failure is the one worth reporting.
            }
        }

        float[] hostFloats(int n) {
            if (hostFloats.length < n) {
                hostFloats = new float[n];
            }
            return hostFloats;
        }

        void free() {
            pinnedIn.free();
            pinnedOut.free();
            x.free();
            labels.free();
            distances.free();
            cuStreamDestroy(stream);
        }
    }

    Slot slot(int i) {
        return slots[i];
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            cuCtxSetCurrent(context);
            for (GpuLloydSession s : new ArrayList<>(sessions)) {
                s.release();
            }
            for (Slot s : slots) {
                s.free();
            }
            for (DeviceBuffer b : new DeviceBuffer[] {centres, ids, totals, graphX, graphOffsets, graphTargets,
                    graphWeights, graphOut}) {
                b.free();
            }
            totalsHost.free();
            kernels.unload();
        } finally {
            closed = true;
            cuDevicePrimaryCtxRelease(device);
        }
    }
}
