package io.geocluster.engine.compute;

import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;

/**
 * Page-locked host memory, which asynchronous copies need to overlap kernels, viewed as a native
 * order {@link ByteBuffer}; grows on demand.
 */
final class PinnedBuffer {
    private Pointer pointer = new Pointer();
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    /** At least {@code need} bytes (at most 2 GiB); its contents are lost when it grows. */
    ByteBuffer ensure(long need) {
        if (need > buffer.capacity()) {
            long size = Math.min(Integer.MAX_VALUE - 8, Math.max(need, buffer.capacity() + (long) buffer.capacity() / 2));
            if (size < need) {
                throw new IllegalArgumentException("a pinned buffer holds at most 2 GiB, " + need + " bytes requested");
            }
            free();
            Pointer p = new Pointer();
            cuMemAllocHost(p, size);
            pointer = p;
            buffer = p.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
        }
        return buffer;
    }

    /** The host address {@code offset} bytes in, for the copy functions. */
    Pointer at(long offset) {
        return pointer.withByteOffset(offset);
    }

    /** A native-order view of {@code bytes} bytes from {@code offset}. */
    ByteBuffer slice(int offset, int bytes) {
        return buffer.duplicate().clear().position(offset).limit(offset + bytes).slice().order(ByteOrder.nativeOrder());
    }

    void free() {
        if (buffer.capacity() > 0) {
            buffer = ByteBuffer.allocate(0);
            cuMemFreeHost(pointer);
            pointer = new Pointer();
        }
    }
}
