package io.geocluster.plugin.geoserver;

import java.io.File;
import java.io.IOException;
import java.awt.image.RenderedImage;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.geoserver.catalog.Catalog;
import org.geoserver.catalog.CatalogFactory;
import org.geoserver.catalog.CoverageDimensionInfo;
import org.geoserver.catalog.CoverageInfo;
import org.geoserver.catalog.CoverageStoreInfo;
import org.geoserver.catalog.DataStoreInfo;
import org.geoserver.catalog.FeatureTypeInfo;
import org.geoserver.catalog.LayerInfo;
import org.geoserver.catalog.ResourceInfo;
import org.geoserver.catalog.ResourcePool;
import org.geoserver.catalog.StoreInfo;
import org.geoserver.catalog.StyleInfo;
import org.geoserver.catalog.WorkspaceInfo;
import org.geotools.api.coverage.grid.GridCoverageReader;
import org.geotools.api.data.DataAccess;
import org.geotools.api.data.DataStore;
import org.geotools.api.data.FeatureSource;
import org.geotools.api.data.FeatureWriter;
import org.geotools.api.data.Query;
import org.geotools.api.data.SimpleFeatureSource;
import org.geotools.api.data.Transaction;
import org.geotools.api.feature.Feature;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.api.feature.simple.SimpleFeatureType;
import org.geotools.api.feature.type.AttributeDescriptor;
import org.geotools.api.feature.type.AttributeType;
import org.geotools.api.feature.type.FeatureType;
import org.geotools.api.feature.type.GeometryDescriptor;
import org.geotools.api.feature.type.Name;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.util.ProgressListener;
import org.geotools.feature.FeatureCollection;
import org.geotools.feature.FeatureIterator;
import org.geotools.util.factory.Hints;
import org.locationtech.jts.geom.Point;

/**
 * In-memory fakes of the GeoServer catalog and GeoTools data interfaces the plugin declares, and a
 * {@link GeoServerClasses} over them, recording what the code under test does to them.
 */
final class Fakes {
    private Fakes() {
    }

    // ---------------------------------------------------------------- feature types and features

    static Name name(String local) {
        return () -> local;
    }

    /** An attribute (or, with a CRS or geometry binding, geometry) descriptor. */
    record Descriptor(String localName, Class<?> binding, CoordinateReferenceSystem crs) implements GeometryDescriptor {
        @Override
        public AttributeType getType() {
            return new AttributeType() {
                @Override
                public Name getName() {
                    return name(binding.getSimpleName());
                }

                @Override
                public Class<?> getBinding() {
                    return binding;
                }
            };
        }

        @Override
        public String getLocalName() {
            return localName;
        }

        @Override
        public Name getName() {
            return name(localName);
        }

        @Override
        public CoordinateReferenceSystem getCoordinateReferenceSystem() {
            return crs;
        }
    }

    static Descriptor attribute(String name, Class<?> binding) {
        return new Descriptor(name, binding, null);
    }

    static CoordinateReferenceSystem crs(String wkt) {
        return () -> wkt;
    }

    /** A simple feature type; its default geometry is the first descriptor bound to a JTS geometry. */
    record Type(String typeName, List<AttributeDescriptor> descriptors) implements SimpleFeatureType {
        @Override
        public String getTypeName() {
            return typeName;
        }

        @Override
        public List<AttributeDescriptor> getAttributeDescriptors() {
            return descriptors;
        }

        @Override
        public GeometryDescriptor getGeometryDescriptor() {
            for (AttributeDescriptor d : descriptors) {
                if (org.locationtech.jts.geom.Geometry.class.isAssignableFrom(d.getType().getBinding())) {
                    return (GeometryDescriptor) d;
                }
            }
            return null;
        }

        @Override
        public CoordinateReferenceSystem getCoordinateReferenceSystem() {
            GeometryDescriptor g = getGeometryDescriptor();
            return g == null ? null : g.getCoordinateReferenceSystem();
        }

