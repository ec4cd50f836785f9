package io.geocluster.host.testdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import mil.nga.geopackage.BoundingBox;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.contents.Contents;
import mil.nga.geopackage.contents.ContentsDao;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import io.geocluster.host.io.WellKnownCrs;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.GeometryType;
import mil.nga.sf.Point;

/**
 * Writes the catalogue as a GeoPackage with one point feature table in EPSG:3035.
 *
 * <p>NGA geopackage-java creates the file, the spatial reference system, the feature table and its
 * gpkg_contents / gpkg_geometry_columns entries, and encodes the geometry blobs; rows go in through
 * one plain JDBC prepared statement in large transactions, because NGA's per-row DAO path is an
 * order of magnitude slower. The gpkg_contents bounds are the extent of the points written.
 */
final class GeoPackageCatalogueWriter implements CatalogueSink {
    /** Rows per transaction: large enough to amortise the commit, small enough to bound the journal. */
    private static final int ROWS_PER_TRANSACTION = 100_000;

    private static final String LAEA_EUROPE_NAME = "ETRS89-extended / LAEA Europe";
    private static final String LAEA_EUROPE_WKT = WellKnownCrs.EPSG_3035;

    private final Path target;
    private final Path temporary;
    private final GeoPackage geoPackage;
    private final Connection connection;
    private final PreparedStatement insert;
    private final long srsId;
    private final int dateCount;
    private long pending;
    private double minX = Double.POSITIVE_INFINITY;
    private double minY = Double.POSITIVE_INFINITY;
    private double maxX = Double.NEGATIVE_INFINITY;
    private double maxY = Double.NEGATIVE_INFINITY;
    private boolean finished;
    private boolean published;

