/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/referencing/ReferenceSystem.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.referencing;

/** A reference system (declaration only). */
public interface ReferenceSystem extends IdentifiedObject {
}
