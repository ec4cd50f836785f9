/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/feature/type/PropertyDescriptor.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.feature.type;

/** Describes one property of a complex type (declaration only). */
public interface PropertyDescriptor {
    PropertyType getType();

    Name getName();
}
