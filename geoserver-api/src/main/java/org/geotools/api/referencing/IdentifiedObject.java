/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/referencing/IdentifiedObject.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.referencing;

/** A referencing object with identifiers (declaration only). */
public interface IdentifiedObject {
    String toWKT() throws UnsupportedOperationException;
}
