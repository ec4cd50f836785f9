package io.geocluster.host.serve;

import java.time.Duration;
import org.w3c.dom.Document;

/** Test support: polls a statusLocation until the execution has finished, within a time limit. */
final class StatusPolling {
    private StatusPolling() {
    }

    static Document poll(String statusLocation, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            Document d = Xml.parse(TestHosts.get(statusLocation).body());
            if (!Xml.all(d, Xml.WPS, "ProcessSucceeded").isEmpty() || !Xml.all(d, Xml.WPS, "ProcessFailed").isEmpty()) {
                return d;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Execution still running after " + limit);
            }
            Thread.sleep(100);
        }
    }
}
