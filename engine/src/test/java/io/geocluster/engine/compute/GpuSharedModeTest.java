package io.geocluster.engine.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Where the kernels keep per-centre totals (pure arithmetic, runs without a GPU): a copy per warp
 * while it fits in 48 KiB of shared memory, then one per block, then global memory. The GPU tests
 * cover each mode with (k, d) = (8, 6), (40, 40) and (50, 300).
 */
class GpuSharedModeTest {
    @Test
    void picksTheMostPrivateCopyThatFits() {
        assertEquals(GpuBackend.MODE_WARP, GpuBackend.sharedMode(8, 6));
        assertEquals(8 * (8 * 6 * 8 + 8 * 8 + 8) + 8 * 6 * 4, GpuBackend.sharedBytes(8, 6, GpuBackend.MODE_WARP));
        assertEquals(GpuBackend.MODE_WARP, GpuBackend.sharedMode(10, 20));
        assertEquals(GpuBackend.MODE_BLOCK, GpuBackend.sharedMode(40, 40));
        assertEquals(GpuBackend.MODE_GLOBAL, GpuBackend.sharedMode(50, 300));
        assertEquals(GpuBackend.MODE_GLOBAL, GpuBackend.sharedMode(255, 16));
        assertEquals(0, GpuBackend.sharedBytes(50, 300, GpuBackend.MODE_GLOBAL));
        for (int k = 1; k <= 1024; k *= 2) {
            for (int d = 1; d <= 512; d *= 2) {
                int mode = GpuBackend.sharedMode(k, d);
                assertTrue(GpuBackend.sharedBytes(k, d, mode) <= GpuBackend.SHARED_LIMIT, k + " × " + d);
            }
        }
    }

    @Test
    void piecesHoldAtLeastOneRow() {
        assertEquals((8 << 20) / 24, GpuBackend.pieceRows(6));
        assertEquals(1, GpuBackend.pieceRows(4 << 20));
    }
}
