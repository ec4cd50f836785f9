/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/main/src/main/java/org/geotools/feature/FeatureCollection.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.feature;

import org.geotools.api.feature.Feature;
import org.geotools.api.feature.type.FeatureType;

/** A collection of features, read through an iterator that must be closed (declaration only). */
public interface FeatureCollection<T extends FeatureType, F extends Feature> {
    FeatureIterator<F> features();
}
