/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/main/src/main/java/org/geotools/feature/FeatureIterator.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.feature;

import java.io.Closeable;
import java.util.NoSuchElementException;
import org.geotools.api.feature.Feature;

/** A streaming iterator over features, holding a connection or file until closed (declaration only). */
public interface FeatureIterator<F extends Feature> extends Closeable {
    boolean hasNext();

    F next() throws NoSuchElementException;

    @Override
    void close();
}
