package io.geocluster.host.serve;

import static io.geocluster.host.serve.TestHosts.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The limits through HTTP with the real process: one execution at a time, one waiting, the next
 * refused with ServerBusy; executions past the time limit are cancelled and leave the workspace
 * exactly as it was (no layer, no style, no scratch files).
 */
@Timeout(120)
class ExecutionLimitsTest {
    @TempDir
    Path dir;

    private static final String STORED = "<wps:ResponseForm><wps:ResponseDocument storeExecuteResponse=\"true\" status=\"true\"/>"
            + "</wps:ResponseForm>";

    /**
     * A BatchedKMeans run far longer than the limit on any machine: 64 features, batches of one
     * row, 1000 epochs, about 16 million partial fits. (Batches of 8 over 4 features once finished
     * in about 3 s, right at the limit, and so sometimes succeeded.)
     */
    private static String longRun(String outputName) {
        Map<String, String> in = WpsServiceTest.pointInputs(outputName);
        in.put("dynamicAttributes", "series");
        in.put("batchSize", "1");
        in.put("epochs", "1000");
        return TestHosts.executeXml("cluster:BatchedKMeans", in, STORED);
    }

    @Test
    void queueLimitAndTimeLimitLeaveTheWorkspaceAsItWas() throws Exception {
        Path ws = TestHosts.workspace(dir, false);
        Map<String, Long> before = TestHosts.listing(ws);
        try (GeoclusterHost host = TestHosts.start(ws, TestHosts.limits(1, 1, Duration.ofSeconds(2), Duration.ofMinutes(1)))) {
            String wps = host.wpsUrl();
            HttpResponse<byte[]> first = post(wps, longRun("slow_one"));
            HttpResponse<byte[]> second = post(wps, longRun("slow_two"));
            HttpResponse<byte[]> third = post(wps, longRun("slow_three"));
            assertEquals(200, first.statusCode(), TestHosts.text(first));
            assertEquals(200, second.statusCode(), TestHosts.text(second));
            assertEquals(503, third.statusCode(), TestHosts.text(third));
            assertEquals("ServerBusy", Xml.exceptionCode(third.body()));
            for (HttpResponse<byte[]> r : java.util.List.of(first, second)) {
                String status = Xml.parse(r.body()).getDocumentElement().getAttribute("statusLocation");
                Document last = StatusPolling.poll(status, Duration.ofSeconds(60));
                assertEquals(1, Xml.all(last, Xml.WPS, "ProcessFailed").size(), TestHosts.text(TestHosts.get(status)));
                assertTrue(Xml.texts(last, Xml.OWS, "ExceptionText").get(0).contains("time limit"));
            }
            assertEquals(before, TestHosts.listing(ws));
            try (Stream<Path> scratch = Files.list(ws.resolve(Workspace.SCRATCH))) {
                assertEquals(0, scratch.count(), "scratch folders are removed");
            }
            // and the host still runs executions afterwards
            assertEquals(200, TestHosts.get(wps + "?service=WPS&request=GetCapabilities").statusCode());
        }
        assertEquals(before, TestHosts.listing(ws));
    }
}
