package io.geocluster.plugin.wps;

import io.geocluster.plugin.spark.SparkEngineSettings;
import io.geocluster.plugin.spi.LayerCatalog;
import org.geoserver.wps.jts.SpringBeanProcessFactory;
import org.springframework.beans.factory.xml.XmlBeanDefinitionReader;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The plugin's Spring context as GeoServer builds it from {@code classpath*:/applicationContext.xml},
 * except that the GeoServer catalog binding is replaced by an in-memory {@link LayerCatalog}
 * (GeoServer's {@code catalog} and {@code resourceLoader} beans do not exist in a unit test).
 */
final class ProcessContext implements AutoCloseable {
    final GenericApplicationContext context = new GenericApplicationContext();
    final SpringBeanProcessFactory factory;

    ProcessContext(LayerCatalog catalog) {
        this(catalog, null);
    }

    /** @param spark the {@code geoclusterSparkEngine} bean, or null for the one the plugin defines */
    ProcessContext(LayerCatalog catalog, SparkEngineSettings spark) {
        new XmlBeanDefinitionReader(context).loadBeanDefinitions("classpath:/applicationContext.xml");
        // Overrides the definition of applicationContext.xml, as a later definition does in Spring.
        context.registerBean("geoclusterLayerCatalog", LayerCatalog.class, () -> catalog);
        if (spark != null) {
            context.registerBean("geoclusterSparkEngine", SparkEngineSettings.class, () -> spark);
        }
        context.refresh();
        factory = context.getBean(SpringBeanProcessFactory.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
