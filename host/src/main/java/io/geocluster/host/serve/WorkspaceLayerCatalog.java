package io.geocluster.host.serve;

import io.geocluster.host.io.GeoPackagePointSink;
import io.geocluster.host.io.LocalLayers;
import io.geocluster.host.raster.FolderRasterSink;
import io.geocluster.host.raster.LandsatSceneSource;
import io.geocluster.plugin.raster.QaMask;
import io.geocluster.plugin.spi.LayerCatalog;
import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerSource;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import io.geocluster.plugin.spi.RasterSink;
import io.geocluster.plugin.spi.RasterWriter;
import io.geocluster.plugin.spi.SceneSource;
import java.io.IOException;
import java.util.stream.Stream;
import java.util.Locale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@link LayerCatalog} of {@code geocluster serve}: reads layers of a {@link Workspace} by
 * name and publishes results into the same folder (a GeoPackage plus its SLD for point results,
 * one GeoTIFF per scene plus a shared SLD for IIkMC), where they are listed as layers at once.
 *
 * <p>Publishing never replaces an existing file: a result whose name is taken is refused before
 * the run starts, so no run can overwrite a source layer. Both sinks write into a hidden temporary
 * folder and rename on commit, so a failed or cancelled run leaves the workspace as it was.
 * Scratch folders live under the hidden {@code .geocluster-tmp} of the workspace.
 *
 * <p>Inputs larger than a limit (the bytes of a layer's file, or of a scene folder's band files)
 * are refused before they are read, so that one request cannot occupy the host with a layer it was
 * not sized for.
 */
public final class WorkspaceLayerCatalog implements LayerCatalog {
    /** Default input limit: 64 GiB, well beyond the bundled data, well under a full disk. */
    public static final long DEFAULT_MAX_INPUT_BYTES = 64L << 30;

    private final Workspace workspace;
    private final long maxInputBytes;

    /** @param workspace the folder read from and published into */
    public WorkspaceLayerCatalog(Workspace workspace) {
        this(workspace, DEFAULT_MAX_INPUT_BYTES);
    }

    /**
     * @param workspace the folder read from and published into
     * @param maxInputBytes the largest input accepted, in bytes of its files
     */
    public WorkspaceLayerCatalog(Workspace workspace, long maxInputBytes) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        if (maxInputBytes < 1) {
            throw new IllegalArgumentException("maxInputBytes must be positive, got " + maxInputBytes);
        }
        this.maxInputBytes = maxInputBytes;
    }

    /** Refuses an input whose files hold more than the limit. */
    private void checkSize(String name, Path path) throws IOException {
        long bytes;
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                bytes = 0;
                for (Path f : files.toList()) {
                    bytes += Files.isRegularFile(f) ? Files.size(f) : 0;
                }
            }
        } else {
            bytes = Files.size(path);
        }
        if (bytes > maxInputBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Layer '%s' holds %,d bytes; this host accepts inputs of at most %,d bytes (--maxInputBytes).",
                    name, bytes, maxInputBytes));
        }
    }

    /** The workspace. */
    public Workspace workspace() {
        return workspace;
    }

    @Override
    public LayerSource openPoints(String layer) throws IOException {
        Workspace.Layer l = workspace.layer(layer);
        if (!l.isVector()) {
            throw new IllegalArgumentException("Layer '" + layer + "' is a " + l.kind() + ", not a point layer");
        }
        checkSize(layer, l.path());
        return LocalLayers.open(l.path());
    }

    @Override
    public SceneSource openScene(String scene, List<String> bands, QaMask mask) throws IOException {
        Workspace.Layer l = workspace.layer(scene);
        if (l.kind() != Workspace.Kind.LANDSAT_SCENE) {
            throw new IllegalArgumentException("Layer '" + scene + "' is not a Landsat scene folder");
        }
        checkSize(scene, l.path());
        return LandsatSceneSource.open(l.path(), bands, mask);
    }

    @Override
    public LayerSink pointSink(String workspaceName) {
        checkWorkspace(workspaceName);
        GeoPackagePointSink files = new GeoPackagePointSink(workspace.root(), false, true);
        return new LayerSink() {
            @Override
            public void checkWritable(String layerName) throws IOException {
                checkFree(layerName, ".gpkg", ".sld");
                files.checkWritable(layerName);
            }

            @Override
            public LayerWriter create(OutputLayer layer) throws IOException {
                checkWritable(layer.name());
                return files.create(layer);
            }
        };
    }

    @Override
    public RasterSink rasterSink(String workspaceName) {
        checkWorkspace(workspaceName);
        FolderRasterSink files = new FolderRasterSink(workspace.root(), false);
        return new RasterSink() {
            @Override
            public void checkWritable(List<String> layerNames) throws IOException {
                for (String name : layerNames) {
                    checkFree(name, ".tif");
                }
                files.checkWritable(layerNames);
            }

            @Override
            public RasterWriter create() throws IOException {
                return files.create();
            }
        };
    }

    /**
     * Refuses a result name that is taken, in the words of a WPS user (the file sinks' own
     * messages name paths and the command line's --overwrite). The sinks check again at commit,
     * so two runs racing for one name cannot both publish.
     */
    private void checkFree(String layerName, String... extensions) {
        if (!Workspace.isValidName(layerName)) {
            throw new IllegalArgumentException("Invalid output name '" + Workspace.printable(layerName) + "'");
        }
        for (String ext : extensions) {
            if (Files.exists(workspace.root().resolve(layerName + ext))) {
                throw new IllegalArgumentException("The workspace already has a layer or style named '" + layerName
                        + "'; choose another outputName (results never replace existing layers)");
            }
        }
    }

    /**
     * The CSV file of a CSV layer, for {@code engine=spark}; the workspace's other kinds are refused
     * (Spark reads CSV and Parquet, not GeoPackage or GeoTIFF). Size-limited like any input.
     */
    @Override
    public String sparkInput(String layer) throws IOException {
        Workspace.Layer l = workspace.layer(layer);
        if (l.kind() != Workspace.Kind.CSV) {
            throw new IllegalArgumentException("engine=spark needs a CSV or Parquet-backed layer; '" + layer + "' is "
                    + l.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ". Use engine=local, or add the"
                    + " layer to the workspace as a .csv file.");
        }
        checkSize(layer, l.path());
        return l.path().toAbsolutePath().toString();
    }

    @Override
    public Path createScratchDirectory() throws IOException {
        Path parent = Files.createDirectories(workspace.root().resolve(Workspace.SCRATCH));
        return Files.createTempDirectory(parent, "run-");
    }

    /** This host has one workspace: absent, empty, or its own name are accepted. */
    private void checkWorkspace(String name) {
        if (name != null && !name.isEmpty() && !name.equals(workspace.name())) {
            throw new IllegalArgumentException("Unknown workspace '" + Workspace.printable(name) + "': this host publishes"
                    + " into its only workspace, '" + workspace.name() + "'");
        }
    }
}
