/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/feature/type/Name.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.feature.type;

/** A qualified name (declaration only). */
public interface Name {
    String getLocalPart();
}
