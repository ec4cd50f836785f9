/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/feature/Feature.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.feature;

/** A feature: an identified set of properties (declaration only; no member is called through it). */
public interface Feature {
}
