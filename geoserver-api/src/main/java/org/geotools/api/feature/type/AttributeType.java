/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/feature/type/AttributeType.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.feature.type;

/** The type of an attribute (declaration only). */
public interface AttributeType extends PropertyType {
}
