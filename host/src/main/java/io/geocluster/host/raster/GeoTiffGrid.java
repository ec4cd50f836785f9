package io.geocluster.host.raster;

import java.util.ArrayList;
import java.util.List;

import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.FileDirectoryEntry;

/**
 * The north-up pixel grid of a GeoTIFF: size, EPSG code (0 when unknown) and the
 * affine geotransform of the upper-left corner of pixel (0, 0).
 *
 * <p>{@code pixelSizeY} is negative for a north-up raster (row index grows southwards),
 * as in GDAL's geotransform. Coordinates always refer to pixel corners (PixelIsArea);
 * files declaring PixelIsPoint are shifted by half a pixel on read, as GDAL does.
 */
public record GeoTiffGrid(int width, int height, int epsg,
                          double originX, double pixelSizeX,
                          double originY, double pixelSizeY) {

    static final int GT_MODEL_TYPE = 1024;
    static final int GT_RASTER_TYPE = 1025;
    static final int GEOGRAPHIC_TYPE = 2048;
    static final int PROJECTED_CS_TYPE = 3072;
    static final int MODEL_TYPE_PROJECTED = 1;
    static final int MODEL_TYPE_GEOGRAPHIC = 2;
    static final int RASTER_PIXEL_IS_AREA = 1;
    static final int RASTER_PIXEL_IS_POINT = 2;
    /** GeoTIFF's "user-defined" code: the CRS is not an EPSG code, so we report 0. */
    static final int USER_DEFINED = 32767;

    public GeoTiffGrid {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("grid size must be positive, got " + width + "x" + height);
        }
        if (epsg < 0) {
            throw new IllegalArgumentException("EPSG code must be >= 0 (0 = unknown), got " + epsg);
        }
        if (!(pixelSizeX > 0) || !(pixelSizeY < 0)
                || !Double.isFinite(pixelSizeX) || !Double.isFinite(pixelSizeY)) {
            throw new IllegalArgumentException("a north-up grid needs pixelSizeX > 0 and pixelSizeY < 0, got "
                    + pixelSizeX + ", " + pixelSizeY);
        }
        if (!Double.isFinite(originX) || !Double.isFinite(originY)) {
            throw new IllegalArgumentException("grid origin must be finite, got " + originX + ", " + originY);
        }
    }

    /** Number of pixels, as a long because a scene series can exceed int range. */
    public long pixelCount() {
        return (long) width * height;
    }

    /** Map x of the centre of column {@code col}. */
    public double centreX(int col) {
        return originX + (col + 0.5) * pixelSizeX;
    }

    /** Map y of the centre of row {@code row}. */
    public double centreY(int row) {
        return originY + (row + 0.5) * pixelSizeY;
    }

    /** GDAL-ordered geotransform {originX, pixelSizeX, 0, originY, 0, pixelSizeY}. */
    public double[] gdalGeoTransform() {
        return new double[] {originX, pixelSizeX, 0, originY, 0, pixelSizeY};
    }

    /**
     * Reads the grid from a TIFF directory's GeoTIFF tags.
     *
     * @param source name of the file, used only in error messages
     * @throws IllegalArgumentException when the file is not georeferenced, is rotated or skewed,
     *         or uses ground control points instead of an affine transform
     */
    static GeoTiffGrid read(FileDirectory dir, String source) {
        int width = dir.getImageWidth().intValue();
        int height = dir.getImageHeight().intValue();
        List<Double> scale = dir.getModelPixelScale();
        List<Double> tie = dir.getModelTiepoint();
        List<Double> transform = dir.getDoubleListEntryValue(FieldTagType.ModelTransformation);
        List<Integer> keys = dir.getIntegerListEntryValue(FieldTagType.GeoKeyDirectory);

        int rasterType = keys == null ? RASTER_PIXEL_IS_AREA
                : geoKey(keys, GT_RASTER_TYPE, RASTER_PIXEL_IS_AREA, source);
        int epsg = keys == null ? 0 : epsgOf(keys, source);

        double ox;
        double sx;
        double oy;
        double sy;
        if (transform != null && (scale == null || tie == null)) {
            if (transform.size() < 16) {
                throw new IllegalArgumentException(source + ": ModelTransformation tag has "
                        + transform.size() + " values, expected 16");
            }
            // Row-major 4x4: x = a*i + b*j + d, y = e*i + f*j + h. b or e non-zero means the
            // pixel axes are not aligned with the map axes, which the label pipeline cannot represent.
            double a = transform.get(0);
            double b = transform.get(1);
            double d = transform.get(3);
            double e = transform.get(4);
            double f = transform.get(5);
            double h = transform.get(7);
            if (b != 0 || e != 0) {
                throw new IllegalArgumentException(source + ": raster is rotated or skewed (ModelTransformation "
                        + "has rotation terms " + b + ", " + e + "); only north-up rasters are supported");
            }
            ox = a == 0 ? Double.NaN : d;
            sx = a;
            oy = h;
            sy = f;
        } else if (scale != null && tie != null) {
            if (tie.size() < 6) {
                throw new IllegalArgumentException(source + ": ModelTiepoint tag has " + tie.size()
                        + " values, expected 6");
            }
            if (tie.size() > 6) {
                // Several tie points are ground control points: the mapping is not a plain
                // affine north-up grid and would need warping first.
                throw new IllegalArgumentException(source + ": raster is georeferenced by " + (tie.size() / 6)
                        + " ground control points, not a north-up geotransform; warp it first");
            }
            if (scale.size() < 2) {
                throw new IllegalArgumentException(source + ": ModelPixelScale tag has " + scale.size()
                        + " values, expected 3");
            }
            sx = scale.get(0);
            // ModelPixelScale stores the y size as a positive number for north-up images.
            sy = -scale.get(1);
            ox = tie.get(3) - tie.get(0) * sx;
            oy = tie.get(4) - tie.get(1) * sy;
        } else {
            throw new IllegalArgumentException(source + ": file has no georeferencing (needs ModelPixelScale "
                    + "33550 + ModelTiepoint 33922, or ModelTransformation 34264)");
        }
        if (!(sx > 0) || !(sy < 0)) {
            throw new IllegalArgumentException(source + ": raster is not north-up (pixel size " + sx + ", " + sy
                    + "); only north-up rasters are supported");
        }
        if (rasterType == RASTER_PIXEL_IS_POINT) {
            // The tie point names the pixel centre; GDAL (and our grid) use the corner.
            ox -= sx / 2;
            oy -= sy / 2;
        }
        return new GeoTiffGrid(width, height, epsg, ox, sx, oy, sy);
    }

    /** EPSG code from the projected or geographic CRS key; 0 when absent or user-defined. */
    private static int epsgOf(List<Integer> keys, String source) {
        int model = geoKey(keys, GT_MODEL_TYPE, 0, source);
        int projected = geoKey(keys, PROJECTED_CS_TYPE, 0, source);
        int geographic = geoKey(keys, GEOGRAPHIC_TYPE, 0, source);
        // A projected file also carries its base geographic CRS, so the model type decides.
        int code = model == MODEL_TYPE_GEOGRAPHIC ? geographic : (projected != 0 ? projected : geographic);
        return code == USER_DEFINED ? 0 : code;
    }

    /**
     * Looks a SHORT-valued key up in a GeoKeyDirectory: header {version, revision, minor, count},
     * then {key, tagLocation, count, value} per key, where tagLocation 0 means the value is inline.
     */
    static int geoKey(List<Integer> dir, int key, int missing, String source) {
        if (dir.size() < 4) {
            throw new IllegalArgumentException(source + ": GeoKeyDirectory is truncated (" + dir.size() + " values)");
        }
        int n = dir.get(3);
        if (dir.size() < 4 + 4 * n) {
            throw new IllegalArgumentException(source + ": GeoKeyDirectory declares " + n + " keys but holds "
                    + (dir.size() - 4) / 4);
        }
        for (int i = 0; i < n; i++) {
            int base = 4 + 4 * i;
            if (dir.get(base) == key) {
                // Keys stored elsewhere (double/ASCII params) are not codes we need; treat as absent.
                return dir.get(base + 1) == 0 ? dir.get(base + 3) : missing;
            }
        }
        return missing;
    }

    /**
     * Adds ModelPixelScale, ModelTiepoint and GeoKeyDirectory tags describing this grid
     * (PixelIsArea) to a directory about to be written.
     */
    void writeTo(FileDirectory dir) {
        dir.setModelPixelScale(List.of(pixelSizeX, -pixelSizeY, 0.0));
        dir.setModelTiepoint(List.of(0.0, 0.0, 0.0, originX, originY, 0.0));
        List<Integer> keys = new ArrayList<>(List.of(1, 1, 0, 0));
        int count = 0;
        if (epsg != 0) {
            addKey(keys, GT_MODEL_TYPE, isGeographic(epsg) ? MODEL_TYPE_GEOGRAPHIC : MODEL_TYPE_PROJECTED);
            count++;
        }
        addKey(keys, GT_RASTER_TYPE, RASTER_PIXEL_IS_AREA);
        count++;
        if (epsg != 0) {
            addKey(keys, isGeographic(epsg) ? GEOGRAPHIC_TYPE : PROJECTED_CS_TYPE, epsg);
            count++;
        }
        keys.set(3, count);
        dir.addEntry(new FileDirectoryEntry(FieldTagType.GeoKeyDirectory, FieldType.SHORT, keys.size(), keys));
    }

    private static void addKey(List<Integer> keys, int key, int value) {
        keys.add(key);
        keys.add(0);
        keys.add(1);
        keys.add(value);
    }

    /**
     * Whether an EPSG code is a geographic 2D CRS. The grid does not carry the model type, so
     * this uses the EPSG convention that 4001..4999 (less the few projected codes listed) are
     * geographic; Landsat scenes are UTM or polar stereographic, well outside that range.
     */
    static boolean isGeographic(int epsg) {
        return epsg >= 4001 && epsg <= 4999 && epsg != 4087 && epsg != 4088;
    }
}
