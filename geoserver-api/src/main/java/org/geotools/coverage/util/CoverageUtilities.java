/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/coverage/src/main/java/org/geotools/coverage/util/CoverageUtilities.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.coverage.util;

import java.util.Map;

/** Static helpers for grid coverages (declaration only). */
public final class CoverageUtilities {
    private CoverageUtilities() {
        throw new UnsupportedOperationException();
    }

    public static void setNoDataProperty(Map<String, Object> properties, Object noData) {
        throw new UnsupportedOperationException();
    }
}
