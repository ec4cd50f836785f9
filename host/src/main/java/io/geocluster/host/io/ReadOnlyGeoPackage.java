package io.geocluster.host.io;

import com.j256.ormlite.jdbc.JdbcSingleConnectionSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageImpl;
import mil.nga.geopackage.db.GeoPackageConnection;
import mil.nga.geopackage.validate.GeoPackageValidate;
import org.sqlite.SQLiteConfig;

/**
 * Opens a GeoPackage through NGA's API over a single connection that SQLite itself keeps
 * read-only.
 *
 * <p>{@code GeoPackageManager.open} always opens the file for writing (its {@code writable} flag
 * only stops NGA from registering R-tree functions), and its ORMLite DAOs use a second connection
 * of their own. Here both go through one read-only connection, so no code path, ours or NGA's,
 * can change the source file.
 */
final class ReadOnlyGeoPackage {
    private ReadOnlyGeoPackage() {
    }

    /**
     * Opens {@code file} read-only and checks it holds the GeoPackage core tables.
     *
     * @throws IOException when the file cannot be opened or is not a GeoPackage
     */
    static GeoPackage open(Path file) throws IOException {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        Connection connection;
        try {
            connection = config.createConnection(url);
        } catch (SQLException e) {
            throw new IOException("Cannot open GeoPackage " + file + ": " + e.getMessage(), e);
        }
        GeoPackage geoPackage = null;
        try {
            GeoPackageConnection database = new GeoPackageConnection(file.toFile(), connection,
                    new JdbcSingleConnectionSource(url, connection));
            // GeoPackageImpl's constructors are protected: an empty subclass is the supported way in.
            geoPackage = new GeoPackageImpl(file.getFileName().toString(), file.toFile(), database, false) {
            };
            GeoPackageValidate.validateMinimumTables(geoPackage);
            return geoPackage;
        } catch (SQLException | RuntimeException e) {
            if (geoPackage != null) {
                geoPackage.close();
            } else {
                closeQuietly(connection);
            }
            throw new IOException("Not a readable GeoPackage: " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the open already failed; that failure is the one worth reporting
        }
    }
}
