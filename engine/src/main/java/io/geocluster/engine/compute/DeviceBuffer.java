package io.geocluster.engine.compute;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

import jcuda.driver.CUdeviceptr;

/** A device allocation that grows on demand (by at least half, to avoid reallocating per call). */
final class DeviceBuffer {
    private CUdeviceptr pointer = new CUdeviceptr();
    private long bytes;

    /** The allocation, at least {@code need} bytes; its contents are lost when it grows. */
    CUdeviceptr ensure(long need) {
        if (need > bytes) {
            long size = Math.max(need, bytes + bytes / 2);
            free();
            CUdeviceptr p = new CUdeviceptr();
            cuMemAlloc(p, Math.max(size, 8));
            pointer = p;
            bytes = size;
        }
        return pointer;
    }

    /** The current allocation (a null device pointer before the first {@link #ensure}). */
    CUdeviceptr pointer() {
        return pointer;
    }

    void free() {
        if (bytes > 0) {
            bytes = 0;
            cuMemFree(pointer);
            pointer = new CUdeviceptr();
        }
    }
}
