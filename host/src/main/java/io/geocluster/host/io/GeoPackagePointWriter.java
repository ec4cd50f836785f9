package io.geocluster.host.io;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.KeptValues;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import io.geocluster.plugin.spi.PublishedLayer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageException;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.extension.rtree.RTreeIndexExtension;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureTable;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.GeometryType;

/**
 * Writes one result layer into a GeoPackage inside a hidden temporary folder next to its final
 * place, then publishes it and its SLD by atomic renames.
 *
 * <p>SQLite's journal and fsyncs are off while writing: the file is private until
 * {@link #commit}, which syncs it to disk before renaming it, and a failure only ever loses the
 * temporary folder.
 *
 * <p><b>Thread safety:</b> none; one thread writes a layer.
 */
final class GeoPackagePointWriter implements LayerWriter {
    private final OutputLayer layer;
    private final OutputColumns columns;
    private final boolean overwrite;
    private final Path temporary;
    private final Path temporaryData;
    private final Path temporaryStyle;
    private final Path data;
    private final Path style;
    private final GeoPackage geoPackage;
    private final Connection connection;
    private final FeatureTable table;
    private final PointInserter inserter;
    private final boolean spatialIndex;
    private long rowsWritten;
    private boolean committed;
    private boolean closed;
    private boolean databaseClosed;

    GeoPackagePointWriter(OutputLayer layer, Path directory, boolean overwrite, boolean spatialIndex)
            throws IOException {
        this.layer = layer;
        this.spatialIndex = spatialIndex;
        this.columns = new OutputColumns(layer);
        this.overwrite = overwrite;
        this.data = directory.resolve(layer.name() + ".gpkg");
        this.style = directory.resolve(layer.name() + ".sld");
        // A hidden folder on the same file system: renames out of it are atomic, and a folder
        // scan for *.gpkg never sees the half-written file.
        this.temporary = Files.createTempDirectory(directory, "." + layer.name() + ".tmp-");
        this.temporaryData = temporary.resolve(layer.name() + ".gpkg");
        this.temporaryStyle = temporary.resolve(layer.name() + ".sld");
        GeoPackage opened = null;
        try {
            GeoPackageManager.create(temporaryData.toFile());
            opened = GeoPackageManager.open(layer.name(), true, temporaryData.toFile(), true);
            this.geoPackage = opened;
            this.connection = opened.getConnection().getConnection();
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA synchronous = OFF");
                s.execute("PRAGMA journal_mode = OFF");
            }
            SpatialReferenceSystem srs = OutputSrs.forCrs(opened, layer.crs(), layer.crsWkt());
            this.table = opened.createFeatureTable(metadata(srs));
            this.inserter = new PointInserter(connection, layer.name(), columns, layer.sourceId().type(), srs.getSrsId());
        } catch (SQLException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            deleteTree(temporary);
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IOException("Cannot create layer '" + layer.name() + "' in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(FeatureBatch rows, int[] labels, byte[] split, KeptValues kept) throws IOException {
        ensureWritable();
        int n = rows.size();
        if (labels.length < n || split.length < n) {
            throw new IllegalArgumentException("labels and split must hold " + n + " values");
        }
        try {
            inserter.insert(rows, labels, split, kept);
        } catch (SQLException e) {
            throw new IOException("Cannot write layer '" + layer.name() + "': " + e.getMessage(), e);
        }
        rowsWritten += n;
    }

    @Override
    public PublishedLayer commit(String sld) throws IOException {
        ensureWritable();
        try {
            inserter.finish();
            storeExtent(inserter.extent());
            if (spatialIndex) {
                new RTreeIndexExtension(geoPackage).create(table);
            }
        } catch (SQLException | GeoPackageException e) {
            throw new IOException("Cannot finish layer '" + layer.name() + "': " + e.getMessage(), e);
        }
        closeDatabase();
        sync(temporaryData);
        Files.writeString(temporaryStyle, sld, StandardCharsets.UTF_8);
        sync(temporaryStyle);
        publish();
        committed = true;
        deleteTree(temporary);
        return new PublishedLayer(layer.name(), data.toString(), style.toString(), rowsWritten);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            closeDatabase();
            deleteTree(temporary);
        }
    }

    /** The style goes first so that whoever sees the new data file also finds its style. */
    private void publish() throws IOException {
        if (!overwrite && (Files.exists(data) || Files.exists(style))) {
            throw new IOException("Layer '" + layer.name() + "' appeared in " + data.getParent()
                    + " while it was being written; pass --overwrite to replace it");
        }
        CopyOption[] options = overwrite
                ? new CopyOption[] {StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING}
                : new CopyOption[] {StandardCopyOption.ATOMIC_MOVE};
        Files.move(temporaryStyle, style, options);
        try {
            Files.move(temporaryData, data, options);
        } catch (IOException e) {
            if (!overwrite) {
                Files.deleteIfExists(style);
            }
            throw e;
        }
    }

    private void ensureWritable() {
        if (closed || committed) {
            throw new IllegalStateException("layer '" + layer.name() + "' is already " + (committed ? "committed" : "closed"));
        }
    }

    private FeatureTableMetadata metadata(SpatialReferenceSystem srs) {
        GeometryColumns geometry = new GeometryColumns();
        geometry.setId(new TableColumnKey(layer.name(), columns.geometry));
        geometry.setGeometryType(GeometryType.POINT);
        geometry.setZ((byte) 0);
        geometry.setM((byte) 0);
        geometry.setSrs(srs);
        List<FeatureColumn> attributes = new ArrayList<>();
        attributes.add(FeatureColumn.createColumn(columns.sourceId, dataType(layer.sourceId().type())));
        attributes.add(FeatureColumn.createColumn(OutputColumns.CLUSTER, GeoPackageDataType.INTEGER));
        attributes.add(FeatureColumn.createColumn(OutputColumns.SPLIT, GeoPackageDataType.TEXT));
        for (int k = 0; k < columns.kept.size(); k++) {
            if (columns.kept.get(k) != null) {
                AttributeInfo a = layer.kept().get(k);
                attributes.add(FeatureColumn.createColumn(columns.kept.get(k), dataType(a.type())));
            }
        }
        return FeatureTableMetadata.create(geometry, columns.pk, true, attributes);
    }

    private static GeoPackageDataType dataType(AttributeType type) {
        switch (type) {
            case INTEGER: return GeoPackageDataType.INTEGER;
            case REAL: return GeoPackageDataType.DOUBLE;
            default: return GeoPackageDataType.TEXT;
        }
    }

    private void closeDatabase() {
        if (!databaseClosed) {
            databaseClosed = true;
            try {
                inserter.close();
            } catch (SQLException ignored) {
                // closing the database below finalises the statements anyway
            }
            geoPackage.close();
        }
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Stores the extent in {@code gpkg_contents}, for clients that zoom to the layer. */
    private void storeExtent(double[] extent) throws SQLException {
        if (extent == null) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?")) {
            for (int i = 0; i < 4; i++) {
                update.setDouble(i + 1, extent[i]);
            }
            update.setString(5, layer.name());
            update.executeUpdate();
        }
    }
}
