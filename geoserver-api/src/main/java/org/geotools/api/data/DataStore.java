/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/main/src/main/java/org/geotools/api/data/DataStore.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.data;

import java.io.IOException;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.api.feature.simple.SimpleFeatureType;

/** A store of simple feature types, one per table or file (declaration only). */
public interface DataStore extends DataAccess<SimpleFeatureType, SimpleFeature> {
    String[] getTypeNames() throws IOException;

    void removeSchema(String typeName) throws IOException;

    SimpleFeatureSource getFeatureSource(String typeName) throws IOException;

    FeatureWriter<SimpleFeatureType, SimpleFeature> getFeatureWriterAppend(String typeName, Transaction transaction)
            throws IOException;
}
