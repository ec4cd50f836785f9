package io.geocluster.engine.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShuffleBufferTest {
    @Test
    void emitsEveryRowExactlyOnceInAnotherOrder() {
        for (int capacity : new int[] {1, 10, 1000, 5000}) {
            ShuffleBuffer buffer = new ShuffleBuffer(capacity, 2, new SplittableRandom(capacity));
            List<Float> out = new ArrayList<>();
            float[] row = new float[2];
            for (int i = 0; i < 3000; i++) {
                row[0] = i;
                row[1] = -i;
                buffer.push(row, 0, (v, r) -> {
                    out.add(v[r * 2]);
                    assertTrue(v[r * 2 + 1] == -v[r * 2], "row values stay together");
                });
            }
            buffer.drain((v, r) -> out.add(v[r * 2]));
            float[] sorted = new float[out.size()];
            int displaced = 0;
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = out.get(i);
                displaced += out.get(i) != i ? 1 : 0;
            }
            java.util.Arrays.sort(sorted);
            float[] expected = new float[3000];
            for (int i = 0; i < 3000; i++) {
                expected[i] = i;
            }
            assertArrayEquals(expected, sorted, "capacity " + capacity);
            if (capacity >= 10) {
                assertTrue(displaced > 2000, "capacity " + capacity + " should reorder rows");
            }
        }
    }
}
