package io.geocluster.plugin.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin zip {@code target/geocluster-<version>-geoserver-plugin.zip}, as built by the package
 * phase (run by failsafe in integration-test): what an administrator unzips into
 * {@code WEB-INF/lib}.
 */
class GeoServerPluginZipIT {
    private static Map<String, byte[]> zip;
    private static String pluginJar;

    @BeforeAll
    static void read() throws IOException {
        Path file = Path.of(System.getProperty("geocluster.pluginZip"));
        assertTrue(Files.isRegularFile(file), file + " was built");
        pluginJar = System.getProperty("geocluster.pluginJar");
        try (InputStream in = Files.newInputStream(file)) {
            zip = entries(in);
        }
    }

    private static Map<String, byte[]> entries(InputStream in) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    out.put(e.getName(), z.readAllBytes());
                }
            }
        }
        return out;
    }

    private static List<String> jars() {
        return zip.keySet().stream().filter(n -> n.endsWith(".jar")).toList();
    }

    @Test
    void jarsLieFlatAtTheTopForWebInfLib() {
        for (String name : zip.keySet()) {
            assertTrue(!name.contains("/") || name.startsWith("licenses/"), name + " is at the top or a licence");
        }
        String version = pluginJar.substring("geocluster-plugin-".length(), pluginJar.length() - ".jar".length());
        assertTrue(zip.containsKey(pluginJar));
        assertTrue(zip.containsKey("geocluster-engine-" + version + ".jar"));
        assertTrue(jars().stream().anyMatch(j -> j.startsWith("jfreechart-")), "GeoServer ships JFreeChart only with its charts extension");
    }

    @Test
    void whatGeoServerAlreadyShipsIsLeftOut() {
        for (String jar : jars()) {
            assertFalse(jar.startsWith("jackson-"), jar + ": GeoServer ships Jackson");
            assertFalse(jar.startsWith("geocluster-geoserver-api"), jar + ": compile-only declarations");
            assertFalse(jar.startsWith("spring-") || jar.startsWith("junit"), jar);
        }
    }

    @Test
    void noGeoServerOrGeoToolsClassIsShipped() throws IOException {
        for (String jar : jars()) {
            for (String entry : entries(new ByteArrayInputStream(zip.get(jar))).keySet()) {
                assertFalse(entry.startsWith("org/geoserver/") || entry.startsWith("org/geotools/"), jar + " holds " + entry);
            }
        }
    }

    @Test
    void thePluginJarCarriesTheSpringContextAtItsRootAndTheStyles() throws IOException {
        Map<String, byte[]> plugin = entries(new ByteArrayInputStream(zip.get(pluginJar)));
        String context = new String(plugin.get("applicationContext.xml"), StandardCharsets.UTF_8);
        assertTrue(context.contains("classpath:/geocluster-processes.xml"));
        assertTrue(context.contains("io.geocluster.plugin.geoserver.GeoServerLayerCatalog"));
        String processes = new String(plugin.get("geocluster-processes.xml"), StandardCharsets.UTF_8);
        assertTrue(processes.contains("org.geoserver.wps.jts.SpringBeanProcessFactory"));
        for (String c : List.of("BatchedKMeansProcess", "SmoothedKMeansProcess", "IIkMCProcess", "ClusterProcess")) {
            assertNotNull(plugin.get("io/geocluster/plugin/wps/" + c + ".class"), c);
            assertTrue(processes.contains("io.geocluster.plugin.wps." + c), c + " is registered");
        }
        for (String style : List.of("palette.txt", "point-clusters.sld", "point-cluster-rule.sld", "raster-classes.sld",
                "raster-class-entry.sld")) {
            assertNotNull(plugin.get("io/geocluster/sld/" + style), style);
        }
    }

    @Test
    void licencesCoverEveryShippedJar() {
        String gpl = new String(zip.get("geocluster-LICENSE.txt"), StandardCharsets.UTF_8);
        assertTrue(gpl.contains("GNU GENERAL PUBLIC LICENSE") && gpl.contains("Version 2"));
        String lgpl = new String(zip.get("licenses/LGPL-2.1.txt"), StandardCharsets.UTF_8);
        assertTrue(lgpl.contains("GNU LESSER GENERAL PUBLIC LICENSE") && lgpl.contains("Version 2.1"));
        String notice = new String(zip.get("geocluster-NOTICE.txt"), StandardCharsets.UTF_8);
        List<String> unnamed = new ArrayList<>();
        for (String jar : jars()) {
            String artifact = jar.replaceFirst("-\\d.*\\.jar$", "");
            if (!notice.contains(artifact + "-<version>.jar")) {
                unnamed.add(jar);
            }
        }
        assertEquals(List.of(), unnamed, "every shipped jar is named, with its licence, in geocluster-NOTICE.txt");
    }
}
