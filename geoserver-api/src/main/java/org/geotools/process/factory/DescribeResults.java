/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/unsupported/process/src/main/java/org/geotools/process/factory/DescribeResults.java
 * The real type ships with GeoServer (gt-process); this module is never packaged.
 */
package org.geotools.process.factory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes the several outputs of a process method returning a map (declaration only). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DescribeResults {
    DescribeResult[] value();
}
