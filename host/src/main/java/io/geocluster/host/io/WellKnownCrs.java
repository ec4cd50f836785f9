package io.geocluster.host.io;

import java.util.Locale;
import java.util.Map;

/**
 * OGC WKT of the CRSs our inputs commonly use but NGA geopackage-java cannot define: EPSG:3035
 * (ETRS89-extended / LAEA Europe, the CRS of EGMS easting/northing). Without WKT a GeoPackage SRS
 * row would say "undefined" and desktop GIS could not place the layer.
 */
public final class WellKnownCrs {
    /** WKT 1 of EPSG:3035, as published by the EPSG registry. */
    public static final String EPSG_3035 = "PROJCS[\"ETRS89-extended / LAEA Europe\","
            + "GEOGCS[\"ETRS89\",DATUM[\"European_Terrestrial_Reference_System_1989\","
            + "SPHEROID[\"GRS 1980\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"7019\"]],"
            + "AUTHORITY[\"EPSG\",\"6258\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
            + "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4258\"]],"
            + "PROJECTION[\"Lambert_Azimuthal_Equal_Area\"],PARAMETER[\"latitude_of_center\",52],"
            + "PARAMETER[\"longitude_of_center\",10],PARAMETER[\"false_easting\",4321000],"
            + "PARAMETER[\"false_northing\",3210000],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],"
            + "AXIS[\"Northing\",NORTH],AXIS[\"Easting\",EAST],AUTHORITY[\"EPSG\",\"3035\"]]";

    private static final Map<String, String> BY_CODE = Map.of("EPSG:3035", EPSG_3035);

    private WellKnownCrs() {
    }

    /** The WKT we ship for an authority code, or {@code null}. */
    public static String wkt(String authority, long code) {
        return BY_CODE.get(authority.toUpperCase(Locale.ROOT) + ":" + code);
    }

    /** The WKT we ship for a code such as {@code EPSG:3035}, or {@code null}. */
    public static String wkt(String crs) {
        return crs == null ? null : BY_CODE.get(crs.strip().toUpperCase(Locale.ROOT));
    }

    /** The name inside a WKT's first quotes, or the fallback. */
    static String name(String wkt, String fallback) {
        int open = wkt.indexOf('"');
        int close = open < 0 ? -1 : wkt.indexOf('"', open + 1);
        return close > open ? wkt.substring(open + 1, close) : fallback;
    }
}
