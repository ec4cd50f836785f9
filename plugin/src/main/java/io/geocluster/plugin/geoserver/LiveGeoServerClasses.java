package io.geocluster.plugin.geoserver;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.geoserver.catalog.Catalog;
import org.geoserver.catalog.CatalogBuilder;
import org.geoserver.catalog.CoverageInfo;
import org.geoserver.catalog.CoverageStoreInfo;
import org.geoserver.catalog.DataStoreInfo;
import org.geoserver.catalog.FeatureTypeInfo;
import org.geoserver.catalog.LayerInfo;
import org.geoserver.catalog.StyleInfo;
import org.geoserver.catalog.WorkspaceInfo;
import org.geotools.api.coverage.grid.GridCoverageReader;
import org.geotools.api.data.DataStore;
import org.geotools.api.parameter.GeneralParameterValue;
import org.geotools.api.data.DataStoreFinder;
import org.geotools.api.data.DefaultTransaction;
import org.geotools.api.data.Query;
import org.geotools.api.data.SimpleFeatureSource;
import org.geotools.api.data.Transaction;
import org.geotools.api.feature.simple.SimpleFeatureType;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridCoverageFactory;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.coverage.grid.io.GridCoverage2DReader;
import org.geotools.coverage.util.CoverageUtilities;
import org.geotools.feature.simple.SimpleFeatureTypeBuilder;
import org.geotools.gce.geotiff.GeoTiffWriter;
import org.geotools.referencing.CRS;
import org.locationtech.jts.geom.Point;

/**
 * {@link GeoServerClasses} over the real GeoServer and GeoTools classes, as GeoServer's own
 * {@code ImportProcess} uses them.
 */
final class LiveGeoServerClasses implements GeoServerClasses {
    /** {@code GeoPkgDataStoreFactory.DBTYPE} and {@code DATABASE} keys and the dbtype value. */
    static final String DBTYPE = "dbtype";
    static final String DATABASE = "database";
    static final String GEOPKG = "geopkg";

    @Override
    public Query query(String typeName, String[] propertyNames) {
        Query query = new Query(typeName);
        query.setPropertyNames(propertyNames);
        return query;
    }

    @Override
    public DataStore openGeoPackage(File file) throws IOException {
        Map<String, Object> params = new HashMap<>();
        params.put(DBTYPE, GEOPKG);
        params.put(DATABASE, file);
        DataStore store = DataStoreFinder.getDataStore(params);
        if (store == null) {
            throw new IOException("GeoTools found no GeoPackage data store for " + file
                    + ": is gt-geopkg missing from WEB-INF/lib?");
        }
        return store;
    }

    @Override
    public SimpleFeatureType pointFeatureType(String typeName, String geometryName, List<ResultColumns.Column> columns,
                                              String crsCode, String crsWkt) throws IOException {
        SimpleFeatureTypeBuilder builder = new SimpleFeatureTypeBuilder();
        builder.setName(typeName);
        CoordinateReferenceSystem crs = crs(crsCode, crsWkt);
        if (crs != null) {
            builder.setCRS(crs);
        }
        builder.add(geometryName, Point.class, crs);
        for (ResultColumns.Column column : columns) {
            builder.add(column.name(), column.binding());
        }
        builder.setDefaultGeometry(geometryName);
        return builder.buildFeatureType();
    }

    /**
     * The CRS by code when there is one (GeoServer then finds its SRS by code), else, or when the
     * code is unknown to GeoTools, by WKT; {@code null} when neither is given.
     */
    private static CoordinateReferenceSystem crs(String code, String wkt) throws IOException {
        FactoryException byCode = null;
        if (code != null) {
            try {
                return CRS.decode(code);
            } catch (FactoryException e) {
                byCode = e;
            }
        }
        if (wkt != null) {
            try {
                return CRS.parseWKT(wkt);
            } catch (FactoryException e) {
                if (byCode != null) {
                    e.addSuppressed(byCode);
                }
                throw new IOException("Cannot build the CRS of the result from its WKT: " + e.getMessage(), e);
            }
        }
        if (byCode != null) {
            throw new IOException("Cannot build the CRS " + code + " of the result: " + byCode.getMessage(), byCode);
        }
        return null;
    }

