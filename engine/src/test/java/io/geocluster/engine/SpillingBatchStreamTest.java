package io.geocluster.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillingBatchStreamTest {
    @TempDir
    Path dir;

    /** Counts passes over an in-memory stream with coordinates. */
    private static final class Counting implements BatchStream {
        final ArrayBatchStream inner;
        int passes;

        Counting(int rows, int columns) {
            Random r = new Random(rows);
            float[] v = new float[rows * columns];
            long[] ids = new long[rows];
            double[] x = new double[rows];
            double[] y = new double[rows];
            for (int i = 0; i < rows; i++) {
                ids[i] = r.nextLong();
                x[i] = r.nextDouble() * 1e6;
                y[i] = -r.nextDouble() * 1e6;
                for (int j = 0; j < columns; j++) {
                    v[i * columns + j] = j == 1 && i % 7 == 0 ? Float.NaN : (float) r.nextGaussian();
                }
            }
            inner = new ArrayBatchStream(v, columns, ids, x, y, 333);
        }

        @Override
        public int columns() {
            return inner.columns();
        }

        @Override
        public BatchCursor open() {
            passes++;
            return inner.open();
        }
    }

    private static List<Object[]> read(BatchStream s) throws IOException {
        List<Object[]> out = new ArrayList<>();
        try (BatchCursor c = s.open()) {
            for (FeatureBatch b; (b = c.next()) != null; ) {
                int n = b.size();
                out.add(new Object[] {java.util.Arrays.copyOf(b.ids(), n), java.util.Arrays.copyOf(b.x(), n),
                        java.util.Arrays.copyOf(b.y(), n), java.util.Arrays.copyOf(b.values(), n * b.columns())});
            }
        }
        return out;
    }

    @Test
    void laterPassesReplayTheFirstExactly() throws IOException {
        Counting source = new Counting(2000, 3);
        List<Object[]> expected = read(source);
        try (SpillingBatchStream s = new SpillingBatchStream(source, dir, Long.MAX_VALUE)) {
            for (int pass = 0; pass < 3; pass++) {
                List<Object[]> got = read(s);
                assertEquals(expected.size(), got.size());
                for (int b = 0; b < got.size(); b++) {
                    assertArrayEquals((long[]) expected.get(b)[0], (long[]) got.get(b)[0]);
                    assertArrayEquals((double[]) expected.get(b)[1], (double[]) got.get(b)[1]);
                    assertArrayEquals((double[]) expected.get(b)[2], (double[]) got.get(b)[2]);
                    assertArrayEquals((float[]) expected.get(b)[3], (float[]) got.get(b)[3]);
                }
            }
            assertTrue(s.isComplete());
            assertEquals(2, source.passes, "one pass for the reference, one recorded");
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "close removes the scratch file");
        }
    }

    @Test
    void anUnfinishedPassIsNotKept() throws IOException {
        Counting source = new Counting(2000, 2);
        try (SpillingBatchStream s = new SpillingBatchStream(source, dir, Long.MAX_VALUE)) {
            try (BatchCursor c = s.open()) {
                c.next(); // the caller stops early (cancelled, failed)
            }
            assertFalse(s.isComplete());
            read(s);
            read(s);
            assertEquals(3, source.passes, "without a complete recording every pass reads the source");
        }
    }

    @Test
    void tooLargeForTheLimitFallsBackToTheSource() throws IOException {
        Counting source = new Counting(2000, 4);
        List<Object[]> expected = read(source);
        try (SpillingBatchStream s = new SpillingBatchStream(source, dir, 10_000)) {
            read(s);
            assertFalse(s.isComplete());
            List<Object[]> got = read(s);
            assertEquals(expected.size(), got.size());
            assertArrayEquals((float[]) expected.get(5)[3], (float[]) got.get(5)[3]);
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count(), "the partial recording was removed");
            }
        }
    }
}
