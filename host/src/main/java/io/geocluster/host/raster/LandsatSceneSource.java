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
 */
public final class LandsatSceneSource implements SceneSource {
    private final LandsatScene scene;
    private final QaMask mask;

    private LandsatSceneSource(LandsatScene scene, QaMask mask) {
        this.scene = scene;
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
        return new LandsatSceneSource(scene, mask);
    }

    /** The scene folder underneath. */
    public LandsatScene scene() {
        return scene;
    }

    /** The scene's grid, which its label raster copies. */
    public GeoTiffGrid grid() {
        return scene.grid();
    }

    @Override
    public String name() {
        return scene.productId();
    }

    @Override
    public int width() {
        return scene.grid().width();
    }

    @Override
    public int height() {
        return scene.grid().height();
    }

    @Override
    public List<String> bands() {
        return scene.bands();
    }

    @Override
    public String crs() {
        return scene.grid().epsg() > 0 ? "EPSG:" + scene.grid().epsg() : null;
    }

    @Override
    public int blockHeight() {
        return Math.max(1, scene.blockHeight());
    }

    @Override
    public int readRows(int firstRow, int rowCount, float[] values, boolean[] valid) {
        return scene.readRows(firstRow, rowCount, mask, values, valid);
    }

    @Override
    public void close() {
        // LandsatScene reads whole files at open and holds no handle.
    }
}
