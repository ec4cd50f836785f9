/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/referencing/ReferenceSystem.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.referencing;

/** A reference system (declaration only). */
public interface ReferenceSystem extends IdentifiedObject {
}
