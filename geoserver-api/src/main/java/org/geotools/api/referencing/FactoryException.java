/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/referencing/FactoryException.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.referencing;

/** Thrown when a referencing object cannot be created (declaration only). */
public class FactoryException extends Exception {
    public FactoryException(String message) {
        throw new UnsupportedOperationException();
    }
}
