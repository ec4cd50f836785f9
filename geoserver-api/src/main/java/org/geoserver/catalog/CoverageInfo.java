/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/main/src/main/java/org/geoserver/catalog/CoverageInfo.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geoserver.catalog;

import java.io.IOException;
import java.util.List;
import org.geotools.api.coverage.grid.GridCoverageReader;
import org.geotools.api.util.ProgressListener;
import org.geotools.util.factory.Hints;

/** A raster resource (declaration only). */
public interface CoverageInfo extends ResourceInfo {
    List<CoverageDimensionInfo> getDimensions();

    GridCoverageReader getGridCoverageReader(ProgressListener listener, Hints hints) throws IOException;
}
