/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/main/src/main/java/org/geotools/api/data/DataAccess.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.data;

import java.io.IOException;
import org.geotools.api.feature.Feature;
import org.geotools.api.feature.type.FeatureType;

/** Access to a store of feature types (declaration only). */
public interface DataAccess<T extends FeatureType, F extends Feature> {
    void createSchema(T featureType) throws IOException;

    void dispose();
}
