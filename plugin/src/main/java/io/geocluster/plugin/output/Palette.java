package io.geocluster.plugin.output;

import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The colour of each cluster, shared by the layer style and the profile chart so that a cluster
 * looks the same on the map and in the chart.
 *
 * <p>Clusters {@code 0 .. size()-1} take the colours of the palette file in order. Beyond that,
 * colours are generated deterministically in CIE LCh(ab): the hue advances by the golden angle
 * (≈137.5°) per cluster, so consecutive hues are far apart and never repeat exactly, and the
 * lightness cycles through 65, 45 and 80 so that two consecutive clusters always differ in
 * lightness by at least 15 (so ΔE76 is about 15 or more) even where the hue steps land close. Chroma starts at 50
 * and is lowered until the colour fits in sRGB. Generated colours are less carefully separated
 * than the curated ones; they exist so that any k still gets a style.
 *
 * <p>Immutable and thread-safe.
 */
public final class Palette {
    /** Classpath location of the standard palette (copied there from {@code sld-styles/}). */
    public static final String STANDARD_RESOURCE = "/io/geocluster/sld/palette.txt";

    private static final Pattern COLOUR_LINE = Pattern.compile("#([0-9A-Fa-f]{6})(?:\\s.*)?");
    private static final double GOLDEN_ANGLE = 137.50776405003785;
    private static final double FIRST_GENERATED_HUE = 30.0;
    private static final double[] GENERATED_LIGHTNESS = {65.0, 45.0, 80.0};
    private static final double GENERATED_CHROMA = 50.0;
    /** Fill luminance above which the outline is dark rather than white (about CIE L* 50). */
    private static final double OUTLINE_LUMINANCE_THRESHOLD = 0.18;
    private static final Color DARK_OUTLINE = new Color(0x33, 0x33, 0x33);

    private final List<Color> colours;

    private Palette(List<Color> colours) {
        if (colours.isEmpty()) {
            throw new IllegalArgumentException("a palette needs at least one colour");
        }
        this.colours = List.copyOf(colours);
    }

    /** Lazy holder: the file is read once, on first use. */
    private static final class Standard {
        static final Palette INSTANCE = loadStandard();
    }

    /** The palette shipped in {@code sld-styles/palette.txt}. */
    public static Palette standard() {
        return Standard.INSTANCE;
    }

    /**
     * A palette of the given colours, in cluster order.
     *
     * @throws IllegalArgumentException when empty or when a colour repeats (two clusters would
     *     be indistinguishable)
     */
    public static Palette of(List<Color> colours) {
        Set<Integer> seen = new HashSet<>();
        for (Color c : colours) {
            if (!seen.add(c.getRGB() & 0xFFFFFF)) {
                throw new IllegalArgumentException("colour repeats in palette: " + toHex(c));
            }
        }
        return new Palette(colours);
    }

