package io.geocluster.host.testdata;

/**
 * EPSG:3035 (ETRS89-extended / LAEA Europe) to and from geographic ETRS89 coordinates, ellipsoidal
 * Lambert Azimuthal Equal Area as written in IOGP Guidance Note 7-2, method EPSG:9820.
 *
 * <p><b>Accuracy:</b> the inverse uses the series for the authalic latitude given by the guidance
 * note, good to about 1e-9 degrees; ETRS89 is taken as WGS84, which is the metre-level
 * approximation the catalogue's {@code latitude}/{@code longitude} columns claim.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class Laea3035 {
    // GRS 1980 ellipsoid and the EPSG:3035 projection parameters.
    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257222101;
    private static final double E2 = F * (2 - F);
    private static final double E = Math.sqrt(E2);
    private static final double LAT0 = Math.toRadians(52);
    private static final double LON0 = Math.toRadians(10);
    private static final double FALSE_EASTING = 4_321_000;
    private static final double FALSE_NORTHING = 3_210_000;

    // Derived constants (guidance note symbols q_P, q_0, beta_0, R_q, D).
    private static final double QP = q(Math.PI / 2);
    private static final double BETA0 = StrictMath.asin(q(LAT0) / QP);
    private static final double RQ = A * Math.sqrt(QP / 2);
    private static final double D = A * (StrictMath.cos(LAT0) / Math.sqrt(1 - E2 * StrictMath.sin(LAT0) * StrictMath.sin(LAT0)))
            / (RQ * StrictMath.cos(BETA0));
    private static final double SERIES2 = E2 / 3 + 31 * E2 * E2 / 180 + 517 * E2 * E2 * E2 / 5040;
    private static final double SERIES4 = 23 * E2 * E2 / 360 + 251 * E2 * E2 * E2 / 3780;
    private static final double SERIES6 = 761 * E2 * E2 * E2 / 45360;

    private Laea3035() {
    }

    private static double q(double lat) {
        double s = StrictMath.sin(lat);
        return (1 - E2) * (s / (1 - E2 * s * s) - 1 / (2 * E) * StrictMath.log((1 - E * s) / (1 + E * s)));
    }

    /**
     * Projects geographic coordinates to EPSG:3035.
     *
     * @return {easting, northing} in metres
     */
    static double[] forward(double latitudeDeg, double longitudeDeg) {
        double lat = Math.toRadians(latitudeDeg);
        double dLon = Math.toRadians(longitudeDeg) - LON0;
        double beta = StrictMath.asin(q(lat) / QP);
        double sinB = StrictMath.sin(beta);
        double cosB = StrictMath.cos(beta);
        double sinB0 = StrictMath.sin(BETA0);
        double cosB0 = StrictMath.cos(BETA0);
        double b = RQ * Math.sqrt(2 / (1 + sinB0 * sinB + cosB0 * cosB * StrictMath.cos(dLon)));
        double easting = FALSE_EASTING + b * D * cosB * StrictMath.sin(dLon);
        double northing = FALSE_NORTHING + (b / D) * (cosB0 * sinB - sinB0 * cosB * StrictMath.cos(dLon));
        return new double[] {easting, northing};
    }

    /**
     * Inverse projection from EPSG:3035 to geographic coordinates.
     *
     * @return {latitude, longitude} in degrees
     */
    static double[] inverse(double easting, double northing) {
        double x = easting - FALSE_EASTING;
        double y = northing - FALSE_NORTHING;
        double rho = Math.sqrt((x / D) * (x / D) + (D * y) * (D * y));
        if (rho == 0) {
            return new double[] {Math.toDegrees(LAT0), Math.toDegrees(LON0)};
        }
        double c = 2 * StrictMath.asin(rho / (2 * RQ));
        double sinC = StrictMath.sin(c);
        double cosC = StrictMath.cos(c);
        double sinB0 = StrictMath.sin(BETA0);
        double cosB0 = StrictMath.cos(BETA0);
        double betaP = StrictMath.asin(cosC * sinB0 + (D * y * sinC * cosB0) / rho);
        double lat = betaP + SERIES2 * StrictMath.sin(2 * betaP) + SERIES4 * StrictMath.sin(4 * betaP)
                + SERIES6 * StrictMath.sin(6 * betaP);
        double lon = LON0 + StrictMath.atan2(x * sinC, D * rho * cosB0 * cosC - D * D * y * sinB0 * sinC);
        return new double[] {Math.toDegrees(lat), Math.toDegrees(lon)};
    }
}
