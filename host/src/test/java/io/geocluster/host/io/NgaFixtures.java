package io.geocluster.host.io;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.Geometry;
import mil.nga.sf.GeometryType;
import mil.nga.sf.LineString;
import mil.nga.sf.Point;

/**
 * GeoPackages written through NGA's own feature API, so that the reader is tested against files
 * it did not write itself.
 */
final class NgaFixtures {
    /** Rows of the {@code stations} table. */
    static final int ROWS = 5_000;

    private NgaFixtures() {
    }

    /** Row i of {@code stations}: NULL {@code weight} every 10th row, NULL geometry every 50th. */
    static Double weight(int i) {
        return i % 10 == 3 ? null : i * 0.25;
    }

    static double x(int i) {
        return 10 + i * 0.001;
    }

    static double y(int i) {
        return 60 - i * 0.002;
    }

    static boolean located(int i) {
        return i % 50 != 7;
    }

    /**
     * Writes {@code stations} (EPSG:4326 points: oid, geom, count INTEGER, weight DOUBLE,
     * ratio FLOAT, flag BOOLEAN, label TEXT, day DATE) and, when asked, {@code tracks} (a line table).
     */
    static void write(Path file, boolean withLineTable) throws SQLException {
        GeoPackageManager.create(file.toFile());
        GeoPackage gp = GeoPackageManager.open(file.toFile());
        try {
            SpatialReferenceSystem wgs84 = gp.getSpatialReferenceSystemDao().getOrCreateFromEpsg(4326);
            List<FeatureColumn> columns = new ArrayList<>();
            columns.add(FeatureColumn.createColumn("count", GeoPackageDataType.INTEGER));
            columns.add(FeatureColumn.createColumn("weight", GeoPackageDataType.DOUBLE));
            columns.add(FeatureColumn.createColumn("ratio", GeoPackageDataType.FLOAT));
            columns.add(FeatureColumn.createColumn("flag", GeoPackageDataType.BOOLEAN));
            columns.add(FeatureColumn.createColumn("label", GeoPackageDataType.TEXT));
            columns.add(FeatureColumn.createColumn("day", GeoPackageDataType.DATE));
            gp.createFeatureTable(FeatureTableMetadata.create(geometryColumns("stations", GeometryType.POINT, wgs84),
                    "oid", columns));
            FeatureDao dao = gp.getFeatureDao("stations");
            gp.getConnection().beginTransaction();
            for (int i = 0; i < ROWS; i++) {
                FeatureRow row = dao.newRow();
                row.setGeometry(located(i) ? geometry(wgs84, new Point(x(i), y(i))) : null);
                row.setValue("count", (long) i * 3);
                row.setValue("weight", weight(i));
                row.setValue("ratio", (float) (i % 7) / 8);
                row.setValue("flag", i % 2 == 0);
                row.setValue("label", "s" + i);
                row.setValue("day", null);
                dao.create(row);
            }
            gp.getConnection().endTransaction(true);
            if (withLineTable) {
                gp.createFeatureTable(FeatureTableMetadata.create(geometryColumns("tracks", GeometryType.LINESTRING, wgs84),
                        "id", List.of()));
                FeatureDao tracks = gp.getFeatureDao("tracks");
                FeatureRow row = tracks.newRow();
                LineString line = new LineString();
                line.addPoint(new Point(0, 0));
                line.addPoint(new Point(1, 1));
                row.setGeometry(geometry(wgs84, line));
                tracks.create(row);
            }
        } finally {
            gp.close();
        }
    }

    private static GeometryColumns geometryColumns(String table, GeometryType type, SpatialReferenceSystem srs) {
        GeometryColumns g = new GeometryColumns();
        g.setId(new TableColumnKey(table, "geom"));
        g.setGeometryType(type);
        g.setZ((byte) 0);
        g.setM((byte) 0);
        g.setSrs(srs);
        return g;
    }

    private static GeoPackageGeometryData geometry(SpatialReferenceSystem srs, Geometry geometry) {
        return GeoPackageGeometryData.create(srs.getSrsId(), geometry);
    }
}
