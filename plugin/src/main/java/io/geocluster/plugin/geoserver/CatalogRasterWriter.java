package io.geocluster.plugin.geoserver;

import io.geocluster.plugin.spi.PublishedLayer;
import io.geocluster.plugin.spi.RasterWriter;
import io.geocluster.plugin.spi.SceneSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoserver.catalog.Catalog;
import org.geoserver.catalog.CoverageInfo;
import org.geoserver.catalog.CoverageStoreInfo;
import org.geoserver.catalog.LayerInfo;
import org.geoserver.catalog.StyleInfo;
import org.geoserver.catalog.WorkspaceInfo;

/**
 * One publication of label rasters: each {@link #write} writes a GeoTIFF under a hidden temporary
 * name beside its final place; {@link #commit} renames the files into place, then adds to the
 * catalog the style, and for each raster a GeoTIFF coverage store, its coverage (described by
 * {@code CatalogBuilder} from the file, as GeoServer's {@code ImportProcess} does) and a layer
 * with that style.
 *
 * <p><b>Atomicity:</b> nothing is visible before {@code commit}; when any step of it fails, every
 * catalog addition is removed again, the style file deleted and the renamed files deleted
 * ({@link CatalogChanges}); closing without a successful commit deletes the temporary files.
 *
 * <p><b>Thread safety:</b> none; one thread publishes.
 */
final class CatalogRasterWriter implements RasterWriter {
    /** A written raster waiting for the commit. */
    private record Pending(Path temporary, long labelled) {
    }

    private final CatalogRasterSink sink;
    private final Catalog catalog;
    private final WorkspaceInfo workspace;
    private final GeoServerClasses classes;
    private final Map<String, Pending> rasters = new LinkedHashMap<>();
    private String styleName;
    private String sld;
    private boolean committed;
    private boolean closed;

    CatalogRasterWriter(CatalogRasterSink sink, Catalog catalog, WorkspaceInfo workspace, GeoServerClasses classes) {
        this.sink = sink;
        this.catalog = catalog;
        this.workspace = workspace;
        this.classes = classes;
    }

    /**
     * @throws IllegalArgumentException when the name is invalid or taken, the scene was not read
     *         from a GeoServer coverage (its grid is needed), or {@code labels} does not hold one
     *         value per pixel
     */
    @Override
    public void write(String layerName, SceneSource scene, byte[] labels) throws IOException {
        ensureOpen();
        if (rasters.containsKey(layerName)) {
            throw new IllegalArgumentException("Label raster '" + layerName + "' is written twice");
        }
        sink.checkWritable(List.of(layerName));
        if (!(scene instanceof CoverageSceneSource coverage)) {
            throw new IllegalArgumentException("Scene '" + scene.name() + "' was not read from a GeoServer coverage;"
                    + " its label raster cannot be placed on its grid");
        }
        if (!coverage.startsAtOrigin()) {
            throw new IllegalArgumentException("Scene '" + scene.name() + "' has an image that does not start at"
                    + " pixel (0, 0); such coverages cannot be labelled yet");
        }
        int width = scene.width();
        int height = scene.height();
        if (labels.length != (long) width * height) {
            throw new IllegalArgumentException("labels hold " + labels.length + " values for scene '" + scene.name()
                    + "' of " + width + " x " + height + " pixels");
        }
        long labelled = 0;
        for (byte label : labels) {
            if ((label & 0xFF) != GeoServerClasses.LABEL_NODATA) {
                labelled++;
            }
        }
        // A hidden name in the final folder: the rename at commit stays on one file system.
        Path temporary = Files.createTempFile(sink.directory(), "." + layerName + ".", ".tif.tmp");
        try {
            classes.writeLabelGeoTiff(temporary.toFile(), layerName, labels, width, height, coverage.coverage());
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        rasters.put(layerName, new Pending(temporary, labelled));
    }

    /** @throws IllegalArgumentException when the name is invalid or a style of that name exists */
    @Override
    public void style(String styleName, String sld) {
        ensureOpen();
        sink.checkStyle(styleName);
        this.styleName = styleName;
        this.sld = sld;
    }

    @Override
    public List<PublishedLayer> commit() throws IOException {
        ensureOpen();
        if (styleName == null) {
            throw new IllegalStateException("no style was given for the label rasters");
        }
        CatalogChanges changes = new CatalogChanges(catalog);
        try {
            for (Map.Entry<String, Pending> raster : rasters.entrySet()) {
                Path target = finalFile(raster.getKey());
                Files.move(raster.getValue().temporary(), target, StandardCopyOption.ATOMIC_MOVE);
                changes.onUndo(() -> Files.deleteIfExists(target));
            }
            StyleInfo style = catalog.getFactory().createStyle();
            style.setName(styleName);
            style.setWorkspace(workspace);
            style.setFormat("sld");
            style.setFilename(styleName + ".sld");
            changes.onUndo(() -> classes.deleteStyle(catalog, style));
            classes.writeStyle(catalog, style, sld);
            changes.add(style);
            List<PublishedLayer> published = new ArrayList<>();
            for (Map.Entry<String, Pending> raster : rasters.entrySet()) {
                String name = raster.getKey();
                CoverageStoreInfo store = classes.buildCoverageStore(catalog, workspace, name);
                store.setType(CatalogRasterSink.STORE_TYPE);
                store.setURL(sink.url(name));
                changes.add(store);
                CoverageInfo coverage = classes.buildCoverage(catalog, store, name);
                changes.add(coverage);
                LayerInfo layer = classes.buildLayer(catalog, coverage);
                layer.setDefaultStyle(style);
                changes.add(layer);
                published.add(new PublishedLayer(layer.prefixedName(), finalFile(name).toString(),
                        "style " + style.prefixedName(), raster.getValue().labelled()));
            }
            committed = true;
            return published;
        } catch (IOException | RuntimeException e) {
            changes.undo(e);
            throw e;
        }
    }

    private Path finalFile(String layerName) {
        return sink.directory().resolve(layerName + ".tif");
    }

    /** Deletes the temporary files unless the rasters were committed. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (committed) {
            return;
        }
        IOException failure = null;
        for (Pending raster : rasters.values()) {
            try {
                Files.deleteIfExists(raster.temporary());
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void ensureOpen() {
        if (closed || committed) {
            throw new IllegalStateException("the label rasters are already " + (committed ? "committed" : "closed"));
        }
    }
}
