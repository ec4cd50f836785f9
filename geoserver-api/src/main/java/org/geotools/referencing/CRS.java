/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/referencing/src/main/java/org/geotools/referencing/CRS.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.referencing;

import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.NoSuchAuthorityCodeException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;

/** Static utilities for coordinate reference systems (declaration only). */
public final class CRS {
    private CRS() {
        throw new UnsupportedOperationException();
    }

    public static CoordinateReferenceSystem decode(String code)
            throws NoSuchAuthorityCodeException, FactoryException {
        throw new UnsupportedOperationException();
    }

    public static CoordinateReferenceSystem parseWKT(String wkt) throws FactoryException {
        throw new UnsupportedOperationException();
    }
}
