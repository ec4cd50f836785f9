/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/main/src/main/java/org/geotools/api/data/FeatureWriter.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.data;

import java.io.Closeable;
import java.io.IOException;
import org.geotools.api.feature.Feature;
import org.geotools.api.feature.type.FeatureType;

/** Writes features one at a time: {@code next()}, set the values, {@code write()} (declaration only). */
public interface FeatureWriter<T extends FeatureType, F extends Feature> extends Closeable {
    F next() throws IOException;

    void write() throws IOException;

    @Override
    void close() throws IOException;
}
