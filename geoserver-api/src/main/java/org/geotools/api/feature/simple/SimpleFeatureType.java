/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/feature/simple/SimpleFeatureType.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.feature.simple;

import java.util.List;
import org.geotools.api.feature.type.AttributeDescriptor;
import org.geotools.api.feature.type.FeatureType;

/** The type of simple features: an ordered list of attribute descriptors (declaration only). */
public interface SimpleFeatureType extends FeatureType {
    String getTypeName();

    List<AttributeDescriptor> getAttributeDescriptors();
}
