package io.geocluster.host.serve.wms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;

/**
 * The coordinate reference systems the WMS can reproject between, through proj4j
 * (LocationTech), and their WMS 1.3.0 axis order.
 *
 * <p>proj4j's own EPSG database lives in a separate artifact under the EPSG terms of use, so the
 * few definitions needed are written here from the EPSG registry: WGS 84 (4326), ETRS89 (4258),
 * Web Mercator (3857), ETRS89-LAEA Europe (3035), WGS 84 / UTM (32601–32660, 32701–32760) and
 * ETRS89 / UTM (25828–25838). A layer in any other EPSG code is served in its own CRS only.
 *
 * <p><b>Axis order:</b> WMS 1.3.0 (OGC 06-042 §6.7.3) writes BBOX in the axis order the CRS
 * defines: latitude first for 4326 and 4258, northing first for 3035, easting first for the
 * others. {@code CRS:84} is longitude first.
 */
public final class CrsCatalog {
    /** The CRSs every reprojectable layer is also offered in. */
    public static final List<String> COMMON = List.of("EPSG:4326", "EPSG:3857", "CRS:84");

    private static final CRSFactory FACTORY = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();

    private CrsCatalog() {
    }

    /** Upper-cases and checks the {@code EPSG:n} / {@code CRS:84} form; {@code null} when malformed. */
    public static String normalise(String code) {
        if (code == null) {
            return null;
        }
        String c = code.trim().toUpperCase(Locale.ROOT);
        if (c.equals("CRS:84")) {
            return c;
        }
        if (c.matches("EPSG:[0-9]{1,9}")) {
            return "EPSG:" + Integer.parseInt(c.substring(5));
        }
        return null;
    }

    /** Whether proj4j can transform from and to this (normalised) code. */
    public static boolean reprojectable(String code) {
        return code != null && proj(code) != null;
    }

    /** Whether WMS 1.3.0 writes this CRS's coordinates second axis first (lat/lon, northing/easting). */
    public static boolean northFirst(String code) {
        if (code == null || code.equals("CRS:84")) {
            return false;
        }
        int epsg = Integer.parseInt(code.substring(5));
        // Geographic 2-D CRSs of the EPSG registry are latitude first; 3035 is northing first.
        return epsg == 3035 || (epsg >= 4000 && epsg < 5000 && epsg != 4087 && epsg != 4088);
    }

    /** The CRSs a layer of native code {@code nativeCrs} is offered in, native first. */
    public static List<String> offered(String nativeCrs) {
        List<String> list = new ArrayList<>();
        if (nativeCrs != null) {
            list.add(nativeCrs);
        }
        if (reprojectable(nativeCrs)) {
            for (String c : COMMON) {
                if (!list.contains(c)) {
                    list.add(c);
                }
            }
        }
        return list;
    }

    /**
     * A transform between two offered codes (x/y order in, x/y order out; lon/lat for
     * geographic), or {@code null} when they are the same CRS.
     *
     * @throws IllegalArgumentException when either code cannot be reprojected
     */
    public static CoordinateTransform transform(String from, String to) {
        if (same(from, to)) {
            return null;
        }
        CoordinateReferenceSystem a = crs(from);
        CoordinateReferenceSystem b = crs(to);
        return TRANSFORMS.createTransform(a, b);
    }

    /** Whether two codes denote the same coordinates (4326 and CRS:84 differ only in axis order). */
    static boolean same(String a, String b) {
        return a.equals(b) || (geographicWgs84(a) && geographicWgs84(b));
    }

    private static boolean geographicWgs84(String c) {
        return c.equals("EPSG:4326") || c.equals("CRS:84");
    }

    private static CoordinateReferenceSystem crs(String code) {
        String p = proj(code);
        if (p == null) {
            throw new IllegalArgumentException("no reprojection support for " + code);
        }
        return FACTORY.createFromParameters(code, p);
    }

    /** proj.4 definition of a supported code, from the EPSG registry; {@code null} otherwise. */
    static String proj(String code) {
        if (code.equals("CRS:84")) {
            return "+proj=longlat +datum=WGS84 +no_defs";
        }
        int epsg = Integer.parseInt(code.substring(5));
        if (epsg == 4326) {
            return "+proj=longlat +datum=WGS84 +no_defs";
        }
        if (epsg == 4258) {
            return "+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs";
        }
        if (epsg == 3857) {
            return "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m"
                    + " +nadgrids=@null +no_defs";
        }
        if (epsg == 3035) {
            return "+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80"
                    + " +towgs84=0,0,0,0,0,0,0 +units=m +no_defs";
        }
        if (epsg >= 32601 && epsg <= 32660) {
            return "+proj=utm +zone=" + (epsg - 32600) + " +datum=WGS84 +units=m +no_defs";
        }
        if (epsg >= 32701 && epsg <= 32760) {
            return "+proj=utm +zone=" + (epsg - 32700) + " +south +datum=WGS84 +units=m +no_defs";
        }
        if (epsg >= 25828 && epsg <= 25838) {
            return "+proj=utm +zone=" + (epsg - 25800) + " +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs";
        }
        return null;
    }
}
