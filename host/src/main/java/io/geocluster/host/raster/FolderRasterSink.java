package io.geocluster.host.raster;

import io.geocluster.plugin.spi.PublishedLayer;
import io.geocluster.plugin.spi.RasterSink;
import io.geocluster.plugin.spi.RasterWriter;
import io.geocluster.plugin.spi.SceneSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Publishes label rasters as {@code <layer>.tif} GeoTIFFs plus one {@code <style>.sld} in a
 * folder. Everything is written into a hidden temporary folder inside it and moved into place
 * at commit, so a failed or cancelled run leaves the folder as it was.
 */
public final class FolderRasterSink implements RasterSink {
    private final Path folder;
    private final boolean overwrite;

    /**
     * @param folder where the rasters go; created at commit if missing
     * @param overwrite whether results of an earlier run may be replaced
     */
    public FolderRasterSink(Path folder, boolean overwrite) {
        this.folder = folder.toAbsolutePath().normalize();
        this.overwrite = overwrite;
    }

    @Override
    public void checkWritable(List<String> layerNames) {
        for (String name : layerNames) {
            if (!name.matches("[A-Za-z0-9_.-]+") || name.startsWith(".")) {
                throw new IllegalArgumentException("'" + name + "' is not a valid layer name: use letters, digits, "
                        + "'_', '-' or '.'");
            }
            Path target = folder.resolve(name + ".tif");
            if (!overwrite && Files.exists(target)) {
                throw new IllegalArgumentException(target + " already exists; pass --overwrite to replace it.");
            }
        }
    }

    @Override
    public RasterWriter create() throws IOException {
        return new Writer();
    }

    /** One transaction: files gather in a temporary folder until commit. */
    private final class Writer implements RasterWriter {
        private final boolean createdFolder;
        private final Path tmp;
        private final List<String> layers = new ArrayList<>();
        private final List<Long> labelled = new ArrayList<>();
        private String styleFile;
        private boolean committed;

        Writer() throws IOException {
            createdFolder = !Files.exists(folder);
            Files.createDirectories(folder);
            tmp = Files.createTempDirectory(folder, ".iikmc-tmp-");
        }

        @Override
        public void write(String layerName, SceneSource scene, byte[] labels) throws IOException {
            if (!(scene instanceof LandsatSceneSource landsat)) {
                throw new IllegalArgumentException("this sink writes rasters of scene folders only, not "
                        + scene.getClass().getName());
            }
            checkWritable(List.of(layerName));
            GeoTiffLabelWriter.write(tmp.resolve(layerName + ".tif"), landsat.grid(), labels);
            layers.add(layerName);
            long n = 0;
            for (byte b : labels) {
                n += b != (byte) GeoTiffLabelWriter.NODATA ? 1 : 0;
            }
            labelled.add(n);
        }

        @Override
        public void style(String styleName, String sld) throws IOException {
            styleFile = styleName + ".sld";
            Files.writeString(tmp.resolve(styleFile), sld, StandardCharsets.UTF_8);
        }

        @Override
        public List<PublishedLayer> commit() throws IOException {
            if (styleFile == null) {
                throw new IllegalStateException("no style was written");
            }
            List<PublishedLayer> published = new ArrayList<>();
            Path style = folder.resolve(styleFile);
            for (int i = 0; i < layers.size(); i++) {
                String name = layers.get(i);
                Path target = folder.resolve(name + ".tif");
                Files.move(tmp.resolve(name + ".tif"), target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                published.add(new PublishedLayer(name, target.toString(), style.toString(), labelled.get(i)));
            }
            Files.move(tmp.resolve(styleFile), style, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            return published;
        }

        @Override
        public void close() throws IOException {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            if (!committed && createdFolder) {
                try (Stream<Path> entries = Files.list(folder)) {
                    if (entries.findAny().isEmpty()) {
                        Files.delete(folder);
                    }
                }
            }
        }
    }
}
