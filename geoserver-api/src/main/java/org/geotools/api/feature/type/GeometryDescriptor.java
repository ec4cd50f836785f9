/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/feature/type/GeometryDescriptor.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.feature.type;

import org.geotools.api.referencing.crs.CoordinateReferenceSystem;

/** Describes a geometry attribute, with its coordinate reference system (declaration only). */
public interface GeometryDescriptor extends AttributeDescriptor {
    CoordinateReferenceSystem getCoordinateReferenceSystem();
}
