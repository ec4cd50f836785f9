package io.geocluster.plugin.geoserver;

import io.geocluster.plugin.raster.QaMask;
import io.geocluster.plugin.spi.SceneSource;
import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.util.List;

/**
 * A GeoServer coverage read as one IIkMC scene, a window of whole rows at a time, from the image
 * GeoServer's reader gives for it at native resolution; see {@link CoverageBands} for how bands
 * are found and scaled. Only the tiles of the rows asked for are decoded, so memory stays bounded
 * by the window, not by the scene.
 *
 * <p><b>Thread safety:</b> none; scratch arrays are reused between calls.
 */
final class CoverageSceneSource implements SceneSource {
    /** Collection 2 Level-2 surface reflectance scale and offset (DESIGN.md §5). */
    static final double SR_MULT = 2.75e-5;
    static final double SR_ADD = -0.2;

    private final String name;
    private final String crs;
    private final CoverageBands bands;
    private final QaMask mask;
    private final CoverageImage coverage;
    private final RenderedImage image;
    private final boolean[] scaled;
    private float[][] samples = new float[0][];
    private int[] qaPixel = new int[0];
    private int[] qaAerosol = new int[0];
    private boolean closed;

    /**
     * @param crs the coverage's SRS code
     * @throws IllegalArgumentException when the image has fewer bands than the coverage dimensions
     *         (the image is then released)
     */
    CoverageSceneSource(String name, String crs, CoverageBands bands, QaMask mask, CoverageImage coverage) {
        this.name = name;
        this.crs = crs;
        this.bands = bands;
        this.mask = mask;
        this.coverage = coverage;
        this.image = coverage.image();
        int imageBands = image.getSampleModel().getNumBands();
        int highest = Math.max(Math.max(bands.qaPixel(), bands.qaAerosol()), max(bands.indexes()));
        if (highest >= imageBands) {
            coverage.release().run();
            throw new IllegalArgumentException("Coverage '" + name + "' reads as " + imageBands
                    + " bands, fewer than its configured dimensions; check its band configuration");
        }
        int type = image.getSampleModel().getDataType();
        boolean integral = type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT
                || type == DataBuffer.TYPE_SHORT || type == DataBuffer.TYPE_INT;
        this.scaled = new boolean[bands.names().size()];
        for (int b = 0; b < scaled.length; b++) {
            scaled[b] = bands.surfaceReflectance(b, integral);
        }
    }

    /** The coverage read, whose grid label rasters of this scene copy. */
    CoverageImage coverage() {
        return coverage;
    }

    /** Whether pixel (0, 0) of the image is the first pixel of the coverage's grid. */
    boolean startsAtOrigin() {
        return image.getMinX() == 0 && image.getMinY() == 0;
    }

    private static int max(int[] values) {
        int m = -1;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int width() {
        return image.getWidth();
    }

    @Override
    public int height() {
        return image.getHeight();
    }

    @Override
    public List<String> bands() {
        return bands.names();
    }

    @Override
    public String crs() {
        return crs;
    }

    /** The image's tile height: reading whole tile rows decodes every tile once. */
    @Override
    public int blockHeight() {
        return Math.max(1, Math.min(image.getTileHeight(), image.getHeight()));
    }

    @Override
    public int readRows(int firstRow, int rowCount, float[] values, boolean[] valid) {
        if (closed) {
            throw new IllegalStateException("scene '" + name + "' is closed");
        }
        int width = width();
        int nb = scaled.length;
        if (firstRow < 0 || rowCount < 1 || firstRow + rowCount > height()) {
            throw new IllegalArgumentException("rows [" + firstRow + ", " + (firstRow + rowCount) + ") are outside"
                    + " scene '" + name + "' of " + height() + " rows");
        }
        int n = Math.multiplyExact(rowCount, width);
        if (valid.length < n || values.length < Math.multiplyExact(n, nb)) {
            throw new IllegalArgumentException("buffers of " + values.length + " values and " + valid.length
                    + " flags are too small for " + rowCount + " rows of " + width + " pixels x " + nb + " bands");
        }
        int x = image.getMinX();
        int y = image.getMinY() + firstRow;
        Raster raster = image.getData(new Rectangle(x, y, width, rowCount));
        ensureScratch(nb, n);
        for (int b = 0; b < nb; b++) {
            raster.getSamples(x, y, width, rowCount, bands.indexes()[b], samples[b]);
        }
        if (bands.qaPixel() >= 0) {
            raster.getSamples(x, y, width, rowCount, bands.qaPixel(), qaPixel);
        }
        if (bands.qaAerosol() >= 0) {
            raster.getSamples(x, y, width, rowCount, bands.qaAerosol(), qaAerosol);
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            boolean ok = !mask.masked(bands.qaPixel() >= 0 ? qaPixel[i] : 0, bands.qaAerosol() >= 0 ? qaAerosol[i] : 0);
            int base = i * nb;
            for (int b = 0; b < nb; b++) {
                float v = samples[b][i];
                if (scaled[b]) {
                    ok &= v != 0; // DN 0 is Collection 2 fill
                    v = (float) (v * SR_MULT + SR_ADD);
                }
                ok &= Float.isFinite(v);
                values[base + b] = v;
            }
            valid[i] = ok;
            if (ok) {
                count++;
            }
        }
        return count;
    }

    private void ensureScratch(int nb, int n) {
        if (samples.length != nb || nb > 0 && samples[0].length < n) {
            samples = new float[nb][n];
        }
        if (qaPixel.length < n) {
            qaPixel = new int[n];
            qaAerosol = new int[n];
        }
    }

    /** Releases the coverage's image; further reads fail. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            coverage.release().run();
        }
    }
}
