package io.geocluster.plugin.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.RunCancelledException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerMonitorTest {
    @Test
    void passesShareTheRangeAndRowsFillTheirShare() {
        RecordingListener listener = new RecordingListener();
        ListenerMonitor m = new ListenerMonitor(listener, 4);
        m.passStarted("statistics", 1000);
        m.passProgress(500);          // 0.5 of pass 1 of 4: 12.5 %
        m.passFinished();             // 25 %
        m.passStarted("warm start", -1);
        m.passProgress(12345);        // unknown size: stays at 25 %
        m.passFinished();             // 50 %
        m.passStarted("training", 200);
        m.passProgress(50);           // 50 + 25 * 0.25 = 56.25 %
        m.passProgress(2000);         // more rows than expected: capped at the pass's end, 75 %
        assertEquals(List.of(0f, 12.5f, 25f, 50f, 56.25f, 75f), listener.progress);
        assertEquals(List.of("statistics", "warm start", "training"), listener.tasks);
    }

    @Test
    void smallStepsAreNotForwarded() {
        RecordingListener listener = new RecordingListener();
        ListenerMonitor m = new ListenerMonitor(listener, 1);
        m.passStarted("labelling", 10_000);
        for (int rows = 1; rows <= 100; rows++) {
            m.passProgress(rows);     // up to 1 %, in steps of 0.01 %
        }
        assertEquals(List.of(0f, 0.5f, 1f), listener.progress);
    }

    @Test
    void progressStaysBelowHundredUntilTheProcessCompletes() {
        RecordingListener listener = new RecordingListener();
        ListenerMonitor m = new ListenerMonitor(listener, 2);
        for (int pass = 0; pass < 3; pass++) { // one pass more than announced
            m.passStarted("pass " + pass, -1);
            m.passFinished();
        }
        assertEquals(List.of(0f, 50f, 99f), listener.progress);
    }

    @Test
    void cancellationIsTheListenersAndStopsTheRun() {
        RecordingListener listener = new RecordingListener();
        ListenerMonitor m = new ListenerMonitor(listener, 3);
        assertFalse(m.isCanceled());
        m.checkCanceled();
        listener.setCanceled(true);
        assertTrue(m.isCanceled());
        assertThrows(RunCancelledException.class, m::checkCanceled);
    }

    @Test
    void aRunNeedsAtLeastOnePass() {
        assertThrows(IllegalArgumentException.class, () -> new ListenerMonitor(new RecordingListener(), 0));
    }
}
