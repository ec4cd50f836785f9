/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/main/src/main/java/org/geotools/feature/simple/SimpleFeatureTypeBuilder.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.feature.simple;

import org.geotools.api.feature.simple.SimpleFeatureType;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;

/** Builds simple feature types (declaration only). */
public class SimpleFeatureTypeBuilder {
    public SimpleFeatureTypeBuilder() {
        throw new UnsupportedOperationException();
    }

    public void setName(String name) {
        throw new UnsupportedOperationException();
    }

    public void setCRS(CoordinateReferenceSystem crs) {
        throw new UnsupportedOperationException();
    }

    public void add(String name, Class<?> binding) {
        throw new UnsupportedOperationException();
    }

    public void add(String name, Class<?> binding, CoordinateReferenceSystem crs) {
        throw new UnsupportedOperationException();
    }

    public void setDefaultGeometry(String defaultGeometryName) {
        throw new UnsupportedOperationException();
    }

    public SimpleFeatureType buildFeatureType() {
        throw new UnsupportedOperationException();
    }
}
