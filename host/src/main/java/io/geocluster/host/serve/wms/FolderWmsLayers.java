package io.geocluster.host.serve.wms;

import io.geocluster.host.raster.GeoTiffGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The layers of one folder (not its subfolders): every {@code <name>.gpkg} point GeoPackage,
 * {@code <name>.csv} EGMS-style point CSV and {@code <name>.tif}/{@code .tiff} single-band
 * GeoTIFF whose name is safe
 * ({@link LayerNames}), styled by {@code <name>.sld} when present. A raster without its own SLD
 * takes {@code <prefix>.sld} for the longest prefix such that the name is
 * {@code <prefix>_<scene>}, which is how an IIkMC run publishes one style for all its scenes.
 *
 * <p>Hidden files and folders (a sink's uncommitted temporary output) and symbolic links are
 * ignored, and a name is only ever resolved as a plain file directly inside the folder, so no
 * request can reach a file elsewhere. Files that cannot be read are left out of the list, with a
 * log line. The CRS and extent of each file are cached until the file changes.
 *
 * <p><b>Thread safety:</b> thread-safe.
 */
public final class FolderWmsLayers implements WmsLayers {
    private static final Logger LOG = Logger.getLogger(FolderWmsLayers.class.getName());
    private static final List<String> POINT_EXTENSIONS = List.of(".gpkg", ".csv");
    private static final List<String> RASTER_EXTENSIONS = List.of(".tif", ".tiff");
    private static final List<String> ALL_EXTENSIONS = List.of(".gpkg", ".csv", ".tif", ".tiff");

    private final Path folder;
    /** CRS and extent per file; a workspace of more layers than this only re-reads some of them. */
    private final FileCache<WmsLayer> cache = new FileCache<>(4096);

    /** @param folder the folder whose files are the layers; it need not exist yet */
    public FolderWmsLayers(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** The folder served. */
    public Path folder() {
        return folder;
    }

    @Override
    public List<WmsLayer> layers() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<WmsLayer> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.sorted(Comparator.comparing(Path::toString)).toList();
        }
        // As in the host's workspace: when files share a base name, the one found first in
        // extension order (GeoPackage, CSV, GeoTIFF) keeps it and the others go by file name.
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (String ext : ALL_EXTENSIONS) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                int dot = file.lastIndexOf('.');
                if (dot <= 0 || !file.substring(dot).toLowerCase(Locale.ROOT).equals(ext)) {
                    continue;
                }
                String name = taken.add(file.substring(0, dot)) ? file.substring(0, dot) : file;
                LayerKind kind = kindOf(ext);
                if (LayerNames.isSafe(name)) {
                    describe(f, name, kind).ifPresent(out::add);
                }
            }
        }
        out.sort(Comparator.comparing(WmsLayer::name));
        return out;
    }

    @Override
    public Optional<WmsLayer> layer(String name) throws IOException {
        if (!LayerNames.isSafe(name)) {
            return Optional.empty();
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            // A layer listed by its file name because another file took its base name.
            String ext = name.substring(dot).toLowerCase(Locale.ROOT);
            LayerKind kind = kindOf(ext);
            if (kind != null && baseNameTaken(name.substring(0, dot), ext)) {
                Path f = folder.resolve(name).normalize();
                if (folder.equals(f.getParent())) {
                    Optional<WmsLayer> l = describe(f, name, kind);
                    if (l.isPresent()) {
                        return l;
                    }
                }
            }
        }
        for (String ext : POINT_EXTENSIONS) {
            Optional<WmsLayer> l = candidate(name, ext, LayerKind.POINTS);
            if (l.isPresent()) {
                return l;
            }
        }
        for (String ext : RASTER_EXTENSIONS) {
            Optional<WmsLayer> l = candidate(name, ext, LayerKind.RASTER);
            if (l.isPresent()) {
                return l;
            }
        }
        return Optional.empty();
    }

    private Optional<WmsLayer> candidate(String name, String ext, LayerKind kind) throws IOException {
        Path f = folder.resolve(name + ext).normalize();
        // Belt and braces: the safe-name rule already keeps the file inside the folder.
        if (!folder.equals(f.getParent())) {
            return Optional.empty();
        }
        return describe(f, name, kind);
    }

    /** Whether a file of an extension listed before {@code ext} holds {@code base}, so a file {@code base + ext} goes by its file name. */
    private boolean baseNameTaken(String base, String ext) {
        for (String e : ALL_EXTENSIONS) {
            if (e.equals(ext)) {
                return false;
            }
            if (Files.isRegularFile(folder.resolve(base + e), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a point layer's file is a CSV (rather than a GeoPackage). */
    static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private static LayerKind kindOf(String ext) {
        if (POINT_EXTENSIONS.contains(ext)) {
            return LayerKind.POINTS;
        }
        return RASTER_EXTENSIONS.contains(ext) ? LayerKind.RASTER : null;
    }

    /** The layer of a file, read or from the cache; empty when it is not a plain readable layer file. */
    private Optional<WmsLayer> describe(Path f, String name, LayerKind kind) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!a.isRegularFile()) {
            return Optional.empty();
        }
        WmsLayer l;
        try {
            l = cache.get(f, file -> read(file, name, kind, Files.getLastModifiedTime(file).toMillis()));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "not serving {0}: {1}", new Object[] {f.getFileName(), e.getMessage()});
            return Optional.empty();
        }
        // The style may appear or change after the data: look it up every time.
        return Optional.of(new WmsLayer(l.name(), l.title(), l.kind(), l.crs(), l.bounds(), l.data(),
                styleOf(name, kind), l.modified()));
    }

    private WmsLayer read(Path f, String name, LayerKind kind, long modified) throws IOException {
        if (kind == LayerKind.POINTS && isCsv(f)) {
            return new WmsLayer(name, name, kind, CsvPoints.crs(f), CsvPoints.bounds(f), f, null, modified);
        }
        if (kind == LayerKind.POINTS) {
            GeoPackageTable t = GeoPackageTable.read(f, name, true);
            String title = t.hasCluster() ? name + " (clusters)" : name;
            return new WmsLayer(name, title, kind, t.crs(), t.bounds(), f, null, modified);
        }
        GeoTiffGrid g = RasterPainter.band(f).grid();
        Bounds b = new Bounds(g.originX(), g.originY() + g.height() * g.pixelSizeY(),
                g.originX() + g.width() * g.pixelSizeX(), g.originY());
        return new WmsLayer(name, name, kind, g.epsg() == 0 ? null : "EPSG:" + g.epsg(), b, f, null, modified);
    }

    /** {@code <name>.sld}, or for rasters the SLD of the longest {@code <prefix>_} of the name. */
    private Path styleOf(String name, LayerKind kind) {
        Path own = folder.resolve(name + ".sld");
        if (Files.isRegularFile(own, LinkOption.NOFOLLOW_LINKS)) {
            return own;
        }
        if (kind == LayerKind.RASTER) {
            for (int i = name.lastIndexOf('_'); i > 0; i = name.lastIndexOf('_', i - 1)) {
                Path shared = folder.resolve(name.substring(0, i) + ".sld");
                if (Files.isRegularFile(shared, LinkOption.NOFOLLOW_LINKS)) {
                    return shared;
                }
            }
        }
        return null;
    }
}
