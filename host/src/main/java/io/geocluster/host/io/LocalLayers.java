package io.geocluster.host.io;

import io.geocluster.plugin.spi.LayerSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a local layer file as a {@link LayerSource}, choosing the reader by file extension:
 * {@code .gpkg} (optionally {@code file.gpkg#table} to name one of several feature tables) or
 * {@code .csv}.
 */
public final class LocalLayers {
    private LocalLayers() {
    }

    /**
     * Opens the layer at {@code path}.
     *
     * @throws FileNotFoundException when there is no such file
     * @throws IllegalArgumentException when the extension is not supported
     * @throws IOException when the file cannot be read as a layer
     */
    public static LayerSource open(Path path) throws IOException {
        Path file = path;
        String table = null;
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int hash = name.lastIndexOf('#');
        // '#' is legal in file names: only read it as a table selector when no such file exists
        if (hash > 0 && !Files.exists(path)) {
            file = path.resolveSibling(name.substring(0, hash));
            table = name.substring(hash + 1);
            name = name.substring(0, hash);
        }
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("Layer file not found: " + path);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gpkg")) {
            return new GeoPackagePointSource(file, table == null || table.isEmpty() ? null : table)
                    .withReaders(Math.min(4, Runtime.getRuntime().availableProcessors()));
        }
        if (table != null) {
            throw new IllegalArgumentException("Only GeoPackage layers take a '#table' suffix: " + path);
        }
        if (lower.endsWith(".csv")) {
            return new CsvPointSource(file);
        }
        throw new IllegalArgumentException("Unsupported layer file " + path + ": expected a .gpkg or .csv file");
    }
}
