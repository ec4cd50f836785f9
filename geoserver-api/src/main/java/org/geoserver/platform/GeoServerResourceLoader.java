/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/platform/src/main/java/org/geoserver/platform/GeoServerResourceLoader.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.platform;

import java.io.File;

/** Access to the files of the GeoServer data directory (declaration only). */
public class GeoServerResourceLoader {
    public File getBaseDirectory() {
        throw new UnsupportedOperationException();
    }
}
