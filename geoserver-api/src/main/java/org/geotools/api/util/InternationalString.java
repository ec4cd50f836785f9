/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/util/InternationalString.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.util;

import java.util.Locale;

/** A string translated into several locales (declaration only). */
public interface InternationalString extends CharSequence, Comparable<InternationalString> {
    String toString(Locale locale);

    @Override
    String toString();
}
