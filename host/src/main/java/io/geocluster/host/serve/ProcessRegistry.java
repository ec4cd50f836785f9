package io.geocluster.host.serve;

import io.geocluster.plugin.spark.SparkEngineSettings;
import io.geocluster.plugin.spi.LayerCatalog;
import io.geocluster.plugin.wps.ClusterProcess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.xml.XmlBeanDefinitionReader;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * The cluster processes, created by Spring from the very bean definitions the plugin ships to
 * GeoServer ({@code geocluster-processes.xml} at the plugin jar's root), with the host's
 * {@link LayerCatalog} registered as the {@code geoclusterLayerCatalog} bean they need.
 *
 * <p>The one bean of that file the host leaves out is GeoServer's {@code SpringBeanProcessFactory}
 * ({@code geoclusterProcessFactory}): it is GeoServer's class (only a compile-time declaration
 * here), and its job, naming the beans and reading their annotations, is what
 * {@link ProcessDescription} does. Its definition is removed before the context is refreshed,
 * so it is never instantiated.
 */
public final class ProcessRegistry implements AutoCloseable {
    /** The bean definitions the plugin ships. */
    static final String DEFINITIONS = "geocluster-processes.xml";
    /** The namespace the plugin's factory bean publishes the processes under. */
    static final String NAMESPACE = "cluster";
    private static final String FACTORY_BEAN = "geoclusterProcessFactory";
    /** The plugin's Spark settings bean, read from system properties; the host supplies its own. */
    private static final String SPARK_BEAN = "geoclusterSparkEngine";

    private final GenericApplicationContext context;
    private final List<ProcessDescription> processes;

    /** Loads the process beans over {@code catalog}, with {@code engine=spark} refused. */
    public ProcessRegistry(LayerCatalog catalog) {
        this(catalog, SparkEngineSettings.NONE);
    }

    /**
     * Loads the process beans over {@code catalog}; {@code engine=spark} runs go where
     * {@code spark} says (the serve command's options), replacing the plugin's definition of
     * {@code geoclusterSparkEngine}, which reads system properties.
     */
    public ProcessRegistry(LayerCatalog catalog, SparkEngineSettings spark) {
        GenericApplicationContext ctx = new GenericApplicationContext();
        ctx.setClassLoader(ProcessRegistry.class.getClassLoader());
        ctx.getBeanFactory().registerSingleton("geoclusterLayerCatalog", catalog);
        new XmlBeanDefinitionReader(ctx).loadBeanDefinitions(new ClassPathResource(DEFINITIONS, ProcessRegistry.class.getClassLoader()));
        if (ctx.containsBeanDefinition(FACTORY_BEAN)) {
            ctx.removeBeanDefinition(FACTORY_BEAN);
        }
        // Removed before the singleton is registered: registering a definition would drop the singleton.
        if (ctx.containsBeanDefinition(SPARK_BEAN)) {
            ctx.removeBeanDefinition(SPARK_BEAN);
        }
        ctx.getBeanFactory().registerSingleton(SPARK_BEAN, spark);
        ctx.refresh();
        List<ProcessDescription> list = new ArrayList<>();
        for (ClusterProcess p : ctx.getBeansOfType(ClusterProcess.class).values()) {
            list.add(ProcessDescription.of(NAMESPACE, p));
        }
        list.sort(Comparator.comparing(ProcessDescription::identifier));
        this.context = ctx;
        this.processes = Collections.unmodifiableList(list);
    }

    /** Every process, sorted by identifier. */
    public List<ProcessDescription> processes() {
        return processes;
    }

    /** The process of that identifier. */
    public Optional<ProcessDescription> process(String identifier) {
        return processes.stream().filter(p -> p.identifier().equals(identifier)).findFirst();
    }

    @Override
    public void close() {
        context.close();
    }
}
