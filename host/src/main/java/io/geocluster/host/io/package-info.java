/**
 * The host's local-file implementation of the layer reader/publisher SPI
 * ({@link io.geocluster.plugin.spi}): point layers read from OGC GeoPackage 1.3 files and
 * EGMS-style CSV files, result layers written as GeoPackage files with an SLD 1.0 style beside
 * them.
 *
 * <p>GeoPackage metadata and geometry blobs go through NGA's geopackage-java (the maintained codec
 * of the standard's binary geometry format); the row data goes through plain JDBC on the same
 * SQLite connection, because per-row objects would cost more than the clustering itself.
 */
package io.geocluster.host.io;
