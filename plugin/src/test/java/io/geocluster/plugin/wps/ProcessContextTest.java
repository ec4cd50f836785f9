package io.geocluster.plugin.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.xml.XmlBeanDefinitionReader;

class ProcessContextTest {
    @TempDir
    Path scratch;

    @Test
    void theFactoryListsTheThreeProcessesInTheClusterNamespace() {
        try (ProcessContext gs = new ProcessContext(new MemoryCatalog(scratch))) {
            assertEquals(List.of("cluster:BatchedKMeans", "cluster:IIkMC", "cluster:SmoothedKMeans"),
                    List.copyOf(gs.factory.getNames()));
            assertEquals("geocluster clustering processes", gs.factory.getTitle());
            for (String name : List.of("BatchedKMeans", "SmoothedKMeans", "IIkMC")) {
                assertNotNull(gs.factory.getProcessDescription(name), name + " has @DescribeProcess");
                assertNotNull(gs.factory.method(name), name + " has an annotated execute method");
            }
        }
    }

    @Test
    void everyProcessBeanGetsTheCatalogBean() {
        MemoryCatalog catalog = new MemoryCatalog(scratch);
        try (ProcessContext gs = new ProcessContext(catalog)) {
            for (String bean : gs.context.getBeanNamesForType(ClusterProcess.class)) {
                BeanDefinition definition = gs.context.getBeanDefinition(bean);
                ValueHolder arg = definition.getConstructorArgumentValues().getIndexedArgumentValues().isEmpty()
                        ? definition.getConstructorArgumentValues().getGenericArgumentValues().get(0)
                        : definition.getConstructorArgumentValues().getIndexedArgumentValues().get(0);
                assertEquals("geoclusterLayerCatalog", ((RuntimeBeanReference) arg.getValue()).getBeanName(), bean);
            }
            assertSame(catalog, gs.context.getBean("geoclusterLayerCatalog"));
            assertEquals(3, gs.context.getBeanNamesForType(ClusterProcess.class).length);
        }
    }

    /**
     * GeoServer gives the extension context its own "catalog" and "resourceLoader" beans; the
     * GeoServer binding must ask for exactly those, by name, in the constructor's order.
     */
    @Test
    void applicationContextBindsTheProcessesToGeoServersCatalog() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        new XmlBeanDefinitionReader(beans).loadBeanDefinitions("classpath:/applicationContext.xml");
        BeanDefinition catalog = beans.getBeanDefinition("geoclusterLayerCatalog");
        assertEquals("io.geocluster.plugin.geoserver.GeoServerLayerCatalog", catalog.getBeanClassName());
        List<ValueHolder> args = catalog.getConstructorArgumentValues().getGenericArgumentValues();
        assertEquals(List.of("catalog", "resourceLoader"),
                args.stream().map(a -> ((RuntimeBeanReference) a.getValue()).getBeanName()).toList());
        // the process definitions come in through the import
        assertEquals(Set.of("geoclusterProcessFactory", "geoclusterBatchedKMeansProcess", "geoclusterSmoothedKMeansProcess",
                "geoclusterIIkMCProcess", "geoclusterLayerCatalog", "geoclusterSparkEngine"),
                Set.of(beans.getBeanDefinitionNames()));
        assertEquals("org.geoserver.wps.jts.SpringBeanProcessFactory",
                beans.getBeanDefinition("geoclusterProcessFactory").getBeanClassName());
        // engine=spark settings come from the JVM (system properties, environment), never from a request
        BeanDefinition spark = beans.getBeanDefinition("geoclusterSparkEngine");
        assertEquals("io.geocluster.plugin.spark.SparkEngineSettings", spark.getBeanClassName());
        assertEquals("fromEnvironment", spark.getFactoryMethodName());
    }

    /** GeoServer finds extension contexts with classpath*:/applicationContext.xml: the file must be at the root. */
    @Test
    void applicationContextSitsAtTheClasspathRootNextToTheProcessDefinitions() {
        assertNotNull(getClass().getResource("/applicationContext.xml"));
        assertNotNull(getClass().getResource("/geocluster-processes.xml"));
    }

    /** A process that also implemented GeoServerProcess would be published a second time as gs:. */
    @Test
    void processesImplementOnlyTheMarker() {
        for (Class<?> c : List.of(BatchedKMeansProcess.class, SmoothedKMeansProcess.class, IIkMCProcess.class)) {
            assertEquals(List.of(ClusterProcess.class), List.of(c.getInterfaces()), c.getSimpleName());
            assertTrue(c.getSimpleName().endsWith("Process"));
            assertFalse(c.getSimpleName().substring(0, c.getSimpleName().length() - "Process".length()).contains("Process"),
                    "the factory cuts the name at the first 'Process'");
        }
    }
}
