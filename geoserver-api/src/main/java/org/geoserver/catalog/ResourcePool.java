/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/ResourcePool.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

import java.io.IOException;
import java.io.InputStream;

/** Loads and caches the physical resources behind catalog objects (declaration only). */
public class ResourcePool {
    public void writeStyle(StyleInfo style, InputStream in) throws IOException {
        throw new UnsupportedOperationException();
    }

    public void deleteStyle(StyleInfo style, boolean purgeFile) throws IOException {
        throw new UnsupportedOperationException();
    }
}
