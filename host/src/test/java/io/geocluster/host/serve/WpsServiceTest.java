package io.geocluster.host.serve;

import static io.geocluster.host.serve.TestHosts.get;
import static io.geocluster.host.serve.TestHosts.post;
import static io.geocluster.host.serve.TestHosts.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Every WPS 1.0.0 operation of {@code geocluster serve} through HTTP, and its error reports. */
@Timeout(180)
class WpsServiceTest {
    @TempDir
    static Path dir;
    static GeoclusterHost host;
    static String wps;

    @BeforeAll
    static void start() throws Exception {
        host = TestHosts.start(TestHosts.workspace(dir, false),
                TestHosts.limits(2, 8, Duration.ofMinutes(2), Duration.ofMinutes(5)));
        wps = host.wpsUrl();
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    static Map<String, String> pointInputs(String outputName) {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("layer", "insar-catalogue");
        in.put("staticAttributes", "height,mean_velocity,temporal_coherence,amplitude_dispersion");
        in.put("k", "5");
        in.put("initSize", "2000");
        in.put("outputName", outputName);
        return in;
    }

    static String dataInputs(Map<String, String> in) {
        StringBuilder b = new StringBuilder();
        in.forEach((k, v) -> b.append(b.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return URLEncoder.encode(b.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void capabilitiesListTheThreeProcesses() throws Exception {
        HttpResponse<byte[]> r = get(wps + "?SERVICE=wps&Request=GetCapabilities&AcceptVersions=1.0.0");
        assertEquals(200, r.statusCode());
        Document d = Xml.parse(r.body());
        assertEquals("Capabilities", d.getDocumentElement().getLocalName());
        assertEquals(Xml.WPS, d.getDocumentElement().getNamespaceURI());
        List<String> ids = Xml.all(d, Xml.WPS, "Process").stream()
                .map(e -> e.getElementsByTagNameNS(Xml.OWS, "Identifier").item(0).getTextContent()).toList();
        assertEquals(List.of("cluster:BatchedKMeans", "cluster:IIkMC", "cluster:SmoothedKMeans"), ids);
        // the same document by POST, and through /ows
        assertEquals(200, post(wps, "<wps:GetCapabilities xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" service=\"WPS\"/>").statusCode());
        assertEquals(200, get(host.server().baseUrl() + "/ows?service=WPS&request=GetCapabilities").statusCode());
    }

    @Test
    void describeProcessComesFromTheAnnotations() throws Exception {
        HttpResponse<byte[]> r = get(wps + "?service=WPS&version=1.0.0&request=DescribeProcess&identifier=cluster:BatchedKMeans");
        assertEquals(200, r.statusCode(), text(r));
        Document d = Xml.parse(r.body());
        Element k = Xml.all(d, null, "Input").stream()
                .filter(e -> e.getElementsByTagNameNS(Xml.OWS, "Identifier").item(0).getTextContent().equals("k"))
                .findFirst().orElseThrow();
        assertEquals("0", k.getAttribute("minOccurs"));
        assertEquals("8", k.getElementsByTagName("DefaultValue").item(0).getTextContent());
        assertEquals("2", k.getElementsByTagNameNS(Xml.OWS, "MinimumValue").item(0).getTextContent());
        assertEquals("int", k.getElementsByTagNameNS(Xml.OWS, "DataType").item(0).getTextContent());
        Element layer = Xml.all(d, null, "Input").get(0);
        assertEquals("1", layer.getAttribute("minOccurs"));
        List<String> mimes = Xml.texts(d, null, "MimeType");
        assertTrue(mimes.contains("application/json") && mimes.contains("image/png"), mimes.toString());
        HttpResponse<byte[]> all = get(wps + "?service=WPS&version=1.0.0&request=DescribeProcess&identifier=ALL");
        assertEquals(3, Xml.all(Xml.parse(all.body()), null, "ProcessDescription").size());
    }

    @Test
    void synchronousExecuteByKvpReturnsRawSummary() throws Exception {
        HttpResponse<byte[]> r = get(wps + "?service=WPS&version=1.0.0&request=Execute&identifier=cluster:BatchedKMeans"
                + "&DataInputs=" + dataInputs(pointInputs("kvp_raw")) + "&RawDataOutput=summary");
        assertEquals(200, r.statusCode(), text(r));
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode summary = new ObjectMapper().readTree(r.body());
        assertEquals(5, summary.get("k").asInt());
        assertTrue(Files.isRegularFile(dir.resolve("kvp_raw.gpkg")));
        assertTrue(Files.isRegularFile(dir.resolve("kvp_raw.sld")));
        assertTrue(host.workspace().byName().containsKey("kvp_raw"));
    }

    @Test
    void synchronousExecuteByXmlReturnsADocumentWithInlineAndReferencedOutputs() throws Exception {
        String form = "<wps:ResponseForm><wps:ResponseDocument>"
                + "<wps:Output><ows:Identifier>layerName</ows:Identifier></wps:Output>"
                + "<wps:Output><ows:Identifier>summary</ows:Identifier></wps:Output>"
                + "<wps:Output asReference=\"true\"><ows:Identifier>profiles</ows:Identifier></wps:Output>"
                + "</wps:ResponseDocument></wps:ResponseForm>";
        HttpResponse<byte[]> r = post(wps, TestHosts.executeXml("cluster:BatchedKMeans", pointInputs("xml_doc"), form));
        assertEquals(200, r.statusCode(), text(r));
        Document d = Xml.parse(r.body());
        assertEquals(1, Xml.all(d, Xml.WPS, "ProcessSucceeded").size(), text(r));
        assertEquals(List.of("xml_doc"), Xml.texts(d, Xml.WPS, "LiteralData"));
        String json = Xml.all(d, Xml.WPS, "ComplexData").get(0).getTextContent();
        assertEquals(5, new ObjectMapper().readTree(json).get("k").asInt());
        String href = Xml.all(d, Xml.WPS, "Reference").get(0).getAttribute("href");
        HttpResponse<byte[]> png = get(href);
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png.body(), 4));
    }

    @Test
    void asynchronousExecuteReportsStatusUntilSucceeded() throws Exception {
        String form = "<wps:ResponseForm><wps:ResponseDocument storeExecuteResponse=\"true\" status=\"true\">"
                + "<wps:Output asReference=\"true\"><ows:Identifier>summary</ows:Identifier></wps:Output>"
                + "<wps:Output><ows:Identifier>layerName</ows:Identifier></wps:Output>"
                + "</wps:ResponseDocument></wps:ResponseForm>";
        HttpResponse<byte[]> r = post(wps, TestHosts.executeXml("cluster:BatchedKMeans", pointInputs("async_doc"), form));
        assertEquals(200, r.statusCode(), text(r));
        Document d = Xml.parse(r.body());
        String status = d.getDocumentElement().getAttribute("statusLocation");
        assertTrue(status.startsWith(host.server().baseUrl() + "/wps/status/"), status);
        assertEquals(1, Xml.all(d, Xml.WPS, "ProcessAccepted").size() + Xml.all(d, Xml.WPS, "ProcessStarted").size());
        Document last = StatusPolling.poll(status, Duration.ofSeconds(120));
        assertEquals(1, Xml.all(last, Xml.WPS, "ProcessSucceeded").size());
        assertEquals(List.of("async_doc"), Xml.texts(last, Xml.WPS, "LiteralData"));
        HttpResponse<byte[]> summary = get(Xml.all(last, Xml.WPS, "Reference").get(0).getAttribute("href"));
        assertEquals(5, new ObjectMapper().readTree(summary.body()).get("k").asInt());
    }

    @Test
    void invalidInputsInsideTheProcessFailTheStoredJobWithoutPublishing() throws Exception {
        Map<String, String> in = pointInputs("never_published");
        in.put("staticAttributes", "no_such_attribute");
        String form = "<wps:ResponseForm><wps:ResponseDocument storeExecuteResponse=\"true\" status=\"true\"/></wps:ResponseForm>";
        Map<String, Long> before = TestHosts.listing(dir);
        Document d = Xml.parse(post(wps, TestHosts.executeXml("cluster:BatchedKMeans", in, form)).body());
        Document last = StatusPolling.poll(d.getDocumentElement().getAttribute("statusLocation"), Duration.ofSeconds(60));
        assertEquals(1, Xml.all(last, Xml.WPS, "ProcessFailed").size());
        assertEquals("InvalidParameterValue", Xml.all(last, Xml.OWS, "Exception").get(0).getAttribute("exceptionCode"));
        assertTrue(Xml.texts(last, Xml.OWS, "ExceptionText").get(0).contains("no_such_attribute"));
        assertTrue(TestHosts.listing(dir).keySet().stream().noneMatch(f -> f.startsWith("never_published")));
        assertEquals(before.keySet().stream().filter(f -> !f.startsWith("kvp_") && !f.startsWith("xml_") && !f.startsWith("async_")).toList(),
                TestHosts.listing(dir).keySet().stream().filter(f -> !f.startsWith("kvp_") && !f.startsWith("xml_") && !f.startsWith("async_")).toList());
    }

    @Test
    void badRequestsGetExceptionReports() throws Exception {
        String base = host.server().baseUrl();
        assertReport("MissingParameterValue", get(base + "/ows?request=GetCapabilities"));
        assertReport("InvalidParameterValue", get(base + "/ows?service=XYZ&request=GetCapabilities"));
        assertReport("MissingParameterValue", get(wps + "?service=WPS"));
        assertReport("OperationNotSupported", get(wps + "?service=WPS&request=GetFeature"));
        assertReport("VersionNegotiationFailed", get(wps + "?service=WPS&request=GetCapabilities&AcceptVersions=2.0.0"));
        assertReport("VersionNegotiationFailed", get(wps + "?service=WPS&request=DescribeProcess&version=9.9&identifier=ALL"));
        assertReport("InvalidParameterValue", get(wps + "?service=WPS&version=1.0.0&request=DescribeProcess&identifier=cluster:Nope"));
        assertReport("MissingParameterValue", get(wps + "?service=WPS&version=1.0.0&request=DescribeProcess"));
        assertReport("InvalidParameterValue", get(wps + "?service=WPS&version=1.0.0&request=Execute&identifier=gs:Nope"));
        String exec = wps + "?service=WPS&version=1.0.0&request=Execute&identifier=cluster:BatchedKMeans&DataInputs=";
        assertReport("MissingParameterValue", get(exec + dataInputs(Map.of("k", "3"))));
        // huge numbers: beyond the type, beyond the range, not finite
        assertReport("InvalidParameterValue", get(exec + dataInputs(Map.of("layer", "insar-catalogue", "k", "99999999999999999999"))));
        assertReport("InvalidParameterValue", get(exec + dataInputs(Map.of("layer", "insar-catalogue", "k", "1000000"))));
        assertReport("InvalidParameterValue", get(exec + dataInputs(Map.of("layer", "insar-catalogue", "testFraction", "1e400"))));
        assertReport("InvalidParameterValue", get(exec + dataInputs(Map.of("layer", "insar-catalogue", "testFraction", "NaN"))));
        assertReport("InvalidParameterValue", get(exec + dataInputs(Map.of("layer", "insar-catalogue", "standardize", "maybe"))));
        assertReport("InvalidParameterValue", get(exec + dataInputs(Map.of("layer", "insar-catalogue", "nosuch", "1"))));
        assertReport("InvalidParameterValue", get(exec + dataInputs(Map.of("layer", "insar-catalogue")) + "&RawDataOutput=nosuch"));
        // malformed XML, a DTD (entity expansion), a foreign root, an empty body
        assertReport("InvalidParameterValue", post(wps, "<wps:Execute xmlns:wps=\"http://www.opengis.net/wps/1.0.0\"><unclosed>"));
        assertReport("InvalidParameterValue", post(wps, "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><wps:Execute xmlns:wps=\"http://www.opengis.net/wps/1.0.0\">&lol2;</wps:Execute>"));
        assertReport("InvalidParameterValue", post(wps, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));
        assertReport("OperationNotSupported", post(wps, "<foo xmlns=\"urn:bar\"/>"));
        assertReport("MissingParameterValue", post(wps, ""));
        assertReport("MissingParameterValue", post(wps, "<wps:Execute xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" service=\"WPS\" version=\"1.0.0\"/>"));
        // an oversized body
        HttpResponse<byte[]> big = post(wps, "<a>" + "x".repeat(2 << 20) + "</a>");
        assertEquals(413, big.statusCode());
        assertEquals("FileSizeExceeded", Xml.exceptionCode(big.body()));
        // unknown status and result identifiers, traversal in result paths
        assertReport("InvalidParameterValue", get(wps + "/status/00000000-0000-0000-0000-000000000000"));
        assertReport("InvalidParameterValue", get(wps + "/status/..%2F..%2Fetc"));
        assertReport("InvalidParameterValue", get(wps + "/results/00000000-0000-0000-0000-000000000000/..%2Fsummary.json"));
        assertEquals(404, get(base + "/..%2F..%2Fetc%2Fpasswd").statusCode());
        // the server still answers
        assertEquals(200, get(wps + "?service=WPS&request=GetCapabilities").statusCode());
    }

    @Test
    void traversalLayerNamesAreRefusedBeforeAnyWork() throws Exception {
        String exec = wps + "?service=WPS&version=1.0.0&request=Execute&identifier=cluster:BatchedKMeans&DataInputs=";
        for (String name : List.of("../insar-catalogue", "/etc/passwd", "..", "a/../../b", "C:\\windows\\win.ini",
                "insar-catalogue\u0000", ".geocluster-results", "%2e%2e%2fetc")) {
            Map<String, String> in = new LinkedHashMap<>(pointInputs("t_out"));
            in.put("layer", name);
            HttpResponse<byte[]> r = get(exec + dataInputs(in));
            assertEquals("InvalidParameterValue", Xml.exceptionCode(r.body()), name + ": " + text(r));
            assertTrue(!text(r).contains(dir.toString()), "no path in the message: " + text(r));
        }
        Map<String, String> in = new LinkedHashMap<>(pointInputs("../escape"));
        HttpResponse<byte[]> r = get(exec + dataInputs(in));
        assertEquals("InvalidParameterValue", Xml.exceptionCode(r.body()), text(r));
        assertTrue(Files.notExists(dir.resolveSibling("escape.gpkg")));
    }

    @Test
    void kvpDataInputsKeepPlusSignsAndTakeEncodedSeparators() throws Exception {
        Map<String, String> kvp = WpsRequests.kvp("service=WPS&request=Execute&identifier=cluster:IIkMC&DataInputs="
                + URLEncoder.encode("scenes=a,b;tolerance=1e+0;mask=qa_pixel:cloud%3Bqa_aerosol:5;k=3@uom=none", StandardCharsets.UTF_8));
        ExecuteRequest r = WpsRequests.execute(kvp);
        assertEquals(List.of("1e+0"), r.inputs().get("tolerance"));
        assertEquals(List.of("qa_pixel:cloud;qa_aerosol:5"), r.inputs().get("mask"));
        assertEquals(List.of("3"), r.inputs().get("k"));
        assertEquals(List.of("a,b"), r.inputs().get("scenes"));
    }

    @Test
    void aResultNeverReplacesAnExistingLayer() throws Exception {
        String exec = wps + "?service=WPS&version=1.0.0&request=Execute&identifier=cluster:BatchedKMeans&DataInputs=";
        assertEquals(200, get(exec + dataInputs(pointInputs("twice")) + "&RawDataOutput=layerName").statusCode());
        long size = Files.size(dir.resolve("twice.gpkg"));
        HttpResponse<byte[]> again = get(exec + dataInputs(pointInputs("twice")) + "&RawDataOutput=layerName");
        assertReport("InvalidParameterValue", again);
        assertTrue(text(again).contains("outputName") && !text(again).contains(dir.toString()), text(again));
        assertEquals(size, Files.size(dir.resolve("twice.gpkg")));
    }

    private static void assertReport(String code, HttpResponse<byte[]> r) throws Exception {
        assertEquals(code, Xml.exceptionCode(r.body()), text(r));
        assertTrue(r.statusCode() >= 400, "HTTP " + r.statusCode());
    }
}
