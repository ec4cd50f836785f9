package io.geocluster.host.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of layers addressed by name only: GeoPackage ({@code .gpkg}), CSV and GeoTIFF
 * ({@code .tif}) files by their base name, and Landsat Collection 2 Level-2 scene folders (a
 * folder holding a {@code *_QA_PIXEL.TIF}) by their folder name, at the top level or one folder
 * down (so {@code test-data/} with its {@code landsat/} folder works as it is).
 *
 * <p>Names never become paths directly: a name must match {@link #NAME} and is looked up in the
 * listing, so no name can reach outside the folder (no {@code ..}, separators, absolute paths or
 * control characters). When two files share a base name (a {@code .gpkg} and a {@code .csv} of
 * the same catalogue), the first in the order GeoPackage, CSV, GeoTIFF, scene keeps the base name
 * and the others are listed by their file name with the extension. Hidden entries
 * (starting with '.') are never layers: they hold the host's temporary files and stored results.
 *
 * <p>Thread safety: stateless apart from the folder; every call lists the folder anew, so
 * layers published while serving appear at once.
 */
public final class Workspace {
    /** What a layer name may look like. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,127}");

    /** Hidden folder for run scratch folders. */
    static final String SCRATCH = ".geocluster-tmp";
    /** Hidden folder for stored execute responses and outputs. */
    static final String RESULTS = ".geocluster-results";

    /** The kinds of layer a workspace holds. */
    public enum Kind {
        /** a GeoPackage point layer */
        GEOPACKAGE,
        /** a CSV point layer */
        CSV,
        /** a single GeoTIFF (published IIkMC class rasters among them) */
        GEOTIFF,
        /** a Landsat Collection 2 Level-2 scene folder */
        LANDSAT_SCENE
    }

    /**
     * One layer of the workspace.
     *
     * @param name its name
     * @param kind its kind
     * @param path its file or folder
     * @param style the SLD beside it ({@code <base>.sld}), when there is one
     */
    public record Layer(String name, Kind kind, Path path, Optional<Path> style) {
        /** Checks every part is present. */
        public Layer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(style, "style");
        }

        /** Whether this layer holds points (as opposed to a raster or scene). */
        public boolean isVector() {
            return kind == Kind.GEOPACKAGE || kind == Kind.CSV;
        }
    }

    private final Path root;

    /**
     * @param root the folder; must exist
     * @throws IllegalArgumentException when it is not a folder
     */
    public Workspace(Path root) {
        Path r = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(r)) {
            throw new IllegalArgumentException("Workspace " + root + " is not a folder");
        }
        this.root = r;
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** The name the host publishes this workspace under (the folder's name, when it is a valid name). */
    public String name() {
        String n = root.getFileName() == null ? "" : root.getFileName().toString();
        return NAME.matcher(n).matches() ? n : "workspace";
    }

    /** Whether {@code name} is syntactically a layer name (it may still not exist). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    /** Every layer, sorted by name. */
    public List<Layer> layers() {
        Map<String, List<Layer>> byBase = new TreeMap<>();
        try (Stream<Path> top = Files.list(root)) {
            for (Path p : (Iterable<Path>) top.sorted()::iterator) {
                String file = p.getFileName().toString();
                if (file.startsWith(".") || Files.isSymbolicLink(p)) {
                    continue; // hidden: the host's own files; links could point anywhere
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (isScene(p)) {
                        add(byBase, file, Kind.LANDSAT_SCENE, p);
                    } else {
                        try (Stream<Path> inner = Files.list(p)) {
                            for (Path q : (Iterable<Path>) inner.sorted()::iterator) {
                                String qn = q.getFileName().toString();
                                if (!qn.startsWith(".") && Files.isDirectory(q, LinkOption.NOFOLLOW_LINKS) && isScene(q)) {
                                    add(byBase, qn, Kind.LANDSAT_SCENE, q);
                                }
                            }
                        }
                    }
                    continue;
                }
                String lower = file.toLowerCase(Locale.ROOT);
                int dot = file.lastIndexOf('.');
                if (dot <= 0) {
                    continue;
                }
                String base = file.substring(0, dot);
                if (lower.endsWith(".gpkg")) {
                    add(byBase, base, Kind.GEOPACKAGE, p);
                } else if (lower.endsWith(".csv")) {
                    add(byBase, base, Kind.CSV, p);
                } else if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
                    add(byBase, base, Kind.GEOTIFF, p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the workspace " + root, e);
        }
        Map<String, Layer> named = new TreeMap<>();
        for (Map.Entry<String, List<Layer>> e : byBase.entrySet()) {
            List<Layer> same = new ArrayList<>(e.getValue());
            same.sort(java.util.Comparator.comparing(Layer::kind)); // GeoPackage before CSV before GeoTIFF
            for (int i = 0; i < same.size(); i++) {
                Layer l = same.get(i);
                String name = i == 0 ? l.name() : l.path().getFileName().toString();
                if (isValidName(name)) {
                    named.put(name, new Layer(name, l.kind(), l.path(), l.style()));
                }
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(named.values()));
    }

    /**
     * The layer of that name.
     *
     * @throws IllegalArgumentException when the name is not a valid name or no such layer exists,
     *         with a message that names it (never the file system path)
     */
    public Layer layer(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("Invalid layer name '" + printable(name) + "': a layer is addressed by"
                    + " its name only (letters, digits, '_', '-', '.'; no paths)");
        }
        for (Layer l : layers()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("No layer named '" + name + "' in the workspace");
    }

    /** Layers by name, in listing order. */
    public Map<String, Layer> byName() {
        Map<String, Layer> m = new LinkedHashMap<>();
        for (Layer l : layers()) {
            m.put(l.name(), l);
        }
        return m;
    }

    /** The name with control characters shown as '?', and cut short, for messages. */
    static String printable(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        name.codePoints().limit(80).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return name.length() > 80 ? b + "..." : b.toString();
    }

    private static void add(Map<String, List<Layer>> byBase, String base, Kind kind, Path p) {
        Path sld = p.resolveSibling(base + ".sld");
        Optional<Path> style = Files.isRegularFile(sld) ? Optional.of(sld) : Optional.empty();
        byBase.computeIfAbsent(base, b -> new ArrayList<>()).add(new Layer(base, kind, p, style));
    }

    private static boolean isScene(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().toUpperCase(Locale.ROOT).endsWith("_QA_PIXEL.TIF"));
        }
    }
}
