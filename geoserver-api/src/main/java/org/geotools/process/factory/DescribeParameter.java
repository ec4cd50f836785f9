/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/unsupported/process/src/main/java/org/geotools/process/factory/DescribeParameter.java
 * The real type ships with GeoServer (gt-process); this module is never packaged.
 */
package org.geotools.process.factory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one input of a process method: name, multiplicity, default and numeric range
 * (declaration only).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface DescribeParameter {
    // annotations cannot default to null: this marker stands for "no default"
    static final String DEFAULT_NULL = "THIS IS THE NULL VALUE FOR THE DEFAULT ATTRIBUTE";

    String name();

    String description() default "[undescribed]";

    @SuppressWarnings("rawtypes")
    Class collectionType() default Object.class;

    int min() default -1;

    int max() default -1;

    String defaultValue() default DEFAULT_NULL;

    double minValue() default Double.NEGATIVE_INFINITY;

    double maxValue() default Double.POSITIVE_INFINITY;

    String[] meta() default {};
}
