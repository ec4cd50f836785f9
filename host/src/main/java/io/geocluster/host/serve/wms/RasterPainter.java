package io.geocluster.host.serve.wms;

import io.geocluster.host.raster.GeoTiffBand;
import io.geocluster.host.raster.GeoTiffGrid;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Draws a uint8 label GeoTIFF by nearest-neighbour resampling: each map pixel takes the class
 * of the raster cell under its centre; cells without a style class (nodata 255 among them) and
 * map pixels outside the raster are left transparent.
 *
 * <p><b>Algorithm:</b> the map is drawn in strips of about {@value #STRIP_PIXELS} pixels. In a
 * strip, every map pixel centre is taken to the raster's CRS and cell (exactly, pixel by pixel,
 * when the CRSs differ); the pixels are bucketed by the TIFF strip or tile row of their cell, and
 * the file is read one block of rows at a time, only over the rows some map pixel needs.
 *
 * <p><b>Limitations:</b> NGA's TIFF reader loads a whole file into memory when it is opened; a few
 * opened files are cached. No antialiasing or interpolation, as fits class labels; class colours
 * with alpha (the SLD opacity) are blended over the layers below.
 */
final class RasterPainter {
    /**
     * Opened bands of recently drawn rasters: NGA's reader holds the file's bytes, and a web map
     * asks for the same raster again at every pan and zoom.
     */
    private static final FileCache<GeoTiffBand> BANDS = new FileCache<>(4);
    /** Map pixels per strip: the working arrays of a strip stay around 16 MB, whatever the map size. */
    static final int STRIP_PIXELS = 1 << 20;

    private RasterPainter() {
    }

    /** The opened band of a GeoTIFF, from the cache while the file is unchanged. */
    static GeoTiffBand band(Path file) throws IOException {
        return BANDS.get(file, GeoTiffBand::open);
    }

    static void paint(Graphics2D g, WmsLayer layer, LayerStyle style, MapRequest map, PixelSpace px)
            throws IOException {
        GeoTiffBand band = band(layer.data());
        GeoTiffGrid grid = band.grid();
        String nativeCrs = grid.epsg() != 0 ? "EPSG:" + grid.epsg() : layer.crs();
        int[] argb = colours(style);
        if (band.bitsPerSample() == 8) {
            // 255 is the nodata value of label rasters: never drawn, even by a catch-all default style.
            argb[255] = 0;
        }
        Projector toNative = new Projector(map.crs(), nativeCrs);
        int stripRows = Math.max(1, STRIP_PIXELS / map.width());
        for (int j0 = 0; j0 < map.height(); j0 += stripRows) {
            paintStrip(g, band, argb, toNative, map.width(), j0, Math.min(map.height(), j0 + stripRows), px);
        }
    }

    /** Draws map rows {@code [j0, j1)}. */
    private static void paintStrip(Graphics2D g, GeoTiffBand band, int[] argb, Projector toNative, int w, int j0,
            int j1, PixelSpace px) {
        GeoTiffGrid grid = band.grid();
        int n = w * (j1 - j0);
        int[] cellRow = new int[n];
        int[] cellCol = new int[n];
        double[] q = new double[2];
        int minRow = Integer.MAX_VALUE;
        int maxRow = -1;
        for (int j = j0; j < j1; j++) {
            double my = px.centreY(j);
            for (int i = 0; i < w; i++) {
                int k = (j - j0) * w + i;
                cellRow[k] = -1;
                if (!toNative.apply(px.centreX(i), my, q)) {
                    continue;
                }
                double c = Math.floor((q[0] - grid.originX()) / grid.pixelSizeX());
                double r = Math.floor((q[1] - grid.originY()) / grid.pixelSizeY());
                if (c >= 0 && c < grid.width() && r >= 0 && r < grid.height()) {
                    cellRow[k] = (int) r;
                    cellCol[k] = (int) c;
                    minRow = Math.min(minRow, (int) r);
                    maxRow = Math.max(maxRow, (int) r);
                }
            }
        }
        if (maxRow < 0) {
            return;
        }
        int bh = band.blockHeight();
        int firstBlock = minRow / bh;
        int blocks = maxRow / bh - firstBlock + 1;
        // Counting sort of map pixels by source block: order[start[b] .. start[b+1]) are block b's.
        int[] start = new int[blocks + 1];
        for (int k = 0; k < n; k++) {
            if (cellRow[k] >= 0) {
                start[cellRow[k] / bh - firstBlock + 1]++;
            }
        }
        for (int b = 0; b < blocks; b++) {
            start[b + 1] += start[b];
        }
        int[] order = new int[start[blocks]];
        int[] fill = start.clone();
        for (int k = 0; k < n; k++) {
            if (cellRow[k] >= 0) {
                order[fill[cellRow[k] / bh - firstBlock]++] = k;
            }
        }
        BufferedImage strip = new BufferedImage(w, j1 - j0, BufferedImage.TYPE_INT_ARGB);
        int[] out = ((DataBufferInt) strip.getRaster().getDataBuffer()).getData();
        short[] rows = new short[bh * grid.width()];
        for (int b = 0; b < blocks; b++) {
            if (start[b] == start[b + 1]) {
                continue;
            }
            int row0 = Math.max(minRow, (firstBlock + b) * bh);
            int rowCount = Math.min(Math.min(grid.height(), (firstBlock + b + 1) * bh), maxRow + 1) - row0;
            // A cached band is shared between requests; NGA's block reader is not thread-safe.
            synchronized (band) {
                band.readRows(row0, rowCount, rows);
            }
            for (int t = start[b]; t < start[b + 1]; t++) {
                int k = order[t];
                int value = rows[(cellRow[k] - row0) * grid.width() + cellCol[k]] & 0xFFFF;
                out[k] = value < argb.length ? argb[value] : 0;
            }
        }
        g.drawImage(strip, 0, j0, null);
    }

    /** ARGB per label value 0..255 (16-bit rasters: values above 255 stay transparent); 0 = not drawn. */
    static int[] colours(LayerStyle style) {
        int[] argb = new int[256];
        for (int v = 0; v < 256; v++) {
            StyleClass c = style.classOf(v);
            argb[v] = c == null ? 0 : c.fill().getRGB();
        }
        return argb;
    }
}
