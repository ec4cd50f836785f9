package io.geocluster.engine.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Backend selection with and without a usable GPU. Runs everywhere: on a machine without a CUDA
 * driver (CI, most laptops) it checks the fallback; on one with a GPU, that auto picks it.
 */
class GpuFallbackTest {
    @Test
    void probeNeverThrowsAndIsCached() {
        GpuProbe.Result first = GpuProbe.probe();
        assertNotNull(first);
        assertSame(first, GpuProbe.probe());
        assertEquals(first.available(), GpuProbe.available());
        if (!first.available()) {
            assertFalse(first.reason().isBlank());
            assertFalse(first.reason().contains("\n"), "one line: " + first.reason());
        } else {
            assertNotNull(first.device());
        }
    }

    @Test
    void autoLogsExactlyOneLineAndFallsBackWithoutAGpu() {
        List<String> log = new ArrayList<>();
        try (ComputeBackend b = Backends.create("auto", log::add)) {
            assertEquals(1, log.size(), log.toString());
            if (GpuProbe.available()) {
                assertEquals("gpu", b.name());
                assertTrue(log.get(0).contains("using the GPU backend"), log.get(0));
            } else {
                assertEquals("cpu", b.name());
                assertTrue(log.get(0).contains("using the CPU backend"), log.get(0));
                assertTrue(log.get(0).contains("no usable GPU: " + GpuProbe.probe().reason()), log.get(0));
            }
        }
        // A second selection probes nothing new and still works.
        log.clear();
        try (ComputeBackend b = Backends.create(null, log::add)) {
            assertEquals(1, log.size());
            assertEquals(GpuProbe.available() ? "gpu" : "cpu", b.name());
        }
    }

    @Test
    void gpuFailsWithTheReasonWhenThereIsNone() {
        if (GpuProbe.available()) {
            try (ComputeBackend b = Backends.create("GPU", s -> { })) {
                assertEquals("gpu", b.name());
            }
            return;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.create("gpu", s -> { }));
        assertTrue(e.getMessage().startsWith("backend=gpu was requested, but there is no usable GPU: "), e.getMessage());
        assertTrue(e.getMessage().contains(GpuProbe.probe().reason()), e.getMessage());
        assertTrue(e.getMessage().endsWith("use backend=cpu or backend=auto."), e.getMessage());
        IllegalStateException direct = assertThrows(IllegalStateException.class, GpuBackend::open);
        assertEquals("no usable GPU: " + GpuProbe.probe().reason(), direct.getMessage());
    }

    @Test
    void withoutPtxTheReasonSaysSo() {
        if (!CudaKernels.bundled()) {
            assertEquals(CudaKernels.NOT_BUNDLED, GpuProbe.probe().reason());
        }
    }

    @Test
    void describeKeepsOneLineAndNamesTheFailure() {
        String s = GpuProbe.describe(new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver\"\n"
                + "Operating system name: Linux\nArchitecture: amd64"));
        assertEquals("the CUDA driver could not be loaded (UnsatisfiedLinkError: Error while loading native library"
                + " \"JCudaDriver\")", s);
        assertEquals("the CUDA driver could not be loaded (libcuda.so.1: cannot open shared object file: No such file"
                + " or directory)", GpuProbe.describe(new UnsatisfiedLinkError("Error while loading native library\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.0.0-linux-x86_64.so: libcuda.so.1: cannot"
                + " open shared object file: No such file or directory\n\tat java.base/...")));
        assertEquals("JCuda is not usable (NoClassDefFoundError: jcuda/driver/JCudaDriver)",
                GpuProbe.describe(new NoClassDefFoundError("jcuda/driver/JCudaDriver")));
        assertEquals("IllegalStateException", GpuProbe.describe(new IllegalStateException()));
    }

    @Test
    void unknownNamesAreStillRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.create("tpu", s -> { }));
        assertEquals("backend must be auto, cpu or gpu, got 'tpu'.", e.getMessage());
    }
}
