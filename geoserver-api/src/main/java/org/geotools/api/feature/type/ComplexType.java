/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/feature/type/ComplexType.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.feature.type;

/** A type made of other properties (declaration only). */
public interface ComplexType extends AttributeType {
}
