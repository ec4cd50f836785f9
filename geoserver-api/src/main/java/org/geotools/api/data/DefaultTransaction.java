/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/main/src/main/java/org/geotools/api/data/DefaultTransaction.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.data;

import java.io.IOException;

/** The standard transaction implementation (declaration only). */
public class DefaultTransaction implements Transaction {
    public DefaultTransaction(String handle) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void commit() throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void rollback() throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }
}