    @Override
    public Transaction transaction(String handle) {
        return new DefaultTransaction(handle);
    }

    /** A catalog builder building stores in the workspace. */
    private static CatalogBuilder builder(Catalog catalog, WorkspaceInfo workspace) {
        CatalogBuilder builder = new CatalogBuilder(catalog);
        builder.setWorkspace(workspace);
        return builder;
    }

    @Override
    public DataStoreInfo buildDataStore(Catalog catalog, WorkspaceInfo workspace, String name) {
        return builder(catalog, workspace).buildDataStore(name);
    }

    @Override
    public FeatureTypeInfo buildFeatureType(Catalog catalog, DataStoreInfo store, SimpleFeatureSource source)
            throws IOException {
        CatalogBuilder builder = builder(catalog, store.getWorkspace());
        builder.setStore(store);
        // The feature source is passed explicitly: the store may not be in the catalog yet.
        FeatureTypeInfo featureType = builder.buildFeatureType(source);
        builder.setupBounds(featureType, source);
        return featureType;
    }

    @Override
    public LayerInfo buildLayer(Catalog catalog, FeatureTypeInfo featureType) throws IOException {
        return new CatalogBuilder(catalog).buildLayer(featureType);
    }

    @Override
    public void writeStyle(Catalog catalog, StyleInfo style, String sld) throws IOException {
        catalog.getResourcePool().writeStyle(style, new ByteArrayInputStream(sld.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void deleteStyle(Catalog catalog, StyleInfo style) throws IOException {
        catalog.getResourcePool().deleteStyle(style, true);
    }

    @Override
    public CoverageImage readCoverage(CoverageInfo coverage) throws IOException {
        // GeoServer's pooled reader: never disposed here, only the coverage read from it.
        GridCoverageReader reader = coverage.getGridCoverageReader(null, null);
        if (!(reader instanceof GridCoverage2DReader)) {
            throw new IOException("Coverage '" + coverage.prefixedName() + "' has no two-dimensional grid reader");
        }
        GridCoverage2D grid = ((GridCoverage2DReader) reader).read(new GeneralParameterValue[0]);
        if (grid == null) {
            throw new IOException("Coverage '" + coverage.prefixedName() + "' read as nothing");
        }
        return new CoverageImage(grid.getRenderedImage(), grid.getGridGeometry(), () -> grid.dispose(true));
    }

    @Override
    public void writeLabelGeoTiff(File file, String name, byte[] labels, int width, int height, CoverageImage scene)
            throws IOException {
        GridGeometry2D grid = scene.grid();
        if (grid == null) {
            throw new IOException("The grid of the coverage labelled as '" + name + "' is unknown");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, labels);
        Map<String, Object> properties = new HashMap<>();
        CoverageUtilities.setNoDataProperty(properties, (double) LABEL_NODATA);
        GridCoverage2D coverage = new GridCoverageFactory().create(name, image, grid, null, null, properties);
        GeoTiffWriter writer = new GeoTiffWriter(file);
        try {
            writer.write(coverage, new GeneralParameterValue[0]);
        } finally {
            writer.dispose();
            coverage.dispose(true);
        }
    }

    @Override
    public CoverageStoreInfo buildCoverageStore(Catalog catalog, WorkspaceInfo workspace, String name) {
        return builder(catalog, workspace).buildCoverageStore(name);
    }

    @Override
    public CoverageInfo buildCoverage(Catalog catalog, CoverageStoreInfo store, String name) throws IOException {
        CatalogBuilder builder = builder(catalog, store.getWorkspace());
        builder.setStore(store);
        try {
            // Reads the GeoTIFF through the resource pool's reader of the (added) store.
            return builder.buildCoverageByName(null, name);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Cannot describe the coverage of store '" + store.getName() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public LayerInfo buildLayer(Catalog catalog, CoverageInfo coverage) throws IOException {
        return new CatalogBuilder(catalog).buildLayer(coverage);
    }
}
