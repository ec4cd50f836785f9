package io.geocluster.host.testdata;

/**
 * One generated catalogue point, overwritten in place for every point so that generation allocates
 * nothing per row that outlives the row.
 *
 * <p>Every number is kept as a scaled integer at the precision it is published with (for example
 * displacement in tenths of a millimetre). Both writers derive their output from these integers,
 * so the CSV text and the GeoPackage REALs hold exactly the same values, and a value parsed back
 * from the CSV equals the GeoPackage's double bit for bit ({@code scaled / 10^decimals} is the
 * correctly rounded double of the decimal text).
 */
final class CatalogueRow {
    static final int EASTING = 0;
    static final int NORTHING = 1;
    static final int LATITUDE = 2;
    static final int LONGITUDE = 3;
    static final int HEIGHT = 4;
    static final int MEAN_VELOCITY = 5;
    static final int TEMPORAL_COHERENCE = 6;
    static final int AMPLITUDE_DISPERSION = 7;
    static final int INCIDENCE_ANGLE = 8;
    static final int TRACK_ANGLE = 9;

    /** Names of the per-point scalar columns, in CSV order, indexed by the constants above. */
    static final String[] SCALAR_NAMES = {
        "easting", "northing", "latitude", "longitude", "height", "mean_velocity",
        "temporal_coherence", "amplitude_dispersion", "incidence_angle", "track_angle",
    };

    /** Decimal places each scalar column is rounded to. */
    static final int[] SCALAR_DECIMALS = {2, 2, 6, 6, 1, 2, 3, 3, 2, 2};

    /** Decimal places of the displacement columns (0.1 mm, as EGMS publishes them). */
    static final int DISPLACEMENT_DECIMALS = 1;

    /**
     * First scalar column stored as an attribute in the GeoPackage: easting and northing live in the
     * point geometry, and latitude/longitude are a CSV convenience only.
     */
    static final int FIRST_GPKG_SCALAR = HEIGHT;

    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7};

    long fid;
    String pid;
    final long[] scalars = new long[SCALAR_NAMES.length];
    final long[] displacement;
    int truth;

    CatalogueRow(int dates) {
        displacement = new long[dates];
    }

    /** Rounds {@code value} to {@code decimals} places, returning the scaled integer. */
    static long scale(double value, int decimals) {
        return Math.round(value * POW10[decimals]);
    }

    /** The double nearest to the decimal number {@code scaled / 10^decimals}. */
    static double unscale(long scaled, int decimals) {
        return scaled / POW10[decimals];
    }

    double scalar(int column) {
        return unscale(scalars[column], SCALAR_DECIMALS[column]);
    }

    double displacement(int date) {
        return unscale(displacement[date], DISPLACEMENT_DECIMALS);
    }

    /**
     * Appends {@code scaled / 10^decimals} as plain decimal text ("-12.30", never exponent
     * notation), which is what a CSV reader in any locale-independent parser expects.
     */
    static void appendDecimal(StringBuilder out, long scaled, int decimals) {
        if (scaled < 0) {
            out.append('-');
        }
        long abs = Math.abs(scaled);
        if (decimals == 0) {
            out.append(abs);
            return;
        }
        long unit = (long) POW10[decimals];
        out.append(abs / unit).append('.');
        long fraction = abs % unit;
        for (long u = unit / 10; u > 1 && fraction < u; u /= 10) {
            out.append('0');
        }
        out.append(fraction);
    }
}
