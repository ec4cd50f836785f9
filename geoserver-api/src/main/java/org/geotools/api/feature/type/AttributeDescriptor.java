/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/feature/type/AttributeDescriptor.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.feature.type;

/** Describes one attribute of a feature type (declaration only). */
public interface AttributeDescriptor extends PropertyDescriptor {
    @Override
    AttributeType getType();

    String getLocalName();
}
