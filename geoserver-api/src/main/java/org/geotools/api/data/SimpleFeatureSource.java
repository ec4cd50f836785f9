/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/main/src/main/java/org/geotools/api/data/SimpleFeatureSource.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.data;

import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.api.feature.simple.SimpleFeatureType;

/** A feature source of simple features (declaration only). */
public interface SimpleFeatureSource extends FeatureSource<SimpleFeatureType, SimpleFeature> {
}
