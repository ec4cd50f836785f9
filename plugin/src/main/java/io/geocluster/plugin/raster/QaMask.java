package io.geocluster.plugin.raster;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable pixel mask over Landsat Collection 2 Level-2 QA bands, parsed from the IIkMC
 * {@code mask} input, e.g. {@code qa_pixel:fill,dilated_cloud,cirrus,cloud,cloud_shadow} (the default)
 * or {@code qa_pixel:fill,cloud;qa_aerosol:fill,bit6}.
 *
 * <p>Syntax: one or more sections separated by {@code ;}, each {@code band:flag,flag,...} where
 * band is {@code qa_pixel} or {@code qa_aerosol} (alias {@code sr_qa_aerosol}) and a flag is a bit
 * name or {@code bitN}. A pixel is masked when any selected bit is set in its QA value. The string
 * replaces the default entirely: {@code qa_aerosol:bit6} alone masks nothing from QA_PIXEL.
 *
 * <p>QA_PIXEL names: fill(0), dilated_cloud(1), cirrus(2), cloud(3), cloud_shadow(4), snow(5),
 * clear(6), water(7); {@code bit0..bit15} reach the confidence fields. QA_AEROSOL names: fill(0),
 * valid_retrieval(1), water(2), interpolated_aerosol(5); {@code bit0..bit7}.
 *
 * <p>Clouds are flagged only in QA_PIXEL. SR_QA_AEROSOL bits 3 and 5 do <em>not</em> flag clouds
 * (bits 3–4 are unused and bit 5 means the aerosol was interpolated, DESIGN.md §5): masking them,
 * a Collection 1 habit carried into the method's original notebook, removes no cloud and throws away
 * clear pixels, which is why the default mask reads QA_PIXEL only.
 */
public final class QaMask {

    /** The IIkMC default, DESIGN.md §3. */
    public static final String DEFAULT_SPEC = "qa_pixel:fill,dilated_cloud,cirrus,cloud,cloud_shadow";

    // LinkedHashMap so error messages list names in bit order.
    private static final Map<String, Integer> PIXEL_NAMES = names(
            "fill", 0, "dilated_cloud", 1, "cirrus", 2, "cloud", 3, "cloud_shadow", 4,
            "snow", 5, "clear", 6, "water", 7);
    private static final Map<String, Integer> AEROSOL_NAMES = names(
            "fill", 0, "valid_retrieval", 1, "water", 2, "interpolated_aerosol", 5);
    /** QA_PIXEL is uint16, SR_QA_AEROSOL uint8: {@code bitN} beyond those widths can never be set. */
    private static final int PIXEL_WIDTH = 16;
    private static final int AEROSOL_WIDTH = 8;

    private static final QaMask DEFAULT = parse(DEFAULT_SPEC);

    private final int pixelBits;
    private final int aerosolBits;

    private QaMask(int pixelBits, int aerosolBits) {
        this.pixelBits = pixelBits;
        this.aerosolBits = aerosolBits;
    }

    /** The default mask: QA_PIXEL fill, dilated cloud, cirrus, cloud and cloud shadow; no QA_AEROSOL bits. */
    public static QaMask defaults() {
        return DEFAULT;
    }

