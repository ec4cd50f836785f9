package io.geocluster.host.raster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffWriter;
import mil.nga.tiff.util.TiffConstants;

/**
 * Writes single-band uint16 or uint8, deflate-compressed, stripped GeoTIFFs on a given grid
 * (the layout of Landsat Collection 2 band files), atomically: a temporary file in the target
 * folder, then a move. The same input always gives the same bytes.
 */
public final class GeoTiffBandWriter {

    private GeoTiffBandWriter() {
    }

    /**
     * Writes {@code values} (row-major, {@code grid.width() * grid.height()}, read as unsigned 16-bit)
     * to {@code target}, replacing any existing file.
     *
     * @param nodata value written as the GDAL_NODATA tag, or {@code null} for none
     */
    public static void writeUint16(Path target, GeoTiffGrid grid, short[] values, Integer nodata) throws IOException {
        check(values.length, grid);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 2).order(ByteOrder.BIG_ENDIAN);
        buf.asShortBuffer().put(values);
        Rasters rasters = new Rasters(grid.width(), grid.height(), new FieldType[] {FieldType.SHORT},
                new ByteBuffer[] {buf});
        write(target, grid, rasters, 16, nodata);
    }

    /**
     * Writes {@code values} (row-major, {@code grid.width() * grid.height()}, read as unsigned 8-bit)
     * to {@code target}, replacing any existing file.
     *
     * @param nodata value written as the GDAL_NODATA tag, or {@code null} for none
     */
    public static void writeUint8(Path target, GeoTiffGrid grid, byte[] values, Integer nodata) throws IOException {
        check(values.length, grid);
        Rasters rasters = new Rasters(grid.width(), grid.height(), new FieldType[] {FieldType.BYTE},
                new ByteBuffer[] {ByteBuffer.wrap(values.clone())});
        write(target, grid, rasters, 8, nodata);
    }

    private static void check(int length, GeoTiffGrid grid) {
        if (length != grid.pixelCount()) {
            throw new IllegalArgumentException("band holds " + length + " values but the grid is "
                    + grid.width() + "x" + grid.height());
        }
    }

    private static void write(Path target, GeoTiffGrid grid, Rasters rasters, int bits, Integer nodata)
            throws IOException {
        FileDirectory dir = GeoTiffLabelWriter.baseDirectory(grid, rasters, bits, TiffConstants.COMPRESSION_DEFLATE);
        if (nodata != null) {
            dir.setStringEntryValue(FieldTagType.GDAL_NODATA, Integer.toString(nodata));
        }
        AtomicFile.write(target, TiffWriter.writeTiffToBytes(new TIFFImage(dir)));
    }
}
