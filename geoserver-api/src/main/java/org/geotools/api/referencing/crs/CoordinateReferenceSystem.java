/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/referencing/crs/CoordinateReferenceSystem.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.referencing.crs;

import org.geotools.api.referencing.ReferenceSystem;

/** A coordinate reference system (declaration only). */
public interface CoordinateReferenceSystem extends ReferenceSystem {
}
