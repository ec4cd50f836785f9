/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/main/src/main/java/org/geotools/api/data/Query.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.data;

/** A request for features: type, filter and the properties to read (declaration only). */
public class Query {
    public Query(String typeName) {
        throw new UnsupportedOperationException();
    }

    public String[] getPropertyNames() {
        throw new UnsupportedOperationException();
    }

    public void setPropertyNames(String... propNames) {
        throw new UnsupportedOperationException();
    }

    public String getTypeName() {
        throw new UnsupportedOperationException();
    }
}
