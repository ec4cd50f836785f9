package io.geocluster.host.io;

import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerSource;
import io.geocluster.plugin.spi.LayerStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureTable;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.GeometryType;

/**
 * Reads the point feature table of a GeoPackage file as a {@link LayerSource}, without ever
 * writing to the file.
 *
 * <p>The feature ids are the table's integer primary key; every other non-geometry column is an
 * attribute. Each pass is one {@code SELECT} ordered by the primary key, streamed row by row in
 * batches of {@value #BATCH_ROWS}, so memory does not grow with the table.
 *
 * <p><b>Limitations:</b> only {@code POINT} (or generic {@code GEOMETRY}) tables holding points;
 * a row whose geometry is NULL or empty gets NaN coordinates.
 *
 * <p><b>Thread safety:</b> the source and its cursors share one SQLite connection; use them from
 * one thread at a time.
 */
public final class GeoPackagePointSource implements LayerSource {
    /** Rows per batch. */
    public static final int BATCH_ROWS = 4096;

    private final Path file;
    private final GeoPackage geoPackage;
    private final Connection connection;
    private final String table;
    private final String pkColumn;
    private final String geometryColumn;
    private final LayerSchema schema;

    /** Threads decoding each pass; see {@link #withReaders}. */
    private int readers = 1;
    private long[] keyRange;

