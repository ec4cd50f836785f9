package io.geocluster.engine.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class TrainTestSplitTest {
    @Test
    void holdsOutTheRequestedFractionStably() {
        TrainTestSplit split = new TrainTestSplit(0.2, 42);
        int test = 0;
        for (long id = 0; id < 200_000; id++) {
            if (split.isTest(id)) {
                test++;
            }
            assertEquals(split.isTest(id), new TrainTestSplit(0.2, 42).isTest(id));
        }
        assertEquals(0.2, test / 200_000.0, 0.005);
    }

    @Test
    void consecutiveIdsAreNotSplitInBlocksAndSeedsDiffer() {
        TrainTestSplit a = new TrainTestSplit(0.5, 1);
        TrainTestSplit b = new TrainTestSplit(0.5, 2);
        int differ = 0, runs = 0;
        boolean previous = a.isTest(0);
        for (long id = 1; id < 10_000; id++) {
            boolean now = a.isTest(id);
            runs += now != previous ? 1 : 0;
            previous = now;
            differ += a.isTest(id) != b.isTest(id) ? 1 : 0;
        }
        assertEquals(5_000, runs, 300);
        assertEquals(5_000, differ, 300);
        assertNotEquals(0, differ);
    }

    @Test
    void zeroFractionHoldsNothingOut() {
        TrainTestSplit none = new TrainTestSplit(0, 3);
        for (long id = 0; id < 1000; id++) {
            assertEquals(false, none.isTest(id));
        }
    }
}
