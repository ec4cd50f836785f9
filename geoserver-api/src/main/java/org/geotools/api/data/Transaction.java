/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/main/src/main/java/org/geotools/api/data/Transaction.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.data;

import java.io.Closeable;
import java.io.IOException;

/** A data store transaction (declaration only). */
public interface Transaction extends Closeable {
    void commit() throws IOException;

    void rollback() throws IOException;

    @Override
    void close() throws IOException;
}