    /**
     * Parses a mask specification (case-insensitive, spaces ignored); {@code null} or blank gives
     * {@link #defaults()}.
     *
     * @throws IllegalArgumentException on an unknown band or flag name (the message lists the
     *         accepted ones), a bit out of range, a repeated band or an empty section
     */
    public static QaMask parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return DEFAULT;
        }
        int pixel = 0;
        int aerosol = 0;
        boolean sawPixel = false;
        boolean sawAerosol = false;
        for (String section : spec.replaceAll("\\s+", "").toLowerCase(Locale.ROOT).split(";", -1)) {
            if (section.isEmpty()) {
                continue; // tolerate a trailing ';'
            }
            int colon = section.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("mask section '" + section
                        + "' has no band: write qa_pixel:flag,... or qa_aerosol:flag,...");
            }
            String band = section.substring(0, colon);
            String flags = section.substring(colon + 1);
            if (flags.isEmpty()) {
                throw new IllegalArgumentException("mask section '" + section + "' lists no flags");
            }
            switch (band) {
                case "qa_pixel" -> {
                    if (sawPixel) {
                        throw new IllegalArgumentException("mask names qa_pixel twice: " + spec);
                    }
                    sawPixel = true;
                    pixel = bits("qa_pixel", flags, PIXEL_NAMES, PIXEL_WIDTH);
                }
                case "qa_aerosol", "sr_qa_aerosol" -> {
                    if (sawAerosol) {
                        throw new IllegalArgumentException("mask names qa_aerosol twice: " + spec);
                    }
                    sawAerosol = true;
                    aerosol = bits("qa_aerosol", flags, AEROSOL_NAMES, AEROSOL_WIDTH);
                }
                default -> throw new IllegalArgumentException("unknown mask band '" + band
                        + "'; accepted: qa_pixel, qa_aerosol (or sr_qa_aerosol)");
            }
        }
        if (!sawPixel && !sawAerosol) {
            throw new IllegalArgumentException("mask '" + spec + "' selects no band");
        }
        return new QaMask(pixel, aerosol);
    }

    /** A mask from raw bit sets, for callers that already hold them. */
    public static QaMask ofBits(int pixelBits, int aerosolBits) {
        if ((pixelBits & ~0xFFFF) != 0 || (aerosolBits & ~0xFF) != 0) {
            throw new IllegalArgumentException("QA_PIXEL bits must fit 16 bits and QA_AEROSOL bits 8, got 0x"
                    + Integer.toHexString(pixelBits) + ", 0x" + Integer.toHexString(aerosolBits));
        }
        return new QaMask(pixelBits, aerosolBits);
    }

    /** Bits of QA_PIXEL that mask a pixel when set. */
    public int pixelBits() {
        return pixelBits;
    }

    /** Bits of SR_QA_AEROSOL that mask a pixel when set; 0 when the aerosol band need not be read. */
    public int aerosolBits() {
        return aerosolBits;
    }

    /** Whether the SR_QA_AEROSOL band is needed to apply this mask. */
    public boolean usesAerosol() {
        return aerosolBits != 0;
    }

    /** Whether a pixel with these QA values is excluded (any selected bit set). */
    public boolean masked(int qaPixel, int qaAerosol) {
        return (qaPixel & pixelBits) != 0 || (qaAerosol & aerosolBits) != 0;
    }

    /** The canonical specification, with names where a bit has one and {@code bitN} otherwise. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (pixelBits != 0) {
            sb.append("qa_pixel:").append(describe(pixelBits, PIXEL_NAMES, PIXEL_WIDTH));
        }
        if (aerosolBits != 0) {
            sb.append(sb.isEmpty() ? "" : ";").append("qa_aerosol:")
                    .append(describe(aerosolBits, AEROSOL_NAMES, AEROSOL_WIDTH));
        }
        return sb.isEmpty() ? "qa_pixel:none" : sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QaMask m && m.pixelBits == pixelBits && m.aerosolBits == aerosolBits;
    }

    @Override
    public int hashCode() {
        return Objects.hash(pixelBits, aerosolBits);
    }

    private static int bits(String band, String flags, Map<String, Integer> names, int width) {
        int bits = 0;
        for (String flag : flags.split(",", -1)) {
            if (flag.isEmpty()) {
                throw new IllegalArgumentException("empty flag in " + band + ":" + flags);
            }
            Integer bit = names.get(flag);
            if (bit == null && flag.matches("bit\\d{1,2}")) {
                bit = Integer.parseInt(flag.substring(3));
                if (bit >= width) {
                    throw new IllegalArgumentException(band + " is " + width + "-bit: " + flag
                            + " is out of range bit0..bit" + (width - 1));
                }
            }
            if (bit == null) {
                throw new IllegalArgumentException("unknown " + band + " flag '" + flag + "'; accepted: "
                        + String.join(", ", names.keySet()) + ", bit0..bit" + (width - 1));
            }
            bits |= 1 << bit;
        }
        return bits;
    }

    private static String describe(int bits, Map<String, Integer> names, int width) {
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < width; bit++) {
            if ((bits & (1 << bit)) == 0) {
                continue;
            }
            String name = "bit" + bit;
            for (Map.Entry<String, Integer> e : names.entrySet()) {
                if (e.getValue() == bit) {
                    name = e.getKey();
                }
            }
            sb.append(sb.isEmpty() ? "" : ",").append(name);
        }
        return sb.toString();
    }

    private static Map<String, Integer> names(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
