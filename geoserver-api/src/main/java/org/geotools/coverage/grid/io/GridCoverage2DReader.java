/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/coverage/src/main/java/org/geotools/coverage/grid/io/GridCoverage2DReader.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.coverage.grid.io;

import java.io.IOException;
import org.geotools.api.coverage.grid.GridCoverageReader;
import org.geotools.api.parameter.GeneralParameterValue;
import org.geotools.coverage.grid.GridCoverage2D;

/** Reads two-dimensional grid coverages (declaration only). */
public interface GridCoverage2DReader extends GridCoverageReader {
    GridCoverage2D read(GeneralParameterValue... parameters) throws IOException;
}
