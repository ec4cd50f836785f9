/*
 * Compile-only declaration. Signatures of the well-known API of GeoTools (LGPL), real source at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/parameter/GeneralParameterValue.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.parameter;

/** A parameter value, such as a coverage read parameter (declaration only). */
public interface GeneralParameterValue {
}