    /**
     * Opens a feature table of a GeoPackage.
     *
     * @param file the {@code .gpkg} file
     * @param table the feature table to read, or {@code null} for the only one the file holds
     * @throws FileNotFoundException when the file does not exist
     * @throws IOException when the file is not a readable GeoPackage
     * @throws IllegalArgumentException when the table does not exist, is ambiguous, or is not a point table
     */
    public GeoPackagePointSource(Path file, String table) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("Layer file not found: " + file);
        }
        this.file = file;
        this.geoPackage = ReadOnlyGeoPackage.open(file);
        try {
            this.connection = geoPackage.getConnection().getConnection();
            this.table = pickTable(table);
            FeatureDao dao = geoPackage.getFeatureDao(this.table);
            GeometryType geometryType = dao.getGeometryType();
            if (geometryType != GeometryType.POINT && geometryType != GeometryType.GEOMETRY) {
                throw new IllegalArgumentException("Table '" + this.table + "' of " + file + " holds " + geometryType
                        + " geometries; only point layers can be read");
            }
            FeatureTable featureTable = dao.getTable();
            if (!featureTable.hasPkColumn()) {
                throw new IllegalArgumentException("Table '" + this.table + "' of " + file + " has no integer primary key");
            }
            this.pkColumn = featureTable.getPkColumnName();
            this.geometryColumn = featureTable.getGeometryColumnName();
            List<AttributeInfo> attributes = new ArrayList<>();
            for (FeatureColumn column : featureTable.getColumns()) {
                if (!column.isPrimaryKey() && !column.isGeometry()) {
                    attributes.add(new AttributeInfo(column.getName(), typeOf(column.getDataType(), column.getType())));
                }
            }
            long srsId = dao.getGeometryColumns().getSrsId();
            this.schema = new LayerSchema(this.table, new AttributeInfo(pkColumn, AttributeType.INTEGER), attributes,
                    crs(srsId), crsWkt(srsId), count());
        } catch (IOException | IllegalArgumentException e) {
            geoPackage.close();
            throw e;
        } catch (SQLException | RuntimeException e) {
            geoPackage.close();
            throw new IOException("Cannot read the feature table of " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LayerSchema schema() {
        return schema;
    }

    @Override
    public LayerStream open(List<String> numeric, List<String> kept) {
        List<AttributeInfo> numericAttributes = AttributeLookup.resolve(schema, numeric, true);
        List<AttributeInfo> keptAttributes = AttributeLookup.resolve(schema, kept, false);
        StringBuilder sql = new StringBuilder("SELECT ").append(quote(pkColumn)).append(", ").append(quote(geometryColumn));
        for (AttributeInfo a : numericAttributes) {
            sql.append(", ").append(quote(a.name()));
        }
        AttributeType[] keptTypes = new AttributeType[keptAttributes.size()];
        for (int i = 0; i < keptTypes.length; i++) {
            sql.append(", ").append(quote(keptAttributes.get(i).name()));
            keptTypes[i] = keptAttributes.get(i).type();
        }
        sql.append(" FROM ").append(quote(table));
        String select = sql.toString();
        String query = select + " ORDER BY " + quote(pkColumn);
        int columns = numericAttributes.size();
        long rows = schema.featureCount();
        return new LayerStream() {
            @Override
            public int columns() {
                return columns;
            }

            // overrides BatchStream.sizeHint where the engine has it; no @Override so both compile
            public long sizeHint() {
                return rows;
            }

            @Override
            public LayerCursor open() throws IOException {
                if (readers > 1) {
                    return new ParallelGeoPackageCursor(file, select, quote(pkColumn), keyRange[0], keyRange[1], columns,
                            keptTypes, BATCH_ROWS, readers);
                }
                return new GeoPackageCursor(connection, query, columns, keptTypes, BATCH_ROWS, file);
            }
        };
    }

    @Override
    public void close() {
        geoPackage.close();
    }

    /**
     * Decodes passes with this many threads (1 = on the calling thread). Worth it for large tables
     * whose keys are dense enough that key-range chunks are mostly full.
     */
    public GeoPackagePointSource withReaders(int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        if (threads > 1 && keyRange == null) {
            keyRange = keyRange();
        }
        boolean dense = keyRange != null && keyRange[1] - keyRange[0] + 1 <= 2 * Math.max(1, schema.featureCount());
        readers = dense ? threads : 1;
        return this;
    }

    private long[] keyRange() throws IOException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT MIN(" + quote(pkColumn) + "), MAX(" + quote(pkColumn)
                        + ") FROM " + quote(table))) {
            rs.next();
            long min = rs.getLong(1);
            return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
        } catch (SQLException e) {
            throw new IOException("Cannot read the key range of " + file + ": " + e.getMessage(), e);
        }
    }

    private String pickTable(String requested) throws IOException {
        List<String> tables = geoPackage.getFeatureTables();
        if (requested != null) {
            if (!tables.contains(requested)) {
                throw new IllegalArgumentException("GeoPackage " + file + " has no feature table '" + requested
                        + "'; feature tables: " + tables);
            }
            return requested;
        }
        if (tables.isEmpty()) {
            throw new IOException("GeoPackage " + file + " holds no feature table");
        }
        if (tables.size() > 1) {
            throw new IllegalArgumentException("GeoPackage " + file + " holds several feature tables " + tables
                    + "; name one (" + file.getFileName() + "#table)");
        }
        return tables.get(0);
    }

    /** The authority code of an SRS, or null for the undefined ones (ids 0 and -1 by the standard). */
    private String crs(long srsId) throws SQLException {
        if (srsId <= 0) {
            return null;
        }
        SpatialReferenceSystem srs = geoPackage.getSpatialReferenceSystemDao().queryForId(srsId);
        if (srs == null || srs.getOrganization() == null || srs.getOrganizationCoordsysId() <= 0
                || srs.getOrganization().isBlank() || srs.getOrganization().equalsIgnoreCase("NONE")) {
            return null;
        }
        return srs.getOrganization().toUpperCase(Locale.ROOT) + ":" + srs.getOrganizationCoordsysId();
    }

    /** The SRS definition when it is real WKT (GeoPackage allows the text "undefined"). */
    private String crsWkt(long srsId) throws SQLException {
        if (srsId <= 0) {
            return null;
        }
        SpatialReferenceSystem srs = geoPackage.getSpatialReferenceSystemDao().queryForId(srsId);
        String definition = srs == null ? null : srs.getDefinition();
        return definition == null || definition.isBlank() || definition.strip().equalsIgnoreCase("undefined") ? null : definition;
    }

    // NGA's count() is an int; catalogues go past 2^31 rows.
    private long count() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Maps a column type to an attribute type: NGA's reading of the GeoPackage type when it knows
     * it, otherwise SQLite's own affinity rules on the declared type.
     */
    static AttributeType typeOf(GeoPackageDataType dataType, String declared) {
        if (dataType != null) {
            switch (dataType) {
                case BOOLEAN: case TINYINT: case SMALLINT: case MEDIUMINT: case INT: case INTEGER:
                    return AttributeType.INTEGER;
                case FLOAT: case DOUBLE: case REAL:
                    return AttributeType.REAL;
                default:
                    return AttributeType.TEXT;
            }
        }
        String t = declared == null ? "" : declared.toUpperCase(Locale.ROOT);
        if (t.contains("INT")) {
            return AttributeType.INTEGER;
        }
        if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") || t.contains("BLOB") || t.isEmpty()) {
            return AttributeType.TEXT;
        }
        return AttributeType.REAL;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
