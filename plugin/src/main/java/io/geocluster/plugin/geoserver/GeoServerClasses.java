package io.geocluster.plugin.geoserver;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.geoserver.catalog.Catalog;
import org.geoserver.catalog.CoverageInfo;
import org.geoserver.catalog.CoverageStoreInfo;
import org.geoserver.catalog.DataStoreInfo;
import org.geoserver.catalog.FeatureTypeInfo;
import org.geoserver.catalog.LayerInfo;
import org.geoserver.catalog.StyleInfo;
import org.geoserver.catalog.WorkspaceInfo;
import org.geotools.api.data.DataStore;
import org.geotools.api.data.Query;
import org.geotools.api.data.SimpleFeatureSource;
import org.geotools.api.data.Transaction;
import org.geotools.api.feature.simple.SimpleFeatureType;

/**
 * The few GeoServer and GeoTools operations that go through concrete classes (constructors and
 * static methods) rather than interfaces: {@code Query}, {@code DataStoreFinder},
 * {@code SimpleFeatureTypeBuilder}, {@code CRS}, {@code DefaultTransaction}, {@code CatalogBuilder},
 * {@code ResourcePool}, {@code GridCoverage2D}, {@code GridCoverageFactory} and {@code GeoTiffWriter}.
 *
 * <p>Everything else the reader and publisher do goes through GeoServer's interfaces. Keeping the
 * class-bound calls behind this one seam is what lets the tests run the reader and publisher
 * against in-memory fakes of those interfaces: the compile-only declarations of the classes throw
 * when called, and the real classes need a running GeoServer. {@link LiveGeoServerClasses} is the
 * implementation used in GeoServer; it holds no logic worth testing apart from argument passing.
 */
interface GeoServerClasses {
    /** The nodata value of label rasters: pixels that were masked or not clustered. */
    int LABEL_NODATA = 255;

    /** A query for the named feature type that reads only the given properties. */
    Query query(String typeName, String[] propertyNames);

    /** Opens (creating it if needed) a GeoPackage file as a GeoTools data store. */
    DataStore openGeoPackage(File file) throws IOException;

    /**
     * Builds a simple feature type with a point geometry column, then the given columns.
     *
     * @param crsCode authority code of the CRS (preferred), or {@code null}
     * @param crsWkt WKT of the CRS, used when there is no code, or {@code null}
     */
    SimpleFeatureType pointFeatureType(String typeName, String geometryName, List<ResultColumns.Column> columns,
                                       String crsCode, String crsWkt) throws IOException;

    /** A new data store transaction. */
    Transaction transaction(String handle);

    /** A new, detached data store info in the workspace ({@code CatalogBuilder.buildDataStore}). */
    DataStoreInfo buildDataStore(Catalog catalog, WorkspaceInfo workspace, String name);

    /**
     * A detached feature type info for a feature source of the store, with its SRS and bounds
     * ({@code CatalogBuilder.buildFeatureType} and {@code setupBounds}).
     */
    FeatureTypeInfo buildFeatureType(Catalog catalog, DataStoreInfo store, SimpleFeatureSource source) throws IOException;

    /** A detached layer for the feature type ({@code CatalogBuilder.buildLayer}). */
    LayerInfo buildLayer(Catalog catalog, FeatureTypeInfo featureType) throws IOException;

    /** Writes the SLD of a style into the data directory ({@code ResourcePool.writeStyle}). */
    void writeStyle(Catalog catalog, StyleInfo style, String sld) throws IOException;

    /** Deletes the file of a style written by {@link #writeStyle} ({@code ResourcePool.deleteStyle}). */
    void deleteStyle(Catalog catalog, StyleInfo style) throws IOException;

    /**
     * Reads a whole coverage at native resolution through its GeoServer reader
     * ({@code GridCoverage2DReader.read}); the image's tiles are decoded when asked for.
     */
    CoverageImage readCoverage(CoverageInfo coverage) throws IOException;

    /**
     * Writes labels as a single-band uint8 GeoTIFF with nodata {@value #LABEL_NODATA}, on the grid
     * of the scene coverage they label ({@code GridCoverageFactory}, {@code GeoTiffWriter}).
     *
     * @param labels {@code width × height} class ids, row-major
     * @param scene the scene coverage, whose grid geometry (with a grid range starting at (0, 0))
     *        the raster copies
     */
    void writeLabelGeoTiff(File file, String name, byte[] labels, int width, int height, CoverageImage scene)
            throws IOException;

    /** A new, detached coverage store in the workspace ({@code CatalogBuilder.buildCoverageStore}). */
    CoverageStoreInfo buildCoverageStore(Catalog catalog, WorkspaceInfo workspace, String name);

    /**
     * A detached coverage named {@code name}, described from the data of a store already in the
     * catalog: bands, SRS and bounds ({@code CatalogBuilder.buildCoverageByName}).
     */
    CoverageInfo buildCoverage(Catalog catalog, CoverageStoreInfo store, String name) throws IOException;

    /** A detached layer for the coverage ({@code CatalogBuilder.buildLayer}). */
    LayerInfo buildLayer(Catalog catalog, CoverageInfo coverage) throws IOException;
}
