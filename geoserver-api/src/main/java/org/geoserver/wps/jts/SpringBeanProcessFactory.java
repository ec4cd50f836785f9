/*
 * Compile-only declaration. The constructor signature is copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/extension/wps/wps-core/src/main/java/org/geoserver/wps/jts/SpringBeanProcessFactory.java
 * The real type ships with the GeoServer WPS extension (gs-wps-core); this module is never packaged.
 *
 * Deviation: the real class is declared
 *     public class SpringBeanProcessFactory
 *             extends org.geotools.process.factory.AnnotationDrivenProcessFactory
 *             implements ApplicationContextAware, ApplicationListener
 * Its supertypes are left out here: declaring them would pull GeoTools' ProcessFactory, Process,
 * Parameter and feature Name, and Spring, into this compile-only module, and nothing in the plugin
 * calls them. Only plugin-descriptor/geocluster-processes.xml names this class, with exactly the
 * constructor below.
 */
package org.geoserver.wps.jts;

/**
 * Publishes as WPS processes the Spring beans that implement a marker interface and carry
 * {@code DescribeProcess} annotations, under one namespace (declaration only).
 */
public class SpringBeanProcessFactory {
    public SpringBeanProcessFactory(String title, String namespace, Class<?> markerInterface) {
        throw new UnsupportedOperationException();
    }
}
