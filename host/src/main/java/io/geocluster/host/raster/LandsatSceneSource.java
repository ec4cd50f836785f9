package io.geocluster.host.raster;

import io.geocluster.plugin.raster.QaMask;
import io.geocluster.plugin.spi.SceneSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A Landsat Collection 2 Level-2 scene folder as the plugin's {@link SceneSource}: the chosen
 * bands as surface reflectance, pixels invalid where any band holds fill or the QA mask selects
 * a set bit.
 *
 * <p><b>Memory:</b> NGA tiff holds a band file's bytes while it is open, up to a gigabyte for a
 * full Landsat scene, so a series must not hold every scene at once. The folder is opened once to
 * check it and then let go; it is opened again by the first read and let go after the read that
 * reaches the last row, so a job that reads scenes one after another holds one at a time.
 */
public final class LandsatSceneSource implements SceneSource {
    private final Path folder;
    private final List<String> bandsAsked;
    private final String productId;
    private final List<String> bands;
    private final GeoTiffGrid grid;
    private final int blockHeight;
    private final QaMask mask;
    private LandsatScene scene;

    private LandsatSceneSource(Path folder, List<String> bandsAsked, LandsatScene scene, QaMask mask) {
        this.folder = folder;
        this.bandsAsked = bandsAsked;
        this.productId = scene.productId();
        this.bands = scene.bands();
        this.grid = scene.grid();
        this.blockHeight = Math.max(1, scene.blockHeight());
        this.mask = mask;
    }

    /**
     * Opens a scene folder (headers only).
     *
     * @throws IllegalArgumentException when the mask needs the QA_AEROSOL file and the scene has
     *         none, or as {@link LandsatScene#open}
     * @throws java.io.FileNotFoundException when the folder or a band file is missing
     */
    public static LandsatSceneSource open(Path folder, List<String> bands, QaMask mask) throws IOException {
        LandsatScene scene = LandsatScene.open(folder, bands);
        if (mask.usesAerosol() && !scene.hasAerosol()) {
            throw new IllegalArgumentException("mask " + mask + " needs " + scene.productId()
                    + "_SR_QA_AEROSOL.TIF, which is not in " + folder);
        }
        return new LandsatSceneSource(folder, bands, scene, mask);
    }

    /** The scene's grid, which its label raster copies. */
    public GeoTiffGrid grid() {
        return grid;
    }

    @Override
    public String name() {
        return productId;
    }

    @Override
    public int width() {
        return grid.width();
    }

    @Override
    public int height() {
        return grid.height();
    }

    @Override
    public List<String> bands() {
        return bands;
    }

    @Override
    public String crs() {
        return grid.epsg() > 0 ? "EPSG:" + grid.epsg() : null;
    }

    @Override
    public int blockHeight() {
        return blockHeight;
    }

    @Override
    public int readRows(int firstRow, int rowCount, float[] values, boolean[] valid) throws IOException {
        if (scene == null) {
            scene = LandsatScene.open(folder, bandsAsked);
            if (!scene.grid().equals(grid) || !scene.bands().equals(bands)) {
                throw new IOException("scene folder " + folder + " changed while it was being read");
            }
        }
        int n = scene.readRows(firstRow, rowCount, mask, values, valid);
        if (firstRow + rowCount >= grid.height()) {
            scene = null;
        }
        return n;
    }

    @Override
    public void close() {
        scene = null;
    }
}
