/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/feature/type/Name.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.feature.type;

/** A qualified name (declaration only). */
public interface Name {
    String getLocalPart();
}