        @Override
        public Name getName() {
            return name(typeName);
        }

        @Override
        public Class<?> getBinding() {
            return SimpleFeature.class;
        }
    }

    /** A feature holding its values in a map; the default geometry is the value of {@code geometryName}. */
    static final class FakeFeature implements SimpleFeature {
        final String id;
        final String geometryName;
        final Map<String, Object> values = new LinkedHashMap<>();

        FakeFeature(String id, String geometryName) {
            this.id = id;
            this.geometryName = geometryName;
        }

        FakeFeature with(String attribute, Object value) {
            values.put(attribute, value);
            return this;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public Object getAttribute(String name) {
            return values.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            values.put(name, value);
        }

        @Override
        public Object getDefaultGeometry() {
            return values.get(geometryName);
        }

        @Override
        public void setDefaultGeometry(Object geometry) {
            values.put(geometryName, geometry);
        }
    }

    /**
     * A feature source over a list of features. Records every iterator it opens and whether it was
     * closed; {@code failAt} makes {@code next()} throw on that feature index.
     */
    static final class FakeFeatureSource implements SimpleFeatureSource {
        final Type type;
        final List<SimpleFeature> features;
        final List<FakeIterator> iterators = new ArrayList<>();
        int failAt = -1;

        FakeFeatureSource(Type type, List<SimpleFeature> features) {
            this.type = type;
            this.features = features;
        }

        @Override
        public Name getName() {
            return name(type.typeName());
        }

        @Override
        public SimpleFeatureType getSchema() {
            return type;
        }

        @Override
        public FeatureCollection<SimpleFeatureType, SimpleFeature> getFeatures(Query query) {
            return () -> {
                FakeIterator it = new FakeIterator(features, failAt);
                iterators.add(it);
                return it;
            };
        }

        @Override
        public int getCount(Query query) {
            return features.size();
        }

        boolean allClosed() {
            return iterators.stream().allMatch(i -> i.closed == 1);
        }
    }

    static final class FakeIterator implements FeatureIterator<SimpleFeature> {
        final List<SimpleFeature> features;
        final int failAt;
        int next;
        int closed;

        FakeIterator(List<SimpleFeature> features, int failAt) {
            this.features = features;
            this.failAt = failAt;
        }

        @Override
        public boolean hasNext() {
            return next < features.size();
        }

        @Override
        public SimpleFeature next() {
            if (closed > 0) {
                throw new IllegalStateException("iterator used after close");
            }
            if (next == failAt) {
                throw new RuntimeException("connection lost at feature " + next);
            }
            if (next >= features.size()) {
                throw new NoSuchElementException();
            }
            return features.get(next++);
        }

        @Override
        public void close() {
            closed++;
        }
    }

    // ---------------------------------------------------------------- data store

    /** A data store of tables of features, with transactions that publish rows on commit. */
    static final class FakeDataStore implements DataStore {
        final Map<String, Type> schemas = new LinkedHashMap<>();
        final Map<String, List<FakeFeature>> rows = new HashMap<>();
        final List<String> removed = new ArrayList<>();
        int disposed;
        int writersClosed;
        /** Throw from {@code write()} once this many rows were written in total. */
        long failWriteAt = -1;
        /** Throw from {@code getFeatureWriterAppend}. */
        boolean failWriterAppend;
        long written;

        @Override
        public void createSchema(SimpleFeatureType featureType) {
            String name = featureType.getTypeName();
            if (schemas.containsKey(name)) {
                throw new IllegalStateException("table " + name + " exists");
            }
            schemas.put(name, (Type) featureType);
            rows.put(name, new ArrayList<>());
        }

        @Override
        public void dispose() {
            disposed++;
        }

        @Override
        public String[] getTypeNames() {
            return schemas.keySet().toArray(new String[0]);
        }

        @Override
        public void removeSchema(String typeName) {
            schemas.remove(typeName);
            rows.remove(typeName);
            removed.add(typeName);
        }

