/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/main/src/main/java/org/geotools/api/data/DataStoreFinder.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.data;

import java.io.IOException;
import java.util.Map;

/** Finds the data store factory that accepts a set of connection parameters (declaration only). */
public final class DataStoreFinder {
    private DataStoreFinder() {
        throw new UnsupportedOperationException();
    }

    public static DataStore getDataStore(Map<String, ?> params) throws IOException {
        throw new UnsupportedOperationException();
    }
}
