/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/feature/type/PropertyDescriptor.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.feature.type;

/** Describes one property of a complex type (declaration only). */
public interface PropertyDescriptor {
    PropertyType getType();

    Name getName();
}
