package io.geocluster.host.raster;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.ImageWindow;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffReader;
import mil.nga.tiff.util.TiffConstants;
import mil.nga.tiff.util.TiffException;

/**
 * A single-band unsigned 8- or 16-bit GeoTIFF opened with NGA's {@code mil.nga:tiff}, read
 * one block of whole rows at a time.
 *
 * <p>What NGA actually does (tiff 3.0.0): {@link TiffReader#readTiff(java.io.File)} loads the
 * <em>entire file</em> into a {@code byte[]} (so the compressed file size is resident, and
 * files of 2 GiB or more cannot be opened). Decoding, however, is per strip or tile:
 * {@link FileDirectory#readRasters(ImageWindow, int[], boolean, boolean)} decompresses only the
 * strips/tiles that intersect the window, keeping the last decoded one so that consecutive
 * windows inside one block do not decode it twice. Pixels are then copied one sample at a time
 * into a direct buffer. This class therefore asks for windows aligned to the file's strip or
 * tile height ({@link #blockHeight()}) so each block is decompressed exactly once, and the
 * decoded image never needs to be resident as a whole.
 */
public final class GeoTiffBand {

    private final Path path;
    private final FileDirectory dir;
    private final GeoTiffGrid grid;
    private final int bitsPerSample;
    private final int blockHeight;
    private final boolean tiled;

    private GeoTiffBand(Path path, FileDirectory dir, GeoTiffGrid grid, int bits, int blockHeight, boolean tiled) {
        this.path = path;
        this.dir = dir;
        this.grid = grid;
        this.bitsPerSample = bits;
        this.blockHeight = blockHeight;
        this.tiled = tiled;
    }

    /**
     * Opens a single-band uint8 or uint16 GeoTIFF.
     *
     * @throws FileNotFoundException when the file does not exist
     * @throws IllegalArgumentException when it is not a TIFF, has several bands, a sample type other
     *         than uint8/uint16, no georeferencing, or a rotated/skewed geotransform
     */
    public static GeoTiffBand open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new FileNotFoundException("GeoTIFF band not found: " + path.toAbsolutePath());
        }
        String name = path.toString();
        FileDirectory dir;
        try {
            TIFFImage image = TiffReader.readTiff(path.toFile());
            dir = image.getFileDirectory();
        } catch (TiffException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(name + ": not a readable TIFF (" + e.getMessage() + ")", e);
        }
        if (dir.getSamplesPerPixel() != 1) {
            throw new IllegalArgumentException(name + ": expected a single-band raster, found "
                    + dir.getSamplesPerPixel() + " samples per pixel");
        }
        List<Integer> bitList = dir.getBitsPerSample();
        int bits = bitList == null || bitList.isEmpty() ? 1 : bitList.get(0);
        Integer format = dir.getMaxSampleFormat();
        if ((bits != 8 && bits != 16)
                || (format != null && format != TiffConstants.SAMPLE_FORMAT_UNSIGNED_INT)) {
            throw new IllegalArgumentException(name + ": expected uint8 or uint16 samples, found " + bits
                    + "-bit sample format " + format);
        }
        GeoTiffGrid grid = GeoTiffGrid.read(dir, name);
        boolean tiled = dir.isTiled();
        Number block = tiled ? dir.getTileHeight() : dir.getRowsPerStrip();
        int blockHeight = block == null ? grid.height() : (int) Math.min(block.longValue(), grid.height());
        return new GeoTiffBand(path, dir, grid, bits, Math.max(1, blockHeight), tiled);
    }

    /** The file this band was read from. */
    public Path path() {
        return path;
    }

    /** The band's grid and CRS. */
    public GeoTiffGrid grid() {
        return grid;
    }

    /** 8 or 16. */
    public int bitsPerSample() {
        return bitsPerSample;
    }

    /** Whether the file is tiled (otherwise stripped). */
    public boolean tiled() {
        return tiled;
    }

    /** Rows per strip or tile: reading in multiples of this decodes every block once. */
    public int blockHeight() {
        return blockHeight;
    }

    /**
     * Reads rows {@code [firstRow, firstRow + rowCount)} as unsigned values into {@code dest},
     * row-major, starting at index 0.
     */
    public void readRows(int firstRow, int rowCount, int[] dest) {
        ByteBuffer buf = window(firstRow, rowCount, dest.length);
        int n = rowCount * grid.width();
        if (bitsPerSample == 16) {
            for (int i = 0; i < n; i++) {
                dest[i] = buf.getShort(i << 1) & 0xFFFF;
            }
        } else {
            for (int i = 0; i < n; i++) {
                dest[i] = buf.get(i) & 0xFF;
            }
        }
    }

    /**
     * Reads rows {@code [firstRow, firstRow + rowCount)} into {@code dest}, row-major from index 0;
     * 16-bit values are stored raw (read them with {@code & 0xFFFF}), 8-bit values zero-extended.
     * Half the memory of {@link #readRows(int, int, int[])}, which matters for a whole scene.
     */
    public void readRows(int firstRow, int rowCount, short[] dest) {
        ByteBuffer buf = window(firstRow, rowCount, dest.length);
        int n = rowCount * grid.width();
        if (bitsPerSample == 16) {
            buf.asShortBuffer().get(dest, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                dest[i] = (short) (buf.get(i) & 0xFF);
            }
        }
    }

    /** Reads the whole band as unsigned values, block by block. */
    public int[] readAll() {
        if (grid.pixelCount() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(path + ": " + grid.pixelCount() + " pixels do not fit one array");
        }
        int width = grid.width();
        int[] all = new int[(int) grid.pixelCount()];
        int[] block = new int[blockHeight * width];
        for (int row = 0; row < grid.height(); row += blockHeight) {
            int rows = Math.min(blockHeight, grid.height() - row);
            readRows(row, rows, block);
            System.arraycopy(block, 0, all, row * width, rows * width);
        }
        return all;
    }

    private ByteBuffer window(int firstRow, int rowCount, int capacity) {
        if (firstRow < 0 || rowCount <= 0 || firstRow + rowCount > grid.height()) {
            throw new IndexOutOfBoundsException("rows [" + firstRow + ", " + (firstRow + rowCount)
                    + ") outside 0.." + grid.height() + " of " + path);
        }
        if ((long) rowCount * grid.width() > capacity) {
            throw new IllegalArgumentException("buffer of " + capacity + " values is too small for "
                    + rowCount + " rows of " + grid.width());
        }
        ImageWindow win = new ImageWindow(0, firstRow, grid.width(), firstRow + rowCount);
        Rasters r;
        try {
            r = dir.readRasters(win, new int[] {0}, true, false);
        } catch (TiffException e) {
            throw new IllegalArgumentException(path + ": cannot decode rows " + firstRow + ".."
                    + (firstRow + rowCount) + " (" + e.getMessage() + ")", e);
        }
        ByteBuffer src = r.getSampleValues()[0];
        // duplicate() forgets the byte order, and NGA fills the buffer in the file's order.
        ByteOrder order = src.order();
        return src.duplicate().order(order).position(0);
    }
}
