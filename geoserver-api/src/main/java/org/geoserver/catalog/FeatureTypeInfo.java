/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/FeatureTypeInfo.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

import java.io.IOException;
import org.geotools.api.data.FeatureSource;
import org.geotools.api.feature.Feature;
import org.geotools.api.feature.type.FeatureType;
import org.geotools.api.util.ProgressListener;
import org.geotools.util.factory.Hints;

/** A vector resource (declaration only). */
public interface FeatureTypeInfo extends ResourceInfo {
    FeatureSource<? extends FeatureType, ? extends Feature> getFeatureSource(ProgressListener listener, Hints hints)
            throws IOException;
}
