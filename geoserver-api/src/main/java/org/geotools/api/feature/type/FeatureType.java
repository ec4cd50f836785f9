/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/feature/type/FeatureType.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.feature.type;

import org.geotools.api.referencing.crs.CoordinateReferenceSystem;

/** The type of a feature (declaration only). */
public interface FeatureType extends ComplexType {
    GeometryDescriptor getGeometryDescriptor();

    CoordinateReferenceSystem getCoordinateReferenceSystem();
}
