package io.geocluster.plugin.geoserver;

import io.geocluster.plugin.raster.QaMask;
import io.geocluster.plugin.spi.LayerCatalog;
import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerSource;
import io.geocluster.plugin.spi.RasterSink;
import io.geocluster.plugin.spi.SceneSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.geoserver.catalog.Catalog;
import org.geoserver.catalog.CoverageInfo;
import org.geoserver.catalog.FeatureTypeInfo;
import org.geoserver.catalog.LayerInfo;
import org.geoserver.catalog.ResourceInfo;
import org.geoserver.catalog.StoreInfo;
import org.geoserver.catalog.WorkspaceInfo;
import org.geoserver.platform.GeoServerResourceLoader;

/**
 * The {@link LayerCatalog} of the WPS processes inside GeoServer: layer names are names of the
 * GeoServer catalog ({@code workspace:layer}, or a bare name GeoServer resolves), results are
 * published into a workspace of the same catalog, and temporary files live under the data
 * directory's {@code tmp/geocluster} folder.
 *
 * <p>Vector layers are read by {@link FeatureTypeLayerSource} and results written and published
 * by {@link CatalogLayerSink}; coverages are read as IIkMC scenes by {@link CoverageSceneSource}
 * and label rasters published by {@link CatalogRasterSink}.
 *
 * <p><b>Thread safety:</b> one instance (a Spring bean) serves concurrent runs; it keeps no state
 * of its own beyond the catalog and the data directory.
 */
public final class GeoServerLayerCatalog implements LayerCatalog {
    private final Catalog catalog;
    private final Supplier<Path> dataDirectory;
    private final GeoServerClasses classes;

    /**
     * The catalog as GeoServer's Spring context wires it.
     *
     * @param catalog GeoServer's {@code catalog} bean
     * @param resourceLoader GeoServer's {@code resourceLoader} bean, which knows the data directory
     */
    public GeoServerLayerCatalog(Catalog catalog, GeoServerResourceLoader resourceLoader) {
        // The data directory is looked up when needed: the loader learns it from the servlet context.
        this(catalog, () -> dataDirectory(resourceLoader), new LiveGeoServerClasses());
        Objects.requireNonNull(resourceLoader, "resourceLoader");
    }

