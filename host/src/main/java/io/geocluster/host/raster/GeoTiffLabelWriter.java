package io.geocluster.host.raster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffWriter;
import mil.nga.tiff.util.TiffConstants;

/**
 * Writes a uint8 single-band, deflate-compressed GeoTIFF of class labels on a given grid,
 * with GDAL nodata 255, atomically (temp file in the target folder, then move).
 */
public final class GeoTiffLabelWriter {

    /** Label value meaning "no class" (masked, fill or cloud); also written as GDAL_NODATA. */
    public static final int NODATA = 255;

    private GeoTiffLabelWriter() {
    }

    /**
     * Writes {@code labels} (row-major, {@code grid.width() * grid.height()} bytes, read as
     * unsigned; 255 = nodata) to {@code target}, replacing any existing file.
     */
    public static void write(Path target, GeoTiffGrid grid, byte[] labels) throws IOException {
        if (labels.length != grid.pixelCount()) {
            throw new IllegalArgumentException("labels hold " + labels.length + " values but the grid is "
                    + grid.width() + "x" + grid.height());
        }
        FileDirectory dir = uint8Directory(grid, labels);
        // NGA builds the whole file in memory; its writer cannot write tiles, so strips it is.
        AtomicFile.write(target, TiffWriter.writeTiffToBytes(new TIFFImage(dir)));
    }

    /** A directory for one uint8 band holding {@code data}, with the grid's GeoTIFF tags and nodata. */
    static FileDirectory uint8Directory(GeoTiffGrid grid, byte[] data) {
        Rasters rasters = new Rasters(grid.width(), grid.height(), new FieldType[] {FieldType.BYTE},
                new ByteBuffer[] {ByteBuffer.wrap(data)});
        FileDirectory dir = baseDirectory(grid, rasters, 8, TiffConstants.COMPRESSION_DEFLATE);
        dir.setStringEntryValue(FieldTagType.GDAL_NODATA, Integer.toString(NODATA));
        return dir;
    }

    /** Common single-band, chunky, unsigned, stripped directory with the grid's GeoTIFF tags. */
    static FileDirectory baseDirectory(GeoTiffGrid grid, Rasters rasters, int bits, int compression) {
        FileDirectory dir = new FileDirectory();
        dir.setImageWidth(grid.width());
        dir.setImageHeight(grid.height());
        dir.setBitsPerSample(bits);
        dir.setSamplesPerPixel(1);
        dir.setCompression(compression);
        dir.setPhotometricInterpretation(TiffConstants.PHOTOMETRIC_INTERPRETATION_BLACK_IS_ZERO);
        dir.setPlanarConfiguration(TiffConstants.PLANAR_CONFIGURATION_CHUNKY);
        dir.setSampleFormat(TiffConstants.SAMPLE_FORMAT_UNSIGNED_INT);
        dir.setRowsPerStrip(rasters.calculateRowsPerStrip(TiffConstants.PLANAR_CONFIGURATION_CHUNKY));
        grid.writeTo(dir);
        dir.setWriteRasters(rasters);
        return dir;
    }
}
