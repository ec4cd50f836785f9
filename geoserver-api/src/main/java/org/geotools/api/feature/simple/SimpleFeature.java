/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/feature/simple/SimpleFeature.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.feature.simple;

import org.geotools.api.feature.Feature;

/** A feature whose properties are a flat list of named attributes (declaration only). */
public interface SimpleFeature extends Feature {
    String getID();

    Object getAttribute(String name);

    void setAttribute(String name, Object value);

    Object getDefaultGeometry();

    void setDefaultGeometry(Object geometry);
}
