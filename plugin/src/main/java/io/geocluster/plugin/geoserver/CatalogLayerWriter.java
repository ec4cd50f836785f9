package io.geocluster.plugin.geoserver;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.kmeans.TrainTestSplit;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.KeptValues;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import io.geocluster.plugin.spi.PublishedLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.geoserver.catalog.Catalog;
import org.geoserver.catalog.DataStoreInfo;
import org.geoserver.catalog.FeatureTypeInfo;
import org.geoserver.catalog.LayerInfo;
import org.geoserver.catalog.StyleInfo;
import org.geoserver.catalog.WorkspaceInfo;
import org.geotools.api.data.DataStore;
import org.geotools.api.data.FeatureWriter;
import org.geotools.api.data.SimpleFeatureSource;
import org.geotools.api.data.Transaction;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.api.feature.simple.SimpleFeatureType;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Writes one result layer as a new table of the workspace's GeoPackage store, through GeoTools'
 * data store API, then publishes it in the catalog the way GeoServer's {@code ImportProcess} does:
 * {@code CatalogBuilder} builds the feature type (with its SRS and bounds) and the layer, the
 * style is created by the catalog factory and its SLD written by the resource pool.
 *
 * <p><b>Atomicity:</b> the catalog is touched only by {@link #commit}: the store (when new), the
 * feature type, the style and the layer are added in that order, and if any step fails every
 * addition made so far is removed again and the style file deleted ({@link CatalogChanges}).
 * Closing the writer without a successful commit (a failure or a cancellation of the run) drops
 * the table from the GeoPackage and, when this writer created the GeoPackage file, deletes the
 * file; the source layer is never written.
 *
 * <p><b>Transactions:</b> rows go in through one GeoTools transaction committed every
 * {@value #ROWS_PER_TRANSACTION} rows, so SQLite holds its write lock in short spells and other
 * runs writing into the same store wait briefly rather than fail.
 *
 * <p><b>Thread safety:</b> none; one thread writes a layer.
 */
final class CatalogLayerWriter implements LayerWriter {
    /** Rows per database transaction while writing. */
    static final int ROWS_PER_TRANSACTION = 50_000;

    private final CatalogLayerSink sink;
    private final Catalog catalog;
    private final WorkspaceInfo workspace;
    private final GeoServerClasses classes;
    private final OutputLayer layer;
    private final ResultColumns columns;
    private final boolean textSourceId;
    private final DataStore dataStore;
    /** Whether {@link #dataStore} was opened here (and must be disposed here) rather than by GeoServer. */
    private final boolean ownsDataStore;
    /** The GeoPackage file when this writer created it, else {@code null}. */
    private final Path createdFile;
    private final GeometryFactory geometries = new GeometryFactory();
    private Transaction transaction;
    private FeatureWriter<SimpleFeatureType, SimpleFeature> writer;
    private boolean tableCreated;
    private long rowsWritten;
    private int rowsInTransaction;
    private boolean committed;
    private boolean closed;

    CatalogLayerWriter(CatalogLayerSink sink, Catalog catalog, WorkspaceInfo workspace, GeoServerClasses classes,
                       OutputLayer layer) throws IOException {
        this.sink = sink;
        this.catalog = catalog;
        this.workspace = workspace;
        this.classes = classes;
        this.layer = layer;
        this.columns = new ResultColumns(layer);
        this.textSourceId = layer.sourceId().type() == AttributeType.TEXT;
        DataStoreInfo store = sink.resultStore();
        if (store != null) {
            this.dataStore = CatalogLayerSink.dataStoreOf(store);
            this.ownsDataStore = false;
            this.createdFile = null;
        } else {
            Path file = sink.storeFile();
            Files.createDirectories(file.getParent());
            this.createdFile = Files.exists(file) ? null : file;
            this.dataStore = openGeoPackage(file);
            this.ownsDataStore = true;
        }
        try {
            // Checked again: another run may have created the table since checkWritable.
            sink.checkNoTable(layer.name(), dataStore);
            dataStore.createSchema(classes.pointFeatureType(layer.name(), columns.geometry, columns.columns,
                    layer.crs(), layer.crsWkt()));
            tableCreated = true;
            transaction = classes.transaction("geocluster " + layer.name());
            writer = dataStore.getFeatureWriterAppend(layer.name(), transaction);
        } catch (IOException | RuntimeException e) {
            discard(e);
            throw e;
        }
    }

    private DataStore openGeoPackage(Path file) throws IOException {
        try {
            return classes.openGeoPackage(file.toFile());
        } catch (IOException | RuntimeException e) {
            if (createdFile != null) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    @Override
    public void write(FeatureBatch rows, int[] labels, byte[] split, KeptValues kept) throws IOException {
        ensureWritable();
        int n = rows.size();
        if (labels.length < n || split.length < n) {
            throw new IllegalArgumentException("labels and split must hold " + n + " values");
        }
        for (int i = 0; i < n; i++) {
            SimpleFeature f = writer.next();
            double x = rows.hasCoordinates() ? rows.x()[i] : Double.NaN;
            double y = rows.hasCoordinates() ? rows.y()[i] : Double.NaN;
            f.setDefaultGeometry(Double.isFinite(x) && Double.isFinite(y)
                    ? geometries.createPoint(new Coordinate(x, y)) : null);
            Object keptId = columns.sourceIdKept < 0 ? null : kept.kept(i, columns.sourceIdKept);
            f.setAttribute(columns.sourceId(), keptId != null ? convert(keptId, columns.columns.get(0).binding())
                    : sourceId(rows.ids()[i]));
            f.setAttribute(ResultColumns.CLUSTER, labels[i] >= 0 ? Integer.valueOf(labels[i]) : null);
            f.setAttribute(ResultColumns.SPLIT, TrainTestSplit.name(split[i]));
            int column = 3;
            for (int k = 0; k < columns.kept.size(); k++) {
                String name = columns.kept.get(k);
                if (name != null) {
                    f.setAttribute(name, convert(kept.kept(i, k), columns.columns.get(column++).binding()));
                }
            }
            writer.write();
            if (++rowsInTransaction >= ROWS_PER_TRANSACTION) {
                transaction.commit();
                rowsInTransaction = 0;
            }
        }
        rowsWritten += n;
    }

    /** The batch id as the source id column holds it (text ids arrive hashed unless kept). */
    private Object sourceId(long id) {
        Class<?> binding = columns.columns.get(0).binding();
        if (textSourceId) {
            return Long.toString(id);
        }
        return binding == Double.class ? (Object) (double) id : (Object) id;
    }

    /** A kept value in the Java class of its column; NaN becomes NULL. */
    static Object convert(Object value, Class<?> binding) {
        if (value == null) {
            return null;
        }
        if (binding == String.class) {
            return value.toString();
        }
        if (!(value instanceof Number number)) {
            return null; // cannot happen for values typed like their column; never write a wrong type
        }
        if (binding == Long.class) {
            return number.longValue();
        }
        double d = number.doubleValue();
        return Double.isNaN(d) ? null : d;
    }

    @Override
    public PublishedLayer commit(String sld) throws IOException {
        ensureWritable();
        FeatureWriter<SimpleFeatureType, SimpleFeature> finished = writer;
        writer = null;
        finished.close();
        transaction.commit();
        closeTransaction();
        SimpleFeatureSource source = dataStore.getFeatureSource(layer.name());
        CatalogChanges changes = new CatalogChanges(catalog);
        try {
            // Looked up again: a concurrent run may have created the store since this one started.
            DataStoreInfo store = sink.resultStore();
            if (store == null) {
                store = classes.buildDataStore(catalog, workspace, CatalogLayerSink.STORE_NAME);
                store.setType(CatalogLayerSink.STORE_TYPE);
                store.getConnectionParameters().put(LiveGeoServerClasses.DBTYPE, LiveGeoServerClasses.GEOPKG);
                store.getConnectionParameters().put(LiveGeoServerClasses.DATABASE, sink.storeUrl());
                changes.add(store);
            }
            FeatureTypeInfo featureType = classes.buildFeatureType(catalog, store, source);
            changes.add(featureType);
            StyleInfo style = catalog.getFactory().createStyle();
            style.setName(layer.name());
            style.setWorkspace(workspace);
            style.setFormat("sld");
            style.setFilename(layer.name() + ".sld");
            changes.onUndo(() -> classes.deleteStyle(catalog, style));
            classes.writeStyle(catalog, style, sld);
            changes.add(style);
            LayerInfo published = classes.buildLayer(catalog, featureType);
            published.setDefaultStyle(style);
            changes.add(published);
            committed = true;
            return new PublishedLayer(published.prefixedName(), sink.storeFile() + " (table " + layer.name() + ")",
                    "style " + style.prefixedName(), rowsWritten);
        } catch (IOException | RuntimeException e) {
            changes.undo(e);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (committed) {
            if (ownsDataStore) {
                dataStore.dispose();
            }
            return;
        }
        IOException failure = new IOException("Cannot fully discard the unpublished layer '" + layer.name() + "'");
        discard(failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    /**
     * Removes everything this writer made: the open writer and transaction, the table, the data
     * store it opened and the file it created. Every step runs even when an earlier one fails; the
     * failures are attached to {@code cause}.
     */
    private void discard(Throwable cause) {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
            writer = null;
        }
        if (transaction != null) {
            try {
                transaction.rollback();
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
            try {
                closeTransaction();
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
        if (tableCreated) {
            try {
                dataStore.removeSchema(layer.name());
                tableCreated = false;
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
        if (ownsDataStore) {
            try {
                dataStore.dispose();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
        if (createdFile != null) {
            // SQLite may leave its journal beside the file.
            for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
                try {
                    Files.deleteIfExists(createdFile.resolveSibling(createdFile.getFileName() + suffix));
                } catch (IOException e) {
                    cause.addSuppressed(e);
                }
            }
        }
    }

    private void closeTransaction() throws IOException {
        Transaction t = transaction;
        transaction = null;
        t.close();
    }

    private void ensureWritable() {
        if (closed || committed) {
            throw new IllegalStateException("layer '" + layer.name() + "' is already " + (committed ? "committed" : "closed"));
        }
    }
}
