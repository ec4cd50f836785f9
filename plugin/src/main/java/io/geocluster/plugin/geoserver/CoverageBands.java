package io.geocluster.plugin.geoserver;

import io.geocluster.plugin.raster.QaMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.geoserver.catalog.CoverageDimensionInfo;
import org.geoserver.catalog.CoverageInfo;

/**
 * Where the bands an IIkMC run asks for are in a coverage: bands are found by the names of the
 * coverage's dimensions (which the GeoServer administrator can set in the layer's configuration,
 * or which a coverage view gives the bands it stacks), ignoring case.
 *
 * <p>Landsat Collection 2 Level-2 conventions apply (DESIGN.md §5): a band named {@code SR_Bn}
 * holding integers is surface reflectance stored as DN, read as {@code DN × 2.75e-5 − 0.2} with
 * DN 0 as fill; the mask reads the {@code QA_PIXEL} band and, when it uses aerosol bits, the
 * {@code SR_QA_AEROSOL} band. Any other band is read as it is stored.
 *
 * @param names the bands read, as the coverage names them, in the order a pixel holds them
 * @param indexes image band index of each read band
 * @param qaPixel image band index of QA_PIXEL, or -1 when the mask needs no QA_PIXEL bit
 * @param qaAerosol image band index of SR_QA_AEROSOL, or -1 when the mask needs no aerosol bit
 */
record CoverageBands(List<String> names, int[] indexes, int qaPixel, int qaAerosol) {
    /** The IIkMC default bands, DESIGN.md §3. */
    static final List<String> DEFAULT_BANDS = List.of("SR_B2", "SR_B3", "SR_B4", "SR_B5", "SR_B6", "SR_B7");
    private static final Pattern SURFACE_REFLECTANCE = Pattern.compile("SR_B\\d+", Pattern.CASE_INSENSITIVE);

    /**
     * Finds the bands in the coverage's dimensions.
     *
     * @param requested band names; {@code null} or empty gives {@link #DEFAULT_BANDS}
     * @throws IllegalArgumentException when a band, or a QA band the mask needs, is not a
     *         dimension of the coverage, or a band is asked for twice
     */
    static CoverageBands find(String scene, CoverageInfo coverage, List<String> requested, QaMask mask) {
        List<String> dimensions = new ArrayList<>();
        for (CoverageDimensionInfo d : coverage.getDimensions()) {
            dimensions.add(d.getName());
        }
        List<String> wanted = requested == null || requested.isEmpty() ? DEFAULT_BANDS : requested;
        List<String> names = new ArrayList<>();
        int[] indexes = new int[wanted.size()];
        for (int b = 0; b < wanted.size(); b++) {
            indexes[b] = index(scene, dimensions, wanted.get(b), "band");
            String name = dimensions.get(indexes[b]);
            if (names.contains(name)) {
                throw new IllegalArgumentException("Band " + name + " of coverage '" + scene + "' is asked for twice");
            }
            names.add(name);
        }
        int qaPixel = mask.pixelBits() != 0 ? index(scene, dimensions, "QA_PIXEL", "mask band") : -1;
        int qaAerosol = mask.usesAerosol() ? index(scene, dimensions, "SR_QA_AEROSOL", "mask band") : -1;
        return new CoverageBands(List.copyOf(names), indexes, qaPixel, qaAerosol);
    }

    private static int index(String scene, List<String> dimensions, String band, String role) {
        for (int i = 0; i < dimensions.size(); i++) {
            if (dimensions.get(i).equalsIgnoreCase(band.trim())) {
                return i;
            }
        }
        throw new IllegalArgumentException("Coverage '" + scene + "' has no " + role + " named " + band
                + "; its bands are " + String.join(", ", dimensions) + " (name them in the coverage's GeoServer"
                + " configuration, or publish a coverage view that stacks the scene's bands under their Landsat names)");
    }

    /** Whether band {@code b} holds Landsat surface reflectance DNs (to scale, with DN 0 as fill). */
    boolean surfaceReflectance(int b, boolean integral) {
        return integral && SURFACE_REFLECTANCE.matcher(names.get(b).toUpperCase(Locale.ROOT)).matches();
    }
}
