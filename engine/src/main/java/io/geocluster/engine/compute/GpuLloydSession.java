package io.geocluster.engine.compute;

import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.nio.ByteBuffer;
import java.util.function.IntConsumer;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;

/**
 * IIkMC's Lloyd iterations with the pooled pixels resident on the device.
 *
 * <p><b>Algorithm:</b> when the session opens, the leading chunks that fit in free device memory
 * (less a reserve of {@value #RESERVE_MIN_MIB} MiB or 5 % of the device, whichever is more) are
 * uploaded once, values and class ids, into one contiguous allocation, so that a step is a single
 * kernel launch over all of them. Chunks beyond that are streamed every step through the
 * backend's two pinned buffers and streams (values and class ids up, class ids back), so the copy
 * of one overlaps the kernel on the other and on the resident rows. A step uploads the centres and
 * ids, zeroes the device totals, launches, and copies back only the per-centre sums and counts and
 * the changed count. Class ids of resident chunks come back when the session closes.
 *
 * <p><b>Thread safety:</b> one step at a time, and no other call on the backend meanwhile.
 */
final class GpuLloydSession implements LloydSession {
    static final int RESERVE_MIN_MIB = 256;
    /** Upper bound on the bytes kept resident; tests lower it to exercise streaming. */
    static volatile long residentCapBytes = Long.MAX_VALUE;

    private final GpuBackend backend;
    private final LloydRows rows;
    private final int d;
    private final int chunks;
    private final int residentChunks;
    private final long residentRows;
    private final long[] residentStart;
    private final DeviceBuffer residentX = new DeviceBuffer();
    private final DeviceBuffer residentLabels = new DeviceBuffer();
    private final CUstream stream = new CUstream();
    private boolean streamCreated;
    private boolean released;

    GpuLloydSession(GpuBackend backend, LloydRows rows) {
        this.backend = backend;
        this.rows = rows;
        this.d = rows.d();
        this.chunks = rows.chunks();
        long perRow = (long) d * Sizeof.FLOAT + 1;
        long[] free = new long[1];
        long[] total = new long[1];
        cuMemGetInfo(free, total);
        long all = 0;
        int largest = 0;
        for (int c = 0; c < chunks; c++) {
            all += rows.rows(c);
            largest = Math.max(largest, rows.rows(c));
        }
        long budget = free[0] - Math.max((long) RESERVE_MIN_MIB << 20, total[0] / 20);
        if (all * perRow > budget) {
            budget -= 2L * largest * perRow; // the two streaming slots
        }
        budget = Math.min(budget, residentCapBytes);
        int r = 0;
        long used = 0;
        while (r < chunks && (used + rows.rows(r)) * perRow <= budget) {
            used += rows.rows(r);
            r++;
        }
        this.residentChunks = r;
        this.residentRows = used;
        this.residentStart = new long[r + 1];
        boolean ok = false;
        try {
            cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT);
            streamCreated = true;
            if (used > 0) {
                CUdeviceptr x = residentX.ensure(used * d * Sizeof.FLOAT);
                CUdeviceptr l = residentLabels.ensure(used);
                long at = 0;
                for (int c = 0; c < r; c++) {
                    int n = rows.rows(c);
                    residentStart[c] = at;
                    cuMemcpyHtoD(x.withByteOffset(at * d * Sizeof.FLOAT), Pointer.to(rows.values(c)),
                            (long) n * d * Sizeof.FLOAT);
                    cuMemcpyHtoD(l.withByteOffset(at), Pointer.to(rows.labels(c)), n);
                    at += n;
                }
                residentStart[r] = at;
            }
            ok = true;
        } finally {
            if (!ok) {
                release();
            }
        }
    }

    /** Chunks kept on the device (the rest are streamed every step). */
    int residentChunks() {
        return residentChunks;
    }

    @Override
    public long step(float[] centres, int k, byte[] ids, double[] sums, long[] counts, IntConsumer progress) {
        if (released) {
            throw new IllegalStateException("the Lloyd session is closed");
        }
        GpuBackend.require(k >= 1 && centres.length >= k * d && ids.length >= k && sums.length >= k * d
                && counts.length >= k, "centres, ids, sums or counts too short for k = " + k);
        backend.current();
        backend.uploadCentres(centres, k, d);
        backend.uploadIds(ids, k);
        backend.zeroTotals(k, d);
        int mode = GpuBackend.sharedMode(k, d);
        int shared = GpuBackend.sharedBytes(k, d, mode);
        CUfunction f = backend.kernels().lloyd(d);
        CUdeviceptr noDistances = new CUdeviceptr();
        GpuBackend.Slot[] slots = {backend.slot(0), backend.slot(1)};
        boolean ok = false;
        try {
            if (residentRows > 0) {
                backend.launch(f, residentRows, shared, stream,
                        backend.lloydParams(residentX.pointer(), residentRows, d, k, residentLabels.pointer(),
                                noDistances, mode));
                for (int c = 0; c < residentChunks; c++) {
                    progress.accept(rows.rows(c));
                }
            }
            for (int c = residentChunks, p = 0; c < chunks; c++, p++) {
                GpuBackend.Slot s = slots[p & 1];
                s.finish();
                int n = rows.rows(c);
                long xBytes = (long) n * d * Sizeof.FLOAT;
                ByteBuffer in = s.pinnedIn.ensure(xBytes + n);
                in.clear();
                in.asFloatBuffer().put(rows.values(c), 0, n * d);
                in.position((int) xBytes);
                in.put(rows.labels(c), 0, n);
                CUdeviceptr dx = s.x.ensure(xBytes + n);
                CUdeviceptr dl = dx.withByteOffset(xBytes);
                cuMemcpyHtoDAsync(dx, s.pinnedIn.at(0), xBytes + n, s.stream);
                backend.launch(f, n, shared, s.stream, backend.lloydParams(dx, n, d, k, dl, noDistances, mode));
                s.pinnedOut.ensure(n);
                cuMemcpyDtoHAsync(s.pinnedOut.at(0), dl, n, s.stream);
                int chunk = c;
                s.pending = () -> {
                    byte[] back = rows.labels(chunk);
                    s.pinnedOut.slice(0, n).get(back, 0, n);
                    rows.storeLabels(chunk, back);
                };
                progress.accept(n);
            }
            int streamed = chunks - residentChunks;
            slots[streamed & 1].finish();
            slots[(streamed + 1) & 1].finish();
            cuStreamSynchronize(stream);
            ok = true;
        } finally {
            if (!ok) {
                slots[0].abandon();
                slots[1].abandon();
                try {
                    cuStreamSynchronize(stream);
                } catch (RuntimeException ignored) {
                    // The original failure is the one worth reporting.
                }
            }
        }
        return backend.addTotals(k, d, sums, counts);
    }

    /** Copies the class ids of the resident chunks back to the rows, then releases the device memory. */
    @Override
    public void close() {
        if (released) {
            return;
        }
        try {
            backend.current();
            for (int c = 0; c < residentChunks; c++) {
                int n = rows.rows(c);
                byte[] back = rows.labels(c);
                cuMemcpyDtoH(Pointer.to(back), residentLabels.pointer().withByteOffset(residentStart[c]), n);
                rows.storeLabels(c, back);
            }
        } finally {
            release();
        }
    }

    /** Frees the device memory and the stream without copying anything back. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        residentX.free();
        residentLabels.free();
        if (streamCreated) {
            cuStreamDestroy(stream);
        }
        backend.sessionClosed(this);
    }
}