        @Override
        public SimpleFeatureSource getFeatureSource(String typeName) {
            List<SimpleFeature> features = new ArrayList<>(rows.get(typeName));
            return new FakeFeatureSource(schemas.get(typeName), features);
        }

        @Override
        public FeatureWriter<SimpleFeatureType, SimpleFeature> getFeatureWriterAppend(String typeName,
                                                                                     Transaction transaction) {
            if (failWriterAppend) {
                throw new IllegalStateException("no connection left in the pool");
            }
            FakeTransaction tx = (FakeTransaction) transaction;
            Type type = schemas.get(typeName);
            String geometry = type.getGeometryDescriptor().getLocalName();
            return new FeatureWriter<>() {
                FakeFeature current;

                @Override
                public SimpleFeature next() {
                    current = new FakeFeature(null, geometry);
                    return current;
                }

                @Override
                public void write() throws IOException {
                    if (written == failWriteAt) {
                        throw new IOException("disk full");
                    }
                    written++;
                    FakeFeature f = current;
                    tx.pending.add(() -> rows.get(typeName).add(f));
                }

                @Override
                public void close() {
                    writersClosed++;
                }
            };
        }

        /** Committed rows of a table. */
        List<FakeFeature> table(String name) {
            return rows.get(name);
        }
    }

    /** A transaction whose pending writes become rows on commit. */
    static final class FakeTransaction implements Transaction {
        final List<Runnable> pending = new ArrayList<>();
        int commits;
        int rollbacks;
        boolean closed;
        boolean failCommit;

        @Override
        public void commit() throws IOException {
            if (failCommit) {
                throw new IOException("database is locked");
            }
            pending.forEach(Runnable::run);
            pending.clear();
            commits++;
        }

