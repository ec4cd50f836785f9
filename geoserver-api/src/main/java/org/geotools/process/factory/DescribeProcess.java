/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/unsupported/process/src/main/java/org/geotools/process/factory/DescribeProcess.java
 * The real type ships with GeoServer (gt-process); this module is never packaged.
 */
package org.geotools.process.factory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Title, description and version of a process (declaration only). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface DescribeProcess {
    String title();

    String description() default "[undescribed]";

    String version() default "1.0.0";
}
