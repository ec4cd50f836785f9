/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/unsupported/process/src/main/java/org/geotools/process/factory/DescribeResult.java
 * The real type ships with GeoServer (gt-process); this module is never packaged.
 */
package org.geotools.process.factory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes one output of a process method (declaration only). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DescribeResult {
    String name() default "result";

    Class<?> type() default Object.class;

    String description() default "[undescribed]";

    boolean primary() default false;

    String[] meta() default {};
}