        @Override
        public void rollback() {
            pending.clear();
            rollbacks++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    // ---------------------------------------------------------------- catalog

    record Workspace(String name) implements WorkspaceInfo {
        @Override
        public String getName() {
            return name;
        }
    }

    /** What every fake store has: a name, a workspace, a type and connection parameters. */
    abstract static class FakeStore implements StoreInfo {
        final String name;
        final WorkspaceInfo workspace;
        final Map<String, Serializable> parameters = new HashMap<>();
        String type;

        FakeStore(String name, WorkspaceInfo workspace) {
            this.name = name;
            this.workspace = workspace;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getType() {
            return type;
        }

        @Override
        public void setType(String type) {
            this.type = type;
        }

        @Override
        public WorkspaceInfo getWorkspace() {
            return workspace;
        }

        @Override
        public Map<String, Serializable> getConnectionParameters() {
            return parameters;
        }
    }

    /** A vector store handing out a given data store. */
    static final class FakeDataStoreInfo extends FakeStore implements DataStoreInfo {
        DataAccess<? extends FeatureType, ? extends Feature> access;

        FakeDataStoreInfo(String name, WorkspaceInfo workspace) {
            super(name, workspace);
        }

        @Override
        public DataAccess<? extends FeatureType, ? extends Feature> getDataStore(ProgressListener listener) {
            return access;
        }
    }

    /** A coverage store with a URL. */
    static final class FakeCoverageStoreInfo extends FakeStore implements CoverageStoreInfo {
        String url;

        FakeCoverageStoreInfo(String name, WorkspaceInfo workspace) {
            super(name, workspace);
        }

        @Override
        public String getURL() {
            return url;
        }

        @Override
        public void setURL(String url) {
            this.url = url;
        }
    }

    static final class FakeFeatureTypeInfo implements FeatureTypeInfo {
        final String name;
        final WorkspaceInfo workspace;
        final String srs;
        final FeatureSource<? extends FeatureType, ? extends Feature> source;
        /** The store it was built for, when built by {@link FakeClasses}. */
        DataStoreInfo storeInfo;

        FakeFeatureTypeInfo(String name, WorkspaceInfo workspace, String srs,
                            FeatureSource<? extends FeatureType, ? extends Feature> source) {
            this.name = name;
            this.workspace = workspace;
            this.srs = srs;
            this.source = source;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getSRS() {
            return srs;
        }

        @Override
        public String prefixedName() {
            return workspace.getName() + ":" + name;
        }

        @Override
        public FeatureSource<? extends FeatureType, ? extends Feature> getFeatureSource(ProgressListener listener,
                                                                                        Hints hints) {
            return source;
        }

        @Override
        public StoreInfo getStore() {
            return storeInfo;
        }
    }

    /** A coverage with named dimensions, whose pixels {@link FakeClasses#readCoverage} hands out. */
    static final class FakeCoverageInfo implements CoverageInfo {
        final String name;
        final List<String> dimensions;
        final RenderedImage image;
        /** The store it was built for, when built by {@link FakeClasses}. */
        CoverageStoreInfo storeInfo;
        int reads;
        int releases;

        FakeCoverageInfo(String name, List<String> dimensions, RenderedImage image) {
            this.name = name;
            this.dimensions = dimensions;
            this.image = image;
        }

        @Override
        public List<CoverageDimensionInfo> getDimensions() {
            List<CoverageDimensionInfo> list = new ArrayList<>();
            for (String d : dimensions) {
                list.add(() -> d);
            }
            return list;
        }

        @Override
        public GridCoverageReader getGridCoverageReader(ProgressListener listener, Hints hints) {
            throw new AssertionError("coverages are read through GeoServerClasses only");
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getSRS() {
            return "EPSG:32632";
        }

        @Override
        public String prefixedName() {
            return (storeInfo == null ? "landsat" : storeInfo.getWorkspace().getName()) + ":" + name;
        }

        @Override
        public StoreInfo getStore() {
            return storeInfo;
        }
    }

    static final class FakeLayer implements LayerInfo {
        final ResourceInfo resource;
        StyleInfo defaultStyle;

        FakeLayer(ResourceInfo resource) {
            this.resource = resource;
        }

        @Override
        public ResourceInfo getResource() {
            return resource;
        }

        @Override
        public void setDefaultStyle(StyleInfo defaultStyle) {
            this.defaultStyle = defaultStyle;
        }

        @Override
        public String getName() {
            return resource.getName();
        }

        @Override
        public String prefixedName() {
            return resource.prefixedName();
        }
    }

    static final class FakeStyle implements StyleInfo {
        String name;
        WorkspaceInfo workspace;
        String filename;
        String format;

        @Override
        public String getName() {
            return name;
        }

        @Override
        public void setName(String name) {
            this.name = name;
        }

        @Override
        public void setWorkspace(WorkspaceInfo workspace) {
            this.workspace = workspace;
        }

        @Override
        public String getFilename() {
            return filename;
        }

        @Override
        public void setFilename(String fileName) {
            this.filename = fileName;
        }

        @Override
        public void setFormat(String format) {
            this.format = format;
        }

        @Override
        public String prefixedName() {
            return (workspace == null ? "" : workspace.getName() + ":") + name;
        }
    }

    /**
     * A catalog of workspaces, stores, resources, layers and styles in lists. Every add and remove
     * is logged as {@code "add store ws:name"} and so on; {@code failOnAdd} makes an add throw.
     */
    static final class FakeCatalog implements Catalog {
        final Map<String, WorkspaceInfo> workspaces = new LinkedHashMap<>();
        WorkspaceInfo defaultWorkspace;
        final List<StoreInfo> stores = new ArrayList<>();
        final List<ResourceInfo> resources = new ArrayList<>();
        final Map<String, LayerInfo> layers = new LinkedHashMap<>();
        final List<StyleInfo> styles = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        Predicate<Object> failOnAdd = o -> false;

        WorkspaceInfo workspace(String name) {
            WorkspaceInfo ws = new Workspace(name);
            workspaces.put(name, ws);
            if (defaultWorkspace == null) {
                defaultWorkspace = ws;
            }
            return ws;
        }

        /** Publishes a feature type as a layer, without logging (test set-up). */
        void publish(FeatureTypeInfo featureType) {
            resources.add(featureType);
            layers.put(featureType.prefixedName(), new FakeLayer(featureType));
        }

        /** Everything the catalog holds besides the set-up, for "nothing was added" checks. */
        int size() {
            return stores.size() + resources.size() + layers.size() + styles.size();
        }

        private void add(String kind, String name, Object o, Runnable add) {
            if (failOnAdd.test(o)) {
                throw new IllegalStateException("catalog refused " + kind + " " + name);
            }
            add.run();
            log.add("add " + kind + " " + name);
        }

        @Override
        public CatalogFactory getFactory() {
            return FakeStyle::new;
        }

        @Override
        public void add(StoreInfo store) {
            add("store", store.getWorkspace().getName() + ":" + store.getName(), store, () -> stores.add(store));
        }

        @Override
        public void remove(StoreInfo store) {
            stores.remove(store);
            log.add("remove store " + store.getName());
        }

        @Override
        public DataStoreInfo getDataStoreByName(WorkspaceInfo workspace, String name) {
            for (StoreInfo s : stores) {
                if (s.getWorkspace().equals(workspace) && s.getName().equals(name)) {
                    return (DataStoreInfo) s;
                }
            }
            return null;
        }

        @Override
        public CoverageStoreInfo getCoverageStoreByName(WorkspaceInfo workspace, String name) {
            for (StoreInfo s : stores) {
                if (s.getWorkspace().equals(workspace) && s.getName().equals(name) && s instanceof CoverageStoreInfo c) {
                    return c;
                }
            }
            return null;
        }

        private static String kind(ResourceInfo resource) {
            return resource instanceof CoverageInfo ? "coverage" : "featuretype";
        }

        @Override
        public void add(ResourceInfo resource) {
            add(kind(resource), resource.prefixedName(), resource, () -> resources.add(resource));
        }

        @Override
        public void remove(ResourceInfo resource) {
            resources.remove(resource);
            log.add("remove " + kind(resource) + " " + resource.prefixedName());
        }

        @Override
        public void add(LayerInfo layer) {
            add("layer", layer.prefixedName(), layer, () -> layers.put(layer.prefixedName(), layer));
        }

        @Override
        public void remove(LayerInfo layer) {
            layers.remove(layer.prefixedName());
            log.add("remove layer " + layer.prefixedName());
        }

        @Override
        public LayerInfo getLayerByName(String name) {
            return layers.get(name);
        }

        @Override
        public void add(StyleInfo style) {
            add("style", style.prefixedName(), style, () -> styles.add(style));
        }

        @Override
        public void remove(StyleInfo style) {
            styles.remove(style);
            log.add("remove style " + style.prefixedName());
        }

        @Override
        public StyleInfo getStyleByName(WorkspaceInfo workspace, String name) {
            for (StyleInfo s : styles) {
                if (s.getName().equals(name) && workspace.equals(((FakeStyle) s).workspace)) {
                    return s;
                }
            }
            return null;
        }

        @Override
        public WorkspaceInfo getDefaultWorkspace() {
            return defaultWorkspace;
        }

        @Override
        public WorkspaceInfo getWorkspaceByName(String name) {
            return workspaces.get(name);
        }

        @Override
        public ResourcePool getResourcePool() {
            throw new AssertionError("the resource pool is reached through GeoServerClasses only");
        }
    }

    // ---------------------------------------------------------------- the class-bound calls

    /**
     * {@link GeoServerClasses} over the fakes. Queries are recorded (the declared {@code Query}
     * class cannot be instantiated outside GeoServer); GeoPackage files are created empty on disk
     * so that their removal can be checked; styles are written under {@code styleDirectory}.
     */
    static final class FakeClasses implements GeoServerClasses {
        final Path styleDirectory;
        final List<String> queryTypeNames = new ArrayList<>();
        final List<List<String>> queries = new ArrayList<>();
        final Map<Path, FakeDataStore> geoPackages = new HashMap<>();
        final List<FakeTransaction> transactions = new ArrayList<>();
        boolean failLabelWrite;

        FakeClasses(Path styleDirectory) {
            this.styleDirectory = styleDirectory;
        }

        @Override
        public Query query(String typeName, String[] propertyNames) {
            queryTypeNames.add(typeName);
            queries.add(List.of(propertyNames));
            return null;
        }

        @Override
        public DataStore openGeoPackage(File file) throws IOException {
            Path path = file.toPath();
            if (!Files.exists(path)) {
                Files.createFile(path);
            }
            return geoPackages.computeIfAbsent(path, p -> new FakeDataStore());
        }

        @Override
        public SimpleFeatureType pointFeatureType(String typeName, String geometryName, List<ResultColumns.Column> columns,
                                                  String crsCode, String crsWkt) {
            List<AttributeDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new Descriptor(geometryName, Point.class, crs(crsCode + "|" + crsWkt)));
            for (ResultColumns.Column c : columns) {
                descriptors.add(attribute(c.name(), c.binding()));
            }
            return new Type(typeName, descriptors);
        }

        @Override
        public Transaction transaction(String handle) {
            FakeTransaction t = new FakeTransaction();
            transactions.add(t);
            return t;
        }

        @Override
        public DataStoreInfo buildDataStore(Catalog catalog, WorkspaceInfo workspace, String name) {
            return new FakeDataStoreInfo(name, workspace);
        }

        @Override
        public FeatureTypeInfo buildFeatureType(Catalog catalog, DataStoreInfo store, SimpleFeatureSource source) {
            FakeFeatureTypeInfo featureType = new FakeFeatureTypeInfo(source.getName().getLocalPart(), store.getWorkspace(),
                    "EPSG:3035", source);
            featureType.storeInfo = store;
            return featureType;
        }

        @Override
        public LayerInfo buildLayer(Catalog catalog, FeatureTypeInfo featureType) {
            return new FakeLayer(featureType);
        }

        @Override
        public void writeStyle(Catalog catalog, StyleInfo style, String sld) throws IOException {
            Files.createDirectories(styleDirectory);
            Files.writeString(styleDirectory.resolve(style.getFilename()), sld, StandardCharsets.UTF_8);
        }

        @Override
        public void deleteStyle(Catalog catalog, StyleInfo style) throws IOException {
            Files.deleteIfExists(styleDirectory.resolve(style.getFilename()));
        }

        @Override
        public CoverageImage readCoverage(CoverageInfo coverage) {
            FakeCoverageInfo fake = (FakeCoverageInfo) coverage;
            fake.reads++;
            return new CoverageImage(fake.image, null, () -> fake.releases++);
        }

        /** Writes the labels as raw bytes (the file format is GeoTools' business, not under test). */
        @Override
        public void writeLabelGeoTiff(File file, String name, byte[] labels, int width, int height, CoverageImage scene)
                throws IOException {
            if (failLabelWrite) {
                throw new IOException("disk full");
            }
            Files.write(file.toPath(), labels);
        }

        @Override
        public CoverageStoreInfo buildCoverageStore(Catalog catalog, WorkspaceInfo workspace, String name) {
            return new FakeCoverageStoreInfo(name, workspace);
        }

        @Override
        public CoverageInfo buildCoverage(Catalog catalog, CoverageStoreInfo store, String name) {
            FakeCoverageInfo coverage = new FakeCoverageInfo(name, List.of("GRAY_INDEX"), null);
            coverage.storeInfo = store;
            return coverage;
        }

        @Override
        public LayerInfo buildLayer(Catalog catalog, CoverageInfo coverage) {
            return new FakeLayer(coverage);
        }
    }
}
