/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/main/src/main/java/org/geotools/api/data/FeatureSource.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.data;

import java.io.IOException;
import org.geotools.api.feature.Feature;
import org.geotools.api.feature.type.FeatureType;
import org.geotools.api.feature.type.Name;
import org.geotools.feature.FeatureCollection;

/** Read access to the features of one type (declaration only). */
public interface FeatureSource<T extends FeatureType, F extends Feature> {
    Name getName();

    T getSchema();

    FeatureCollection<T, F> getFeatures(Query query) throws IOException;

    int getCount(Query query) throws IOException;
}
