package io.geocluster.engine.compute;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bundled PTX, when the build had nvcc: it declares every entry the backend looks up, and a
 * PTX ISA version and target that a CUDA 12.0 driver loads on an A100 or newer.
 */
class GpuPtxTest {
    @Test
    void ptxDeclaresTheExpectedEntriesForCuda12Drivers() {
        assumeTrue(CudaKernels.bundled(), "this build has no PTX (no nvcc)");
        byte[] bytes = CudaKernels.ptx();
        assertTrue(bytes[bytes.length - 1] == 0, "NUL-terminated for cuModuleLoadData");
        String ptx = new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
        for (String entry : CudaKernels.entryNames()) {
            assertTrue(Pattern.compile("\\.entry " + entry + "\\(").matcher(ptx).find(), "missing .entry " + entry);
        }
        Matcher version = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)$").matcher(ptx);
        assertTrue(version.find(), "no .version line");
        int v = Integer.parseInt(version.group(1)) * 10 + Integer.parseInt(version.group(2));
        assertTrue(v <= 80, "PTX ISA " + version.group(1) + "." + version.group(2)
                + " needs a newer driver than CUDA 12.0's (8.0)");
        assertTrue(Pattern.compile("(?m)^\\.target sm_80$").matcher(ptx).find(), "target is not sm_80");
    }
}
