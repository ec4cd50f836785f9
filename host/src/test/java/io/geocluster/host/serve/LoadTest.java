package io.geocluster.host.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * A bounded loopback load: 200 mixed requests (capabilities, descriptions, bad requests of every
 * kind, stored executions) from 8 client threads. Afterwards the host still answers, every
 * request got a well-formed answer, and every accepted execution finished with its result
 * retrievable and its layer published.
 */
@Timeout(180)
class LoadTest {
    @TempDir
    Path dir;

    @Test
    void mixedRequestsFromEightClients() throws Exception {
        try (GeoclusterHost host = TestHosts.start(TestHosts.workspace(dir, false),
                TestHosts.limits(2, 16, Duration.ofMinutes(2), Duration.ofMinutes(5)))) {
            String wps = host.wpsUrl();
            List<String> statusLocations = Collections.synchronizedList(new ArrayList<>());
            List<String> outputNames = Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                done.add(clients.submit(() -> {
                    request(wps, n, statusLocations, outputNames);
                    return null;
                }));
            }
            clients.shutdown();
            assertTrue(clients.awaitTermination(150, TimeUnit.SECONDS), "clients finished");
            for (Future<?> f : done) {
                f.get(); // rethrows a client's assertion failure
            }
            assertEquals(10, statusLocations.size(),
                    "every execution was accepted (the queue holds 16)");
            for (String status : statusLocations) {
                Document last = StatusPolling.poll(status, Duration.ofSeconds(120));
                assertEquals(1, Xml.all(last, Xml.WPS, "ProcessSucceeded").size(), TestHosts.text(TestHosts.get(status)));
                String href = Xml.all(last, Xml.WPS, "Reference").get(0).getAttribute("href");
                HttpResponse<byte[]> summary = TestHosts.get(href);
                assertEquals(200, summary.statusCode());
                assertTrue(TestHosts.text(summary).contains("\"k\""));
            }
            for (String name : outputNames) {
                assertTrue(host.workspace().byName().containsKey(name), name);
            }
            assertEquals(200, TestHosts.get(wps + "?service=WPS&request=GetCapabilities").statusCode());
        }
    }

    private static void request(String wps, int n, List<String> statusLocations, List<String> outputNames) throws Exception {
        HttpResponse<byte[]> r;
        switch (n % 20) {
            case 0 -> {
                String name = "load_" + n;
                Map<String, String> in = WpsServiceTest.pointInputs(name);
                in.put("k", "3");
                in.put("initSize", "500");
                String form = "<wps:ResponseForm><wps:ResponseDocument storeExecuteResponse=\"true\" status=\"true\">"
                        + "<wps:Output asReference=\"true\"><ows:Identifier>summary</ows:Identifier></wps:Output>"
                        + "</wps:ResponseDocument></wps:ResponseForm>";
                r = TestHosts.post(wps, TestHosts.executeXml("cluster:BatchedKMeans", in, form));
                assertEquals(200, r.statusCode(), TestHosts.text(r));
                statusLocations.add(Xml.parse(r.body()).getDocumentElement().getAttribute("statusLocation"));
                outputNames.add(name);
                return;
            }
            case 1, 2, 3, 4, 5 -> r = TestHosts.get(wps + "?service=WPS&request=GetCapabilities");
            case 6, 7, 8, 9 -> r = TestHosts.get(wps + "?service=WPS&version=1.0.0&request=DescribeProcess&identifier=ALL");
            case 10, 11 -> r = TestHosts.post(wps, "<wps:Execute xmlns:wps=\"http://www.opengis.net/wps/1.0.0\"><broken");
            case 12, 13 -> r = TestHosts.get(wps + "?service=WPS&version=1.0.0&request=Execute&identifier=cluster:BatchedKMeans"
                    + "&DataInputs=" + URLEncoder.encode("layer=../../etc/passwd", StandardCharsets.UTF_8));
            case 14, 15 -> r = TestHosts.get(wps + "?service=WPS&version=1.0.0&request=Execute&identifier=cluster:BatchedKMeans"
                    + "&DataInputs=" + URLEncoder.encode("layer=insar-catalogue;k=1e999", StandardCharsets.UTF_8));
            case 16, 17 -> r = TestHosts.get(wps + "?service=WPS&version=1.0.0&request=DescribeProcess&identifier=no:Such");
            default -> r = TestHosts.get(wps + "?service=WPS&request=Nothing");
        }
        Document d = Xml.parse(r.body()); // every answer is well-formed XML
        int kind = n % 20;
        if (kind >= 10) {
            assertEquals("ExceptionReport", d.getDocumentElement().getLocalName(), TestHosts.text(r));
        } else {
            assertEquals(200, r.statusCode(), TestHosts.text(r));
        }
    }
}