    GeoPackageCatalogueWriter(Path target, LocalDate[] dates) throws IOException {
        this.target = target.toAbsolutePath();
        this.dateCount = dates.length;
        // NGA insists on a .gpkg extension and on a file that does not exist yet.
        this.temporary = this.target.resolveSibling(
                "." + this.target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".gpkg");
        GeoPackage gpkg = null;
        try {
            GeoPackageManager.create(temporary.toFile());
            gpkg = GeoPackageManager.open(temporary.toFile());
            SpatialReferenceSystem srs = laeaEurope(gpkg);
            srsId = srs.getSrsId();

            GeometryColumns geometryColumns = new GeometryColumns();
            geometryColumns.setTableName(InsarCatalogueGenerator.TABLE_NAME);
            geometryColumns.setColumnName(InsarCatalogueGenerator.GEOMETRY_COLUMN);
            geometryColumns.setGeometryType(GeometryType.POINT);
            geometryColumns.setZ((byte) 0);
            geometryColumns.setM((byte) 0);
            geometryColumns.setSrs(srs);

            List<FeatureColumn> columns = new ArrayList<>();
            List<String> names = new ArrayList<>();
            columns.add(FeatureColumn.createColumn("pid", GeoPackageDataType.TEXT, true));
            names.add("pid");
            for (int c = CatalogueRow.FIRST_GPKG_SCALAR; c < CatalogueRow.SCALAR_NAMES.length; c++) {
                columns.add(FeatureColumn.createColumn(CatalogueRow.SCALAR_NAMES[c], GeoPackageDataType.REAL, true));
                names.add(CatalogueRow.SCALAR_NAMES[c]);
            }
            for (LocalDate date : dates) {
                String name = DateTimeFormatter.BASIC_ISO_DATE.format(date);
                columns.add(FeatureColumn.createColumn(name, GeoPackageDataType.REAL, true));
                names.add(name);
            }
            columns.add(FeatureColumn.createColumn("truth", GeoPackageDataType.INTEGER, true));
            names.add("truth");
            gpkg.createFeatureTable(FeatureTableMetadata.create(geometryColumns, InsarCatalogueGenerator.ID_COLUMN,
                    columns, areaBounds()));

            StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(InsarCatalogueGenerator.TABLE_NAME))
                    .append(" (").append(quote(InsarCatalogueGenerator.ID_COLUMN)).append(", ")
                    .append(quote(InsarCatalogueGenerator.GEOMETRY_COLUMN));
            for (String name : names) {
                sql.append(", ").append(quote(name)); // date columns start with a digit: must be quoted
            }
            sql.append(") VALUES (?, ?");
            for (int i = 0; i < names.size(); i++) {
                sql.append(", ?");
            }
            sql.append(')');

            connection = gpkg.getConnection().getConnection();
            try (Statement pragma = connection.createStatement()) {
                // The file is a temporary one until finish(): a crash loses nothing worth syncing.
                pragma.execute("PRAGMA synchronous = OFF");
            }
            connection.setAutoCommit(false);
            insert = connection.prepareStatement(sql.toString());
            geoPackage = gpkg;
        } catch (SQLException | RuntimeException e) {
            if (gpkg != null) {
                gpkg.close();
            }
            Files.deleteIfExists(temporary);
            throw new IOException("cannot create GeoPackage " + temporary + ": " + e.getMessage(), e);
        }
    }

    /**
     * Inserts EPSG:3035 into gpkg_spatial_ref_sys. NGA 6.6.5's getOrCreateCode only knows a handful
     * of codes and rejects 3035 ("Spatial Reference System not supported for metadata creation"),
     * so the row is written here exactly as GDAL/PROJ write it (OGC WKT 1 with EPSG authorities).
     */
    private static SpatialReferenceSystem laeaEurope(GeoPackage gpkg) throws SQLException {
        SpatialReferenceSystem srs = new SpatialReferenceSystem();
        srs.setSrsName(LAEA_EUROPE_NAME);
        srs.setSrsId(InsarCatalogueGenerator.SRS_ID);
        srs.setOrganization("EPSG");
        srs.setOrganizationCoordsysId(InsarCatalogueGenerator.SRS_ID);
        srs.setDefinition(LAEA_EUROPE_WKT);
        srs.setDescription(LAEA_EUROPE_NAME + ", as used by the European Ground Motion Service");
        gpkg.getSpatialReferenceSystemDao().create(srs);
        return srs;
    }

    private static BoundingBox areaBounds() {
        return new BoundingBox(CatalogueModel.MIN_EASTING, CatalogueModel.MIN_NORTHING,
                CatalogueModel.MIN_EASTING + CatalogueModel.SIDE, CatalogueModel.MIN_NORTHING + CatalogueModel.SIDE);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public void accept(CatalogueRow row) throws IOException {
        double x = row.scalar(CatalogueRow.EASTING);
        double y = row.scalar(CatalogueRow.NORTHING);
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
        try {
            int p = 1;
            insert.setLong(p++, row.fid);
            insert.setBytes(p++, new GeoPackageGeometryData(srsId, new Point(x, y)).toBytes());
            insert.setString(p++, row.pid);
            for (int c = CatalogueRow.FIRST_GPKG_SCALAR; c < row.scalars.length; c++) {
                insert.setDouble(p++, row.scalar(c));
            }
            for (int j = 0; j < dateCount; j++) {
                insert.setDouble(p++, row.displacement(j));
            }
            insert.setInt(p, row.truth);
            insert.executeUpdate();
            if (++pending == ROWS_PER_TRANSACTION) {
                connection.commit();
                pending = 0;
            }
        } catch (SQLException e) {
            throw new IOException("cannot insert point " + row.pid + " into " + temporary + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void finish() throws IOException {
        try {
            insert.close();
            connection.commit();
            connection.setAutoCommit(true);
            ContentsDao contentsDao = geoPackage.getContentsDao();
            Contents contents = contentsDao.queryForId(InsarCatalogueGenerator.TABLE_NAME);
            if (minX <= maxX) {
                contents.setMinX(minX);
                contents.setMinY(minY);
                contents.setMaxX(maxX);
                contents.setMaxY(maxY);
            }
            contents.setLastChange(lastChange());
            contentsDao.update(contents);
        } catch (SQLException e) {
            throw new IOException("cannot complete GeoPackage " + temporary + ": " + e.getMessage(), e);
        }
        geoPackage.close();
        finished = true;
    }

    @Override
    public void publish() throws IOException {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        published = true;
    }

    /**
     * Now, unless SOURCE_DATE_EPOCH (the reproducible-builds convention) fixes it: gpkg_contents'
     * last_change is the only thing that otherwise makes two runs with one seed differ in bytes.
     */
    private static Date lastChange() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && epoch.matches("\\d{1,12}")) {
            return new Date(Long.parseLong(epoch) * 1000);
        }
        return new Date();
    }

    @Override
    public void close() throws IOException {
        if (published) {
            return;
        }
        try {
            if (!finished) {
                try {
                    insert.close();
                    connection.rollback();
                } catch (SQLException e) {
                    // The file is deleted below; a failed rollback changes nothing.
                }
                geoPackage.close();
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
