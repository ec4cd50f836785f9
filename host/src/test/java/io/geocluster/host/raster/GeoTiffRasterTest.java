package io.geocluster.host.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffWriter;
import mil.nga.tiff.util.TiffConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoTiffRasterTest {

    static final GeoTiffGrid UTM = new GeoTiffGrid(256, 256, 32632, 500000, 30, 6650000, -30);

    @TempDir
    Path tmp;

    static byte[] labels(GeoTiffGrid g) {
        byte[] b = new byte[(int) g.pixelCount()];
        for (int i = 0; i < b.length; i++) {
            int row = i / g.width();
            int col = i % g.width();
            // Stripes of classes 0..7 with a nodata border, so both ends of the byte range occur.
            b[i] = (byte) (row < 3 || col < 3 ? 255 : (row / 16 + col / 32) % 8);
        }
        return b;
    }

    /** Writes a uint16 band through NGA with the same GeoTIFF tags as the label writer. */
    static Path writeUint16(Path file, GeoTiffGrid g, int compression) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) g.pixelCount() * 2).order(ByteOrder.nativeOrder());
        for (int i = 0; i < g.pixelCount(); i++) {
            buf.putShort(i * 2, (short) uint16Value(i));
        }
        Rasters r = new Rasters(g.width(), g.height(), new FieldType[] {FieldType.SHORT}, new ByteBuffer[] {buf});
        FileDirectory dir = GeoTiffLabelWriter.baseDirectory(g, r, 16, compression);
        TiffWriter.writeTiff(file.toFile(), new TIFFImage(dir));
        return file;
    }

    static int uint16Value(int i) {
        // Covers 0 (Landsat fill), values above 32767 (sign trap) and 65535.
        return (int) ((i * 2654435761L) >>> 7) & 0xFFFF;
    }

    @Test
    void labelRasterRoundTrips() throws IOException {
        Path out = tmp.resolve("labels.tif");
        byte[] expected = labels(UTM);
        GeoTiffLabelWriter.write(out, UTM, expected);
        GeoTiffBand band = GeoTiffBand.open(out);
        assertEquals(UTM, band.grid());
        assertEquals(8, band.bitsPerSample());
        assertFalse(band.tiled());
        int[] got = band.readAll();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i] & 0xFF, got[i], "pixel " + i);
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(out), files.toList(), "temp file left behind");
        }
    }

    @Test
    void uint16BandRoundTripsBlockByBlock() throws IOException {
        for (int compression : new int[] {TiffConstants.COMPRESSION_NO, TiffConstants.COMPRESSION_DEFLATE}) {
            Path f = writeUint16(tmp.resolve("b" + compression + ".tif"), UTM, compression);
            GeoTiffBand band = GeoTiffBand.open(f);
            assertEquals(UTM, band.grid());
            assertEquals(16, band.bitsPerSample());
            int w = UTM.width();
            // Deliberately not block-aligned: correctness must not depend on alignment.
            int rows = 37;
            int[] ints = new int[rows * w];
            short[] shorts = new short[rows * w];
            for (int y = 0; y < UTM.height(); y += rows) {
                int n = Math.min(rows, UTM.height() - y);
                band.readRows(y, n, ints);
                band.readRows(y, n, shorts);
                for (int i = 0; i < n * w; i++) {
                    int expected = uint16Value(y * w + i);
                    assertEquals(expected, ints[i], "row " + (y + i / w));
                    assertEquals(expected, shorts[i] & 0xFFFF);
                }
            }
        }
    }

    @Test
    void gdalReadsLabelRaster() throws Exception {
        assumeTrue(onPath("gdalinfo"), "gdalinfo not on PATH");
        Path out = tmp.resolve("labels.tif");
        GeoTiffLabelWriter.write(out, UTM, labels(UTM));
        String info = run("gdalinfo", out.toString());
        assertTrue(info.contains("\"EPSG\",32632"), info);
        assertTrue(info.contains("Origin = (500000.000000000000000,6650000.000000000000000)"), info);
        assertTrue(info.contains("Pixel Size = (30.000000000000000,-30.000000000000000)"), info);
        assertTrue(info.contains("NoData Value=255"), info);
        assertTrue(info.contains("Band 1 Block=") && info.contains("Type=Byte"), info);
        assertTrue(info.contains("Size is 256, 256"), info);
    }

    @Test
    void pixelIsPointIsShiftedToCorner() {
        FileDirectory dir = plain(4, 4);
        dir.setModelPixelScale(List.of(30.0, 30.0, 0.0));
        dir.setModelTiepoint(List.of(0.0, 0.0, 0.0, 500015.0, 6649985.0, 0.0));
        List<Integer> keys = List.of(1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 2, 3072, 0, 1, 32633);
        dir.addEntry(new mil.nga.tiff.FileDirectoryEntry(FieldTagType.GeoKeyDirectory, FieldType.SHORT,
                keys.size(), keys));
        GeoTiffGrid g = GeoTiffGrid.read(dir, "point.tif");
        assertEquals(new GeoTiffGrid(4, 4, 32633, 500000, 30, 6650000, -30), g);
    }

    @Test
    void missingFileIsClear() {
        Path missing = tmp.resolve("nope_SR_B2.TIF");
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> GeoTiffBand.open(missing));
        assertTrue(e.getMessage().contains("nope_SR_B2.TIF"), e.getMessage());
    }

    @Test
    void rotatedRasterIsRejected() throws IOException {
        FileDirectory dir = plain(8, 8);
        // 30 m pixels rotated by a few degrees: terms b and e are non-zero.
        dir.setDoubleListEntryValue(FieldTagType.ModelTransformation, List.of(
                29.9, 2.6, 0.0, 500000.0,
                2.6, -29.9, 0.0, 6650000.0,
                0.0, 0.0, 0.0, 0.0,
                0.0, 0.0, 0.0, 1.0));
        Path f = tmp.resolve("rotated.tif");
        TiffWriter.writeTiff(f.toFile(), new TIFFImage(dir));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GeoTiffBand.open(f));
        assertTrue(e.getMessage().contains("rotated or skewed"), e.getMessage());
    }

    @Test
    void ungeoreferencedRasterIsRejected() throws IOException {
        Path f = tmp.resolve("plain.tif");
        TiffWriter.writeTiff(f.toFile(), new TIFFImage(plain(8, 8)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GeoTiffBand.open(f));
        assertTrue(e.getMessage().contains("no georeferencing"), e.getMessage());
    }

    @Test
    void notATiffIsRejected() throws IOException {
        Path f = tmp.resolve("MTL.txt");
        Files.writeString(f, "GROUP = LANDSAT_METADATA_FILE\n");
        assertThrows(IllegalArgumentException.class, () -> GeoTiffBand.open(f));
    }

    @Test
    void writerRejectsWrongLength() {
        assertThrows(IllegalArgumentException.class,
                () -> GeoTiffLabelWriter.write(tmp.resolve("x.tif"), UTM, new byte[10]));
    }

    /** Measures read speed of a Landsat-sized band; run with -Dgeocluster.bench=true. */
    @Test
    void benchmarkLandsatSizedRead() throws Exception {
        assumeTrue(Boolean.getBoolean("geocluster.bench") || System.getenv("GEOCLUSTER_BENCH") != null,
                "benchmark off");
        GeoTiffGrid g = new GeoTiffGrid(7000, 7000, 32632, 300000, 30, 7000000, -30);
        Path strips = Path.of("/tmp/geocluster-bench-7000-strips.tif");
        writeUint16(strips, g, TiffConstants.COMPRESSION_DEFLATE);
        List<Path> files = new ArrayList<>(List.of(strips));
        if (onPath("gdal_translate")) {
            Path tiled = Path.of("/tmp/geocluster-bench-7000-tiled.tif");
            Files.deleteIfExists(tiled);
            // Landsat C2 L2 bands are tiled, deflate-compressed COGs; NGA cannot write tiles.
            run("gdal_translate", "-q", "-co", "TILED=YES", "-co", "BLOCKXSIZE=256", "-co", "BLOCKYSIZE=256",
                    "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2", strips.toString(), tiled.toString());
            files.add(tiled);
        }
        for (Path f : files) {
            for (int rep = 0; rep < 2; rep++) {
                long t0 = System.nanoTime();
                GeoTiffBand band = GeoTiffBand.open(f);
                long t1 = System.nanoTime();
                int bh = band.blockHeight();
                short[] buf = new short[bh * g.width()];
                long sum = 0;
                for (int y = 0; y < g.height(); y += bh) {
                    int n = Math.min(bh, g.height() - y);
                    band.readRows(y, n, buf);
                    sum += buf[0] & 0xFFFF;
                }
                long t2 = System.nanoTime();
                if (rep == 0) {
                    // Untimed pass: the tiled copy (gdal, predictor 2) must decode to the same values.
                    long bad = 0;
                    for (int y = 0; y < g.height(); y += bh) {
                        int n = Math.min(bh, g.height() - y);
                        band.readRows(y, n, buf);
                        for (int i = 0; i < n * g.width(); i++) {
                            bad += (buf[i] & 0xFFFF) != uint16Value(y * g.width() + i) ? 1 : 0;
                        }
                    }
                    assertEquals(0, bad, f + ": mismatching pixels");
                }
                double s = (t2 - t0) / 1e9;
                System.out.printf("BENCH %s tiled=%s block=%d size=%.1fMB open=%.2fs read=%.2fs total=%.2fs "
                                + "%.1f Mpx/s (check %d)%n", f.getFileName(), band.tiled(), bh,
                        Files.size(f) / 1e6, (t1 - t0) / 1e9, (t2 - t1) / 1e9, s, g.pixelCount() / s / 1e6, sum);
            }
        }
    }

    private static FileDirectory plain(int w, int h) {
        Rasters r = new Rasters(w, h, new FieldType[] {FieldType.BYTE}, new ByteBuffer[] {ByteBuffer.allocate(w * h)});
        FileDirectory dir = new FileDirectory();
        dir.setImageWidth(w);
        dir.setImageHeight(h);
        dir.setBitsPerSample(8);
        dir.setSamplesPerPixel(1);
        dir.setCompression(TiffConstants.COMPRESSION_NO);
        dir.setPhotometricInterpretation(TiffConstants.PHOTOMETRIC_INTERPRETATION_BLACK_IS_ZERO);
        dir.setPlanarConfiguration(TiffConstants.PLANAR_CONFIGURATION_CHUNKY);
        dir.setSampleFormat(TiffConstants.SAMPLE_FORMAT_UNSIGNED_INT);
        dir.setRowsPerStrip(h);
        dir.setWriteRasters(r);
        return dir;
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", cmd));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
