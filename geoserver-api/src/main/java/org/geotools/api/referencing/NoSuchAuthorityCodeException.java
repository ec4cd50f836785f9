/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/referencing/NoSuchAuthorityCodeException.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.referencing;

/** Thrown when an authority code is unknown (declaration only). */
public class NoSuchAuthorityCodeException extends FactoryException {
    public NoSuchAuthorityCodeException(String message, String authority, String code) {
        super(message);
        throw new UnsupportedOperationException();
    }
}
