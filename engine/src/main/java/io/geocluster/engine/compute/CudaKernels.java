package io.geocluster.engine.compute;

import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/**
 * The CUDA kernels of {@code src/main/cuda/kernels.cu}, compiled to PTX by the build's
 * {@code cuda} profile and bundled as {@value #RESOURCE}; loaded into the current context with
 * {@code cuModuleLoadData}, so that the driver JIT-compiles them for the device (no NVRTC, no
 * CUDA runtime library).
 *
 * <p>Each kernel has entries {@code gc_<kernel>_<D>} for row widths D = 1..{@value #MAX_D}
 * (rows in registers, loops unrolled) and D = 0 for any width.
 */
final class CudaKernels {
    /** Class-path location of the PTX. */
    static final String RESOURCE = "/io/geocluster/engine/cuda/kernels.ptx";
    /** Widest row with its own kernel entry. */
    static final int MAX_D = 16;
    /** Reason given when the build had no nvcc. */
    static final String NOT_BUNDLED = "this build has no CUDA kernels (built without nvcc)";

    private final CUmodule module = new CUmodule();
    private final CUfunction[] assign = new CUfunction[MAX_D + 1];
    private final CUfunction[] accumulate = new CUfunction[MAX_D + 1];
    private final CUfunction[] lloyd = new CUfunction[MAX_D + 1];
    private final CUfunction aggregate;

    /** Loads the module into the current context. */
    CudaKernels() {
        byte[] ptx = ptx();
        if (ptx == null) {
            throw new IllegalStateException(NOT_BUNDLED);
        }
        cuModuleLoadData(module, ptx);
        for (int d = 0; d <= MAX_D; d++) {
            assign[d] = function("gc_assign_" + d);
            accumulate[d] = function("gc_accumulate_" + d);
            lloyd[d] = function("gc_lloyd_" + d);
        }
        aggregate = function("gc_aggregate");
    }

    /** Whether this build bundles the PTX. */
    static boolean bundled() {
        return CudaKernels.class.getResource(RESOURCE) != null;
    }

    /** The bundled PTX, NUL-terminated as {@code cuModuleLoadData} wants it, or {@code null}. */
    static byte[] ptx() {
        try (InputStream in = CudaKernels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            byte[] text = in.readAllBytes();
            return Arrays.copyOf(text, text.length + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Every entry the backend looks up, for the build check of the PTX. */
    static List<String> entryNames() {
        List<String> names = new ArrayList<>();
        for (String kernel : new String[] {"assign", "accumulate", "lloyd"}) {
            for (int d = 0; d <= MAX_D; d++) {
                names.add("gc_" + kernel + "_" + d);
            }
        }
        names.add("gc_aggregate");
        return names;
    }

    private CUfunction function(String name) {
        CUfunction f = new CUfunction();
        cuModuleGetFunction(f, module, name);
        return f;
    }

    private static int slot(int d) {
        return d <= MAX_D ? d : 0;
    }

    CUfunction assign(int d) {
        return assign[slot(d)];
    }

    CUfunction accumulate(int d) {
        return accumulate[slot(d)];
    }

    CUfunction lloyd(int d) {
        return lloyd[slot(d)];
    }

    CUfunction aggregate() {
        return aggregate;
    }

    void unload() {
        cuModuleUnload(module);
    }
}