    /**
     * Reads a palette in the {@code palette.txt} format: one {@code #RRGGBB} per line, optionally
     * followed by whitespace and free text; other lines starting with {@code #} are comments.
     *
     * @throws IllegalArgumentException on a line that is neither, or a repeated colour
     */
    public static Palette read(Reader reader) throws IOException {
        List<Color> colours = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher m = COLOUR_LINE.matcher(trimmed);
            if (m.matches()) {
                colours.add(new Color(Integer.parseInt(m.group(1), 16)));
            } else if (!trimmed.startsWith("#")) {
                throw new IllegalArgumentException("palette line " + number + " is neither a #RRGGBB colour nor a comment: " + trimmed);
            }
        }
        return of(colours);
    }

    private static Palette loadStandard() {
        InputStream in = Palette.class.getResourceAsStream(STANDARD_RESOURCE);
        if (in == null) {
            throw new IllegalStateException(STANDARD_RESOURCE + " is not on the classpath");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STANDARD_RESOURCE, e);
        }
    }

    /** Number of colours in the palette itself; larger cluster numbers get generated colours. */
    public int size() {
        return colours.size();
    }

    /**
     * Colour of cluster {@code cluster} (0-based, as in the layer's {@code cluster} attribute).
     *
     * @throws IllegalArgumentException when {@code cluster} is negative
     */
    public Color color(int cluster) {
        if (cluster < 0) {
            throw new IllegalArgumentException("cluster must be >= 0: " + cluster);
        }
        if (cluster < colours.size()) {
            return colours.get(cluster);
        }
        return generated(cluster - colours.size());
    }

    /** Colour of cluster {@code cluster} as {@code #RRGGBB} (upper case), as SLD wants it. */
    public String hex(int cluster) {
        return toHex(color(cluster));
    }

    /**
     * Outline colour for the symbol of {@code cluster}: white around dark fills and dark grey
     * around light fills, so every symbol holds both a light and a dark part and stays visible
     * on light and dark base maps alike.
     */
    public Color outline(int cluster) {
        return relativeLuminance(color(cluster)) > OUTLINE_LUMINANCE_THRESHOLD ? DARK_OUTLINE : Color.WHITE;
    }

    /** {@link #outline(int)} as {@code #RRGGBB}. */
    public String outlineHex(int cluster) {
        return toHex(outline(cluster));
    }

    static String toHex(Color c) {
        return String.format(Locale.ROOT, "#%06X", c.getRGB() & 0xFFFFFF);
    }

    private static Color generated(int n) {
        double hue = Math.toRadians((FIRST_GENERATED_HUE + n * GOLDEN_ANGLE) % 360.0);
        double lightness = GENERATED_LIGHTNESS[n % GENERATED_LIGHTNESS.length];
        // Lower chroma in small steps until the colour is inside sRGB; chroma 0 (grey) always is.
        for (double chroma = GENERATED_CHROMA; chroma > 0; chroma -= 1.0) {
            int[] rgb = labToSrgb(lightness, chroma * Math.cos(hue), chroma * Math.sin(hue));
            if (rgb != null) {
                return new Color(rgb[0], rgb[1], rgb[2]);
            }
        }
        int[] grey = labToSrgb(lightness, 0, 0);
        return new Color(grey[0], grey[1], grey[2]);
    }

    // --- colour science (sRGB, D65) ---------------------------------------------------------

    private static final double XN = 0.95047;
    private static final double YN = 1.0;
    private static final double ZN = 1.08883;

    /** sRGB 0–255 of a CIE L*a*b* colour, or null when it lies outside the sRGB gamut. */
    private static int[] labToSrgb(double l, double a, double b) {
        double fy = (l + 16.0) / 116.0;
        double fx = fy + a / 500.0;
        double fz = fy - b / 200.0;
        double x = XN * labInverse(fx);
        double y = YN * labInverse(fy);
        double z = ZN * labInverse(fz);
        double[] linear = {
            3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
            -0.9692660 * x + 1.8760108 * y + 0.0415560 * z,
            0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
        };
        int[] rgb = new int[3];
        for (int i = 0; i < 3; i++) {
            if (linear[i] < -1e-9 || linear[i] > 1.0 + 1e-9) {
                return null;
            }
            double v = Math.min(1.0, Math.max(0.0, linear[i]));
            double encoded = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1.0 / 2.4) - 0.055;
            rgb[i] = (int) Math.round(encoded * 255.0);
        }
        return rgb;
    }

    private static double labInverse(double t) {
        double delta = 6.0 / 29.0;
        return t > delta ? t * t * t : 3 * delta * delta * (t - 4.0 / 29.0);
    }

    private static double labForward(double t) {
        double delta = 6.0 / 29.0;
        return t > delta * delta * delta ? Math.cbrt(t) : t / (3 * delta * delta) + 4.0 / 29.0;
    }

    private static double linearise(int channel) {
        double v = channel / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** WCAG relative luminance (CIE Y) of an sRGB colour, 0 (black) to 1 (white). */
    static double relativeLuminance(Color c) {
        return 0.2126 * linearise(c.getRed()) + 0.7152 * linearise(c.getGreen()) + 0.0722 * linearise(c.getBlue());
    }

    /** CIE L*a*b* (D65) of an sRGB colour. */
    static double[] toLab(Color c) {
        double r = linearise(c.getRed());
        double g = linearise(c.getGreen());
        double b = linearise(c.getBlue());
        double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
        double fx = labForward(x / XN);
        double fy = labForward(y / YN);
        double fz = labForward(z / ZN);
        return new double[] {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
    }

    /** CIE76 colour difference ΔE*ab: about 2.3 is just noticeable, above 10 clearly different. */
    static double deltaE76(Color a, Color b) {
        double[] p = toLab(a);
        double[] q = toLab(b);
        return Math.sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
    }
}
