/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/plugin/geotiff/src/main/java/org/geotools/gce/geotiff/GeoTiffWriter.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.gce.geotiff;

import java.io.IOException;
import org.geotools.api.coverage.grid.GridCoverage;
import org.geotools.api.parameter.GeneralParameterValue;

/**
 * Writes grid coverages as GeoTIFF files (declaration only; {@code dispose} is inherited from
 * {@code AbstractGridCoverageWriter} in the real class).
 */
public class GeoTiffWriter {
    public GeoTiffWriter(Object destination) throws IOException {
        throw new UnsupportedOperationException();
    }

    public void write(GridCoverage gc, GeneralParameterValue... params)
            throws IllegalArgumentException, IOException, IndexOutOfBoundsException {
        throw new UnsupportedOperationException();
    }

    public void dispose() {
        throw new UnsupportedOperationException();
    }
}
