package io.geocluster.plugin.wps;

import static org.geoserver.wps.jts.SpringBeanProcessFactory.MAX;
import static org.geoserver.wps.jts.SpringBeanProcessFactory.MIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.plugin.process.BatchedKMeansParameters;
import io.geocluster.plugin.process.IikmcParameters;
import io.geocluster.plugin.process.ProcessParameter;
import io.geocluster.plugin.process.SmoothedKMeansParameters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.geoserver.wps.jts.SpringBeanProcessFactory.Param;
import org.geoserver.wps.process.RawData;
import org.geotools.process.factory.DescribeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WPS inputs, as GeoServer reads them from the annotations, against the shared declaration
 * the command line uses ({@code PARAMETERS}) and against the defaults DESIGN.md §3 publishes.
 */
class ProcessAnnotationsTest {
    @TempDir
    Path scratch;
    private ProcessContext gs;

    @BeforeEach
    void load() {
        gs = new ProcessContext(new MemoryCatalog(scratch));
    }

    @AfterEach
    void close() {
        gs.close();
    }

    @Test
    void batchedKMeansInputsMatchTheSharedDeclaration() {
        checkAgainst(BatchedKMeansParameters.PARAMETERS, gs.factory.getParameterInfo("BatchedKMeans"));
    }

    @Test
    void smoothedKMeansInputsMatchTheSharedDeclaration() {
        checkAgainst(SmoothedKMeansParameters.PARAMETERS, gs.factory.getParameterInfo("SmoothedKMeans"));
    }

    @Test
    void iikmcInputsMatchTheSharedDeclaration() {
        checkAgainst(IikmcParameters.PARAMETERS, gs.factory.getParameterInfo("IIkMC"));
    }

    /** The published defaults of DESIGN.md §3, written out by hand. */
    @Test
    void defaultsAreThoseOfTheDesign() {
        Map<String, Param> in = gs.factory.getParameterInfo("SmoothedKMeans");
        Map<String, Object> design = Map.ofEntries(Map.entry("k", 8), Map.entry("batchSize", 256), Map.entry("initSize", 25_600),
                Map.entry("epochs", 1), Map.entry("testFraction", 0.2), Map.entry("standardize", true),
                Map.entry("backend", "auto"), Map.entry("hops", 3), Map.entry("alpha", 0.5), Map.entry("neighbours", 8),
                Map.entry("aggregation", "mean"));
        design.forEach((name, value) -> assertEquals(value, in.get(name).defaultValue(), name));
        assertTrue(in.get("layer").required());
        assertNull(in.get("maxDistance").defaultValue(), "maxDistance is optional, without default");
        assertNull(in.get("style").defaultValue());

        Map<String, Param> iikmc = gs.factory.getParameterInfo("IIkMC");
        assertEquals(List.of("scenes", "bands", "mask", "k", "maxIterations", "tolerance", "emptyClusters", "backend",
                "engine", "outputName", "workspace"), List.copyOf(iikmc.keySet()));
        // engine=spark is offered where a Spark job exists: not by SmoothedKMeans.
        assertEquals("local", iikmc.get("engine").defaultValue());
        assertEquals("local", gs.factory.getParameterInfo("BatchedKMeans").get("engine").defaultValue());
        assertNull(in.get("engine"), "SmoothedKMeans has no engine input");
        Map<String, Object> iikmcDesign = Map.of("bands", "SR_B2,SR_B3,SR_B4,SR_B5,SR_B6,SR_B7",
                "mask", "qa_pixel:fill,dilated_cloud,cirrus,cloud,cloud_shadow", "k", 8, "maxIterations", 20,
                "tolerance", 0.01, "emptyClusters", "cancel", "backend", "auto");
        iikmcDesign.forEach((name, value) -> assertEquals(value, iikmc.get(name).defaultValue(), name));
        assertTrue(iikmc.get("scenes").required());
        assertEquals(255.0, iikmc.get("k").metadata().get(MAX), "uint8 labels, 255 is nodata");
        iikmc.values().forEach(ProcessAnnotationsTest::checkDescribed);
    }

    @Test
    void outputsAreTheLayerNameAJsonSummaryAndAPngChart() {
        for (String process : List.of("BatchedKMeans", "SmoothedKMeans", "IIkMC")) {
            Map<String, Param> out = gs.factory.getResultInfo(process);
            String layer = process.equals("IIkMC") ? "layerNames" : "layerName";
            assertEquals(List.of(layer, "summary", "profiles"), List.copyOf(out.keySet()), process);
            assertEquals(String.class, out.get(layer).type());
            assertEquals(0, out.get(layer).minOccurs(), "AnnotationDrivenProcessFactory marks the primary result with min 0");
            assertEquals(RawData.class, out.get("summary").type());
            assertEquals("application/json", out.get("summary").metadata().get("mimeTypes"));
            assertEquals(RawData.class, out.get("profiles").type());
            assertEquals("image/png", out.get("profiles").metadata().get("mimeTypes"));
            out.values().forEach(ProcessAnnotationsTest::checkDescribed);

            DescribeProcess d = gs.factory.getProcessDescription(process);
            assertFalse(d.title().isBlank());
            assertTrue(d.description().length() > 40, process + " describes itself");
        }
    }

    private static void checkAgainst(List<ProcessParameter> declared, Map<String, Param> annotated) {
        assertEquals(declared.stream().map(ProcessParameter::name).toList(), List.copyOf(annotated.keySet()),
                "same inputs in the same order");
        for (ProcessParameter p : declared) {
            Param a = annotated.get(p.name());
            assertEquals(p.type(), a.type(), p.name());
            assertEquals(p.required(), a.required(), p.name());
            assertEquals(p.required() ? 1 : 0, a.minOccurs(), p.name());
            assertEquals(1, a.maxOccurs(), p.name());
            Object expectedDefault = p.defaultValue() == null ? null : p.parse(p.defaultValue());
            assertEquals(expectedDefault, a.defaultValue(), p.name() + " default");
            assertEquals(p.minValue(), a.metadata().get(MIN), p.name() + " minValue");
            assertEquals(p.maxValue(), a.metadata().get(MAX), p.name() + " maxValue");
            checkDescribed(a);
        }
    }

    private static void checkDescribed(Param p) {
        assertNotEquals("[undescribed]", p.description(), p.key());
        assertTrue(p.description().length() > 10, p.key() + " has a description a form can show");
    }
}
