package io.geocluster.plugin.geoserver;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names result layers may take: for vector results, plain identifiers that are at once a
 * valid GeoServer layer name and SQLite table name; for label rasters and styles, names that are
 * also safe file names.
 */
final class OutputNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private OutputNames() {
    }

    /**
     * @throws IllegalArgumentException when the name is not 1 to 63 letters, digits and
     *         underscores not starting with a digit, or starts with a prefix GeoPackage reserves
     */
    static void check(String name) {
        Objects.requireNonNull(name, "outputName");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid outputName '" + name + "': use 1 to 63 letters, digits"
                    + " and underscores, not starting with a digit");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("gpkg_") || lower.startsWith("sqlite_") || lower.startsWith("rtree_")) {
            throw new IllegalArgumentException("Invalid outputName '" + name
                    + "': the prefixes gpkg_, sqlite_ and rtree_ are reserved by GeoPackage");
        }
    }

    /**
     * @throws IllegalArgumentException when the name is not 1 to 128 letters, digits, '_', '-' and
     *         '.', starting with a letter, a digit or '_'
     */
    static void checkFileName(String name) {
        Objects.requireNonNull(name, "outputName");
        if (!FILE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid output name '" + name + "': use 1 to 128 letters, digits, '_',"
                    + " '-' and '.', starting with a letter, a digit or '_'");
        }
    }
}