    /**
     * A catalog whose data directory and class-bound calls are given: the tests run it on fakes.
     *
     * @param dataDirectory supplies the GeoServer data directory when a sink or scratch folder needs it
     */
    GeoServerLayerCatalog(Catalog catalog, Supplier<Path> dataDirectory, GeoServerClasses classes) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        this.classes = Objects.requireNonNull(classes, "classes");
    }

    private static Path dataDirectory(GeoServerResourceLoader loader) {
        File base = loader.getBaseDirectory();
        if (base == null) {
            throw new IllegalStateException("GeoServer's resource loader has no data directory");
        }
        return base.toPath();
    }

    /**
     * @throws IllegalArgumentException when the catalog has no layer of that name, or the layer is
     *         not a vector layer of simple features with a geometry
     */
    @Override
    public LayerSource openPoints(String layer) throws IOException {
        if (!(layer(layer).getResource() instanceof FeatureTypeInfo featureType)) {
            throw new IllegalArgumentException("Layer '" + layer + "' is not a vector layer; the point processes"
                    + " read vector layers (feature types)");
        }
        return new FeatureTypeLayerSource(layer, featureType, classes);
    }

    /**
     * Opens a coverage layer as a scene; see {@link CoverageBands} for how bands are found.
     *
     * @throws IllegalArgumentException when the catalog has no layer of that name, the layer is
     *         not a coverage, or a band or a QA band the mask needs is not one of its bands
     */
    @Override
    public SceneSource openScene(String scene, List<String> bands, QaMask mask) throws IOException {
        Objects.requireNonNull(mask, "mask");
        if (!(layer(scene).getResource() instanceof CoverageInfo coverage)) {
            throw new IllegalArgumentException("Layer '" + scene + "' is not a coverage; IIkMC reads raster layers");
        }
        // Bands are checked against the configuration before any pixel is read.
        CoverageBands found = CoverageBands.find(scene, coverage, bands, mask);
        // Named by the coverage's own name: label layers are called <outputName>_<name>.
        return new CoverageSceneSource(coverage.getName(), coverage.getSRS(), found, mask, classes.readCoverage(coverage));
    }

    /**
     * @throws IllegalArgumentException when the workspace does not exist, or no workspace was given
     *         and the catalog has no default one
     */
    @Override
    public LayerSink pointSink(String workspace) {
        return new CatalogLayerSink(new PublicationTarget(catalog, workspace(workspace), dataDirectory.get(), classes));
    }

    /**
     * @throws IllegalArgumentException when the workspace does not exist, or no workspace was given
     *         and the catalog has no default one
     */
    @Override
    public RasterSink rasterSink(String workspace) {
        return new CatalogRasterSink(new PublicationTarget(catalog, workspace(workspace), dataDirectory.get(), classes));
    }

    /**
     * The file or URI behind a vector layer whose store Spark can read: a CSV store (GeoTools
     * {@code gt-csv}, connection parameter {@value #CSV_FILE}) or a GeoParquet store (GeoTools
     * {@code gt-geoparquet}, {@value #PARQUET_TYPE_KEY} {@code geoparquet} and {@value #PARQUET_URI}).
     * A relative {@code file:} location is resolved against the data directory, as GeoServer does.
     *
     * @throws IllegalArgumentException for an unknown layer, a coverage, or another kind of store
     */
    @Override
    public String sparkInput(String layer) {
        ResourceInfo resource = layer(layer).getResource();
        StoreInfo store = resource instanceof FeatureTypeInfo ? resource.getStore() : null;
        Map<String, Serializable> parameters = store == null ? Map.of() : store.getConnectionParameters();
        Object csv = parameters.get(CSV_FILE);
        if (csv != null && csv.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return location(csv);
        }
        Object uri = parameters.get(PARQUET_URI);
        if (uri != null && PARQUET_TYPE.equalsIgnoreCase(String.valueOf(parameters.get(PARQUET_TYPE_KEY)))) {
            return location(uri);
        }
        throw new IllegalArgumentException("engine=spark needs a CSV or Parquet-backed layer; '" + layer + "' is "
                + (store == null ? "not a vector layer" : "stored in a " + store.getType() + " store") + ". Publish the"
                + " data through a CSV or GeoParquet store, or use engine=local.");
    }

    /** The CSV store's file parameter ({@code CSVDataStoreFactory.FILE_PARAM}). */
    static final String CSV_FILE = "file";
    /** The GeoParquet store's type parameter ({@code GeoParquetDataStoreFactory.DBTYPE}) and its value. */
    static final String PARQUET_TYPE_KEY = "dbtype";
    static final String PARQUET_TYPE = "geoparquet";
    /** The GeoParquet store's location parameter ({@code GeoParquetDataStoreFactory.URI_PARAM}). */
    static final String PARQUET_URI = "uri";

    /** A connection parameter as a path Spark reads: {@code file:} URLs and relative paths made absolute. */
    private String location(Object value) {
        String text = value instanceof File f ? f.getPath() : value.toString().strip();
        if (text.matches("[A-Za-z][A-Za-z0-9+.\\-]+:.*") && !text.startsWith("file:")) {
            return text; // s3a://, hdfs://: Spark resolves those itself
        }
        if (text.startsWith("file:")) {
            text = text.substring("file:".length()).replaceFirst("^//(?=/)", "");
        }
        Path path = Path.of(text);
        return (path.isAbsolute() ? path : dataDirectory.get().resolve(path)).normalize().toString();
    }

    /** A new folder under {@code <data directory>/tmp/geocluster}. */
    @Override
    public Path createScratchDirectory() throws IOException {
        Path parent = dataDirectory.get().resolve("tmp").resolve("geocluster");
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "run-");
    }

    /** The catalog's layer of that name, or an {@link IllegalArgumentException} naming it. */
    private LayerInfo layer(String name) {
        Objects.requireNonNull(name, "layer");
        LayerInfo info = catalog.getLayerByName(name);
        if (info == null) {
            throw new IllegalArgumentException("No layer named '" + name + "' in the GeoServer catalog;"
                    + " give it as workspace:name");
        }
        return info;
    }

    private WorkspaceInfo workspace(String name) {
        if (name == null || name.isEmpty()) {
            WorkspaceInfo workspace = catalog.getDefaultWorkspace();
            if (workspace == null) {
                throw new IllegalArgumentException("The GeoServer catalog has no default workspace; give the workspace"
                        + " input");
            }
            return workspace;
        }
        WorkspaceInfo workspace = catalog.getWorkspaceByName(name);
        if (workspace == null) {
            throw new IllegalArgumentException("No workspace named '" + name + "' in the GeoServer catalog");
        }
        return workspace;
    }
}
