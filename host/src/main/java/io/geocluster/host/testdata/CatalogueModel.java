package io.geocluster.host.testdata;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The seeded world behind a synthetic catalogue: urban clusters, terrain, deformation patches and
 * acquisition dates, plus the synthesis of point {@code i} from them.
 *
 * <p><b>Algorithm:</b> the layout (everything but the points) is drawn from the seed alone, so it
 * does not depend on the number of points. Point {@code i} is drawn from its own random stream,
 * seeded by a bijective mix of the seed and {@code i}; point {@code i} is therefore the same
 * whatever the catalogue size, and generation never needs earlier points. Regimes are
 * spatially coherent: each point takes the regime of the nearest region centre (Voronoi patches).
 * Layouts whose patches give some regime less than {@link #MIN_REGIME_SHARE} or more than
 * {@link #MAX_REGIME_SHARE} of the point density (estimated by Monte Carlo) are redrawn, so every
 * regime holds comfortably over 8 % of the points and none dominates.
 *
 * <p><b>Reproducibility:</b> only {@link SplittableRandom#nextLong()}/{@code nextDouble()}
 * (specified algorithms), a Gaussian of our own and {@link StrictMath} are used, so the output is
 * identical on every JVM and platform.
 *
 * <p><b>Thread safety:</b> immutable after construction; {@link #fill} may run concurrently on
 * distinct rows.
 */
final class CatalogueModel {
    /** South-west corner and side of the square area, EPSG:3035 metres (Telemark, Norway). */
    static final double MIN_EASTING = 4_250_000;
    static final double MIN_NORTHING = 4_050_000;
    static final double SIDE = 10_000;

    static final int REGIMES = 5;
    static final int REGIONS = 16;
    static final LocalDate FIRST_DATE = LocalDate.of(2018, 1, 4);

    /** Sentinel-1 C-band wavelength (c / 5.405 GHz), in mm: converts displacement noise to phase. */
    static final double WAVELENGTH_MM = 55.465763;

    /** Share of the point density a regime must have in the Monte Carlo estimate; 8 % plus margin. */
    static final double MIN_REGIME_SHARE = 0.11;

    /**
     * Share of the point density no regime may exceed. A dominant regime invites single-start
     * k-means (k-means++, mini-batch) to spend two centres on it and merge the two closest regimes
     * (stable and noisy, which differ only in the two quality columns) instead.
     */
    static final double MAX_REGIME_SHARE = 0.26;

    private static final int URBAN_CLUSTERS = 4;
    private static final double URBAN_SHARE = 0.45;
    private static final int MONTE_CARLO_SAMPLES = 40_000;

    // Terrain: sum of plane waves around a base height. Amplitudes add up to 700 m, so heights stay
    // in 50..1450 m before the small per-point scatter; over the 10 km square the standard deviation
    // is a couple of hundred metres (221 m for seed 42), against a few mm for the deformation, which
    // is what makes unstandardised clustering follow the terrain instead of the regimes.
    private static final double TERRAIN_BASE_M = 750;
    private static final double[] TERRAIN_WAVELENGTH_M = {9000, 5500, 3200, 1900};
    private static final double[] TERRAIN_AMPLITUDE_M = {320, 200, 110, 70};

    // White noise per date, mm (times the noise option): regimes 0-3, then regime 4.
    private static final double SIGMA_LO = 1.0;
    private static final double SIGMA_HI = 2.0;
    private static final double NOISY_SIGMA_LO = 2.5;
    private static final double NOISY_SIGMA_HI = 3.5;
    // Regime 4: random walk in mm per sqrt(year) on top of the white noise, and a coherence loss
    // the series do not show. The white noise stays moderate on purpose: a regime whose points
    // scatter widely across the 60 date dimensions is split or absorbed by k-means however clear
    // its coherence, and L3 series are averages over many scatterers anyway.
    private static final double RANDOM_WALK_MM = 1.5;
    private static final double DECORRELATION_LO = 0.5;
    private static final double DECORRELATION_HI = 0.7;

    private final long seed;
    private final int dates;
    private final double noise;

    final LocalDate[] acquisitionDates;
    private final double[] years;        // time since the reference (first) date
    private final double[] seasonYears;  // time since 1 January of the first year, for the phase
    private final double[] centredYears; // years minus their mean, for the least-squares slope
    private final double sumSquaresYears;
    private final double meanYears;

    private final double[] urbanX = new double[URBAN_CLUSTERS];
    private final double[] urbanY = new double[URBAN_CLUSTERS];
    private final double[] urbanSigma = new double[URBAN_CLUSTERS];
    private final double[] urbanCumulative = new double[URBAN_CLUSTERS];

    private final double[] waveKx = new double[TERRAIN_WAVELENGTH_M.length];
    private final double[] waveKy = new double[TERRAIN_WAVELENGTH_M.length];
    private final double[] wavePhase = new double[TERRAIN_WAVELENGTH_M.length];

    private final double[] regionX = new double[REGIONS];
    private final double[] regionY = new double[REGIONS];
    final int[] regionRegime = new int[REGIONS];
    // Per-region parameters; their meaning depends on the regime (see fill()).
    private final double[] regionA = new double[REGIONS];
    private final double[] regionB = new double[REGIONS];
    private final double[] regionC = new double[REGIONS];

    /** Monte Carlo estimate of each regime's share of the points (for the layout check). */
    final double[] expectedRegimeShare = new double[REGIMES];

    CatalogueModel(long seed, int dates, double noise) {
        this.seed = seed;
        this.dates = dates;
        this.noise = noise;
        acquisitionDates = acquisitionDates(dates);
        years = new double[dates];
        seasonYears = new double[dates];
        long dayOfYearOffset = ChronoUnit.DAYS.between(FIRST_DATE.withDayOfYear(1), FIRST_DATE);
        double mean = 0;
        for (int j = 0; j < dates; j++) {
            long days = ChronoUnit.DAYS.between(FIRST_DATE, acquisitionDates[j]);
            years[j] = days / 365.25;
            seasonYears[j] = (days + dayOfYearOffset) / 365.25;
            mean += years[j];
        }
        mean /= dates;
        meanYears = mean;
        centredYears = new double[dates];
        double ss = 0;
        for (int j = 0; j < dates; j++) {
            centredYears[j] = years[j] - mean;
            ss += centredYears[j] * centredYears[j];
        }
        sumSquaresYears = ss;

        SplittableRandom layout = new SplittableRandom(seed);
        double weightSum = 0;
        for (int c = 0; c < URBAN_CLUSTERS; c++) {
            urbanX[c] = uniform(layout, 1000, SIDE - 1000);
            urbanY[c] = uniform(layout, 1000, SIDE - 1000);
            urbanSigma[c] = uniform(layout, 300, 900);
            weightSum += uniform(layout, 0.5, 1.5);
            urbanCumulative[c] = weightSum;
        }
        for (int c = 0; c < URBAN_CLUSTERS; c++) {
            urbanCumulative[c] /= weightSum;
        }
        for (int w = 0; w < TERRAIN_WAVELENGTH_M.length; w++) {
            double direction = uniform(layout, 0, Math.PI);
            double k = 2 * Math.PI / TERRAIN_WAVELENGTH_M[w];
            waveKx[w] = k * StrictMath.cos(direction);
            waveKy[w] = k * StrictMath.sin(direction);
            wavePhase[w] = uniform(layout, 0, 2 * Math.PI);
        }
        drawRegions(layout);
    }

    /**
     * Acquisition dates: the first is 2018-01-04 (the reference date) and the spacing is the
     * multiple of Sentinel-1's 6-day repeat that makes the series span closest to five years (at
     * least 6 days, so more than 305 dates span longer).
     */
    static LocalDate[] acquisitionDates(int dates) {
        long spacing = 6 * Math.max(1, Math.round(5 * 365.25 / Math.max(1, dates - 1) / 6));
        LocalDate[] result = new LocalDate[dates];
        for (int j = 0; j < dates; j++) {
            result[j] = FIRST_DATE.plusDays(spacing * j);
        }
        return result;
    }

    private void drawRegions(SplittableRandom layout) {
        double[] sampleX = new double[MONTE_CARLO_SAMPLES];
        double[] sampleY = new double[MONTE_CARLO_SAMPLES];
        double[] xy = new double[2];
        SplittableRandom sampler = layout.split();
        for (int s = 0; s < MONTE_CARLO_SAMPLES; s++) {
            position(sampler, xy);
            sampleX[s] = xy[0];
            sampleY[s] = xy[1];
        }
        // Redraw until the patches give every regime its share. About one random 16-centre layout
        // in twenty passes and an attempt costs 40 000 x 16 distances: ~30 ms on average.
        for (int attempt = 0; ; attempt++) {
            for (int r = 0; r < REGIONS; r++) {
                regionX[r] = uniform(layout, 0, SIDE);
                regionY[r] = uniform(layout, 0, SIDE);
                regionRegime[r] = r % REGIMES;
            }
            for (int r = REGIONS - 1; r > 0; r--) { // Fisher-Yates, so regime order is seeded too
                int o = layout.nextInt(r + 1);
                int t = regionRegime[r];
                regionRegime[r] = regionRegime[o];
                regionRegime[o] = t;
            }
            Arrays.fill(expectedRegimeShare, 0);
            for (int s = 0; s < MONTE_CARLO_SAMPLES; s++) {
                expectedRegimeShare[regionRegime[nearestRegion(sampleX[s], sampleY[s])]] += 1.0 / MONTE_CARLO_SAMPLES;
            }
            double min = 1;
            double max = 0;
            for (double share : expectedRegimeShare) {
                min = Math.min(min, share);
                max = Math.max(max, share);
            }
            if (min >= MIN_REGIME_SHARE && max <= MAX_REGIME_SHARE) {
                break;
            }
            if (attempt == 10_000) {
                throw new IllegalStateException("no region layout with every regime's share in "
                        + MIN_REGIME_SHARE + ".." + MAX_REGIME_SHARE + " for seed " + seed);
            }
        }
        // Each regime draws one level per seed, and each of its patches varies around it by up to
        // 8 %. Letting every patch draw freely over the whole range (e.g. -5..-15 mm/yr) makes
        // k-means split a regime by speed instead of separating two regimes by shape, whatever the
        // noise; wider patch variation makes single-start k-means stop in that split more often.
        double subsidence = uniform(layout, -13, -7);       // mm/yr
        double amplitude = uniform(layout, 6, 9);           // mm
        double peakDay = uniform(layout, 180, 220);         // day of year of the seasonal maximum
        double slopeEnd = uniform(layout, -70, -50);        // mm at the last date
        for (int r = 0; r < REGIONS; r++) {
            double patch = uniform(layout, 0.92, 1.08);
            switch (regionRegime[r]) {
                case 0 -> regionA[r] = uniform(layout, -0.5, 0.5);                   // mm/yr
                case 1 -> regionA[r] = subsidence * patch;                            // mm/yr
                case 2 -> {
                    regionA[r] = amplitude * patch;                                   // mm
                    regionB[r] = (peakDay + uniform(layout, -15, 15)) / 365.25;      // years into the year
                    regionC[r] = uniform(layout, -0.5, 0.5);                          // trend, mm/yr
                }
                case 3 -> regionA[r] = slopeEnd * patch;                              // mm at the last date
                default -> regionA[r] = 0;                                            // noise only
            }
        }
    }

    private int nearestRegion(double x, double y) {
        int best = 0;
        double bestD2 = Double.POSITIVE_INFINITY;
        for (int r = 0; r < REGIONS; r++) {
            double dx = x - regionX[r];
            double dy = y - regionY[r];
            double d2 = dx * dx + dy * dy;
            if (d2 < bestD2) {
                bestD2 = d2;
                best = r;
            }
        }
        return best;
    }

    /** A point position relative to the area's south-west corner: background or urban cluster. */
    private void position(SplittableRandom rnd, double[] xy) {
        double u = rnd.nextDouble();
        if (u >= URBAN_SHARE) {
            xy[0] = rnd.nextDouble() * SIDE;
            xy[1] = rnd.nextDouble() * SIDE;
            return;
        }
        double pick = u / URBAN_SHARE;
        int c = 0;
        while (c < URBAN_CLUSTERS - 1 && pick >= urbanCumulative[c]) {
            c++;
        }
        // Rejection keeps the cluster inside the square; centres are 1 km from the edge, so few
        // draws are rejected.
        do {
            xy[0] = urbanX[c] + urbanSigma[c] * gaussian(rnd);
            xy[1] = urbanY[c] + urbanSigma[c] * gaussian(rnd);
        } while (xy[0] < 0 || xy[0] >= SIDE || xy[1] < 0 || xy[1] >= SIDE);
    }

    private double terrain(double x, double y) {
        double h = TERRAIN_BASE_M;
        for (int w = 0; w < waveKx.length; w++) {
            h += TERRAIN_AMPLITUDE_M[w] * StrictMath.cos(waveKx[w] * x + waveKy[w] * y + wavePhase[w]);
        }
        return h;
    }

    /** Generates point {@code index} (0-based) into {@code row}; {@code fid} is index + 1. */
    void fill(long index, CatalogueRow row) {
        // SplitMix64's output function applied to the index-th state: a distinct, well-mixed seed per point.
        SplittableRandom rnd = new SplittableRandom(mix64(seed + 0x9E3779B97F4A7C15L * (index + 1)));
        double[] xy = new double[2];
        position(rnd, xy);
        double x = xy[0];
        double y = xy[1];
        int region = nearestRegion(x, y);
        int regime = regionRegime[region];

        row.fid = index + 1;
        row.pid = pid(index + 1);
        row.truth = regime;
        long[] s = row.scalars;
        s[CatalogueRow.EASTING] = CatalogueRow.scale(MIN_EASTING + x, CatalogueRow.SCALAR_DECIMALS[CatalogueRow.EASTING]);
        s[CatalogueRow.NORTHING] = CatalogueRow.scale(MIN_NORTHING + y, CatalogueRow.SCALAR_DECIMALS[CatalogueRow.NORTHING]);
        double[] latLon = Laea3035.inverse(row.scalar(CatalogueRow.EASTING), row.scalar(CatalogueRow.NORTHING));
        set(row, CatalogueRow.LATITUDE, latLon[0]);
        set(row, CatalogueRow.LONGITUDE, latLon[1]);
        // Terrain plus a few metres of building/DEM scatter; independent of the regime.
        set(row, CatalogueRow.HEIGHT, Math.max(0, Math.min(1500, terrain(x, y) + 3 * gaussian(rnd))));
        // Right-looking ascending geometry: incidence grows from near range (west) to far range.
        set(row, CatalogueRow.INCIDENCE_ANGLE, 32 + 12 * x / SIDE + 0.4 * StrictMath.sin(2 * Math.PI * y / SIDE));
        set(row, CatalogueRow.TRACK_ANGLE, -10.9 - 0.6 * y / SIDE);

        // White noise per date (mm); stronger for the low-coherence regime.
        double sigma = noise * (regime == 4 ? uniform(rnd, NOISY_SIGMA_LO, NOISY_SIGMA_HI) : uniform(rnd, SIGMA_LO, SIGMA_HI));
        double jitter = 1 + 0.03 * gaussian(rnd); // per-point variation of the patch's parameter
        double a = regionA[region] * jitter;
        double reference = signal(regime, region, a, 0);
        double walk = 0;
        double slope = 0;
        long[] d = row.displacement;
        // EGMS series are relative to the first date: no signal and no noise there. Drawing noise
        // at the reference and subtracting it would shift every later date by one common offset;
        // in the standardised early-date columns, where the signal is still small, that offset
        // dominates and k-means splits points by it instead of by regime.
        d[0] = 0;
        for (int j = 1; j < dates; j++) {
            if (regime == 4) {
                walk += noise * RANDOM_WALK_MM * Math.sqrt(years[j] - years[j - 1]) * gaussian(rnd);
            }
            double value = signal(regime, region, a, j) - reference + walk + sigma * gaussian(rnd);
            d[j] = CatalogueRow.scale(value, CatalogueRow.DISPLACEMENT_DECIMALS);
            slope += centredYears[j] * row.displacement(j);
        }
        // Least-squares slope of the published (rounded) series, so a reader recomputes it exactly.
        set(row, CatalogueRow.MEAN_VELOCITY, slope / sumSquaresYears);

        // Phase quality drives both quality columns. The series' own noise gives sigma_phi =
        // 4 pi / lambda * sqrt(white variance + mean random-walk variance); regime 4 adds a
        // decorrelation factor (vegetation, soil moisture) that the published series does not show
        // because, as in EGMS L3, they are averaged over many scatterers.
        double walkVariance = regime == 4 ? noise * noise * RANDOM_WALK_MM * RANDOM_WALK_MM * meanYears : 0;
        double sigmaPhase = 4 * Math.PI * Math.sqrt(sigma * sigma + walkVariance) / WAVELENGTH_MM;
        double decorrelation = regime == 4 ? uniform(rnd, DECORRELATION_LO, DECORRELATION_HI) : 1;
        // gamma = decorrelation * exp(-sigma_phi^2 / 2), plus estimation scatter.
        double coherence = decorrelation * StrictMath.exp(-sigmaPhase * sigmaPhase / 2) + 0.02 * gaussian(rnd);
        set(row, CatalogueRow.TEMPORAL_COHERENCE, Math.max(0.01, Math.min(0.995, coherence)));
        // Amplitude dispersion ~ phase standard deviation (Ferretti et al. 2001, D_A ~ sigma_phi),
        // taking the decorrelation as the phase noise exp(-s^2/2) = decorrelation would give.
        double totalPhase = Math.sqrt(sigmaPhase * sigmaPhase - 2 * StrictMath.log(decorrelation));
        set(row, CatalogueRow.AMPLITUDE_DISPERSION, 0.05 + 0.5 * totalPhase * StrictMath.exp(0.15 * gaussian(rnd)));
    }

    /** Noise-free displacement (mm) of regime {@code regime} at date {@code j}, not yet referenced. */
    private double signal(int regime, int region, double a, int j) {
        double t = years[j];
        double fraction = t / years[dates - 1];
        switch (regime) {
            case 0:
            case 1:
                return a * t; // a in mm/yr: within +-0.5 for stable, about -6..-14 for subsidence
            case 2:
                return a * StrictMath.cos(2 * Math.PI * (seasonYears[j] - regionB[region])) + regionC[region] * t;
            case 3:
                return a * fraction * fraction; // a = displacement at the last date
            default:
                return 0; // regime 4: only random walk and noise
        }
    }

    private static void set(CatalogueRow row, int column, double value) {
        row.scalars[column] = CatalogueRow.scale(value, CatalogueRow.SCALAR_DECIMALS[column]);
    }

    /** EGMS-like point id: "N" and the 1-based fid in base 36, zero-padded to 7 digits. */
    static String pid(long fid) {
        String digits = Long.toString(fid, 36).toUpperCase(java.util.Locale.ROOT);
        StringBuilder b = new StringBuilder(8).append('N');
        for (int k = digits.length(); k < 7; k++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }

    private static double uniform(SplittableRandom rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    /**
     * Standard normal variate by Marsaglia's polar method on StrictMath, because
     * SplittableRandom's own nextGaussian is not specified to be the same across JDK releases.
     */
    static double gaussian(SplittableRandom rnd) {
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * rnd.nextDouble() - 1;
            v2 = 2 * rnd.nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        return v1 * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: a bijection on 64-bit values. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
