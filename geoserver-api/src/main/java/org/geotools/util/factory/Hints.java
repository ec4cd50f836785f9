/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/metadata/src/main/java/org/geotools/util/factory/Hints.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.util.factory;

/** Hints for factories and data access (declaration only; the plugin passes {@code null}). */
public class Hints {
    public Hints() {
        throw new UnsupportedOperationException();
    }
}
