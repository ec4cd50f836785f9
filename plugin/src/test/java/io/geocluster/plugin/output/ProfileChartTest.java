package io.geocluster.plugin.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.stats.ClusterProfiles;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ProfileChartTest {
    private static final List<String> FEATURES = List.of("height", "mean_velocity", "temporal_coherence", "amplitude_dispersion");
    /** How close (RGB distance) a pixel must be to count as a palette colour. */
    private static final double TOLERANCE = 12;
    /** Pixels a drawn cluster leaves at least: several markers, lines and a legend swatch. */
    private static final int PRESENT = 40;
    /** Pixels an absent cluster may leave by accident (antialiased blends of other colours). */
    private static final int ABSENT = 3;

    @Test
    void threeClustersWithoutSeries() throws IOException {
        Palette palette = Palette.standard();
        ProfileChart.Input input = new ProfileChart.Input("Test profiles", FEATURES, features(new long[] {500, 300, 200}), palette);
        BufferedImage image = decode(ProfileChart.render(input));
        assertEquals(ProfileChart.WIDTH, image.getWidth());
        assertEquals(ProfileChart.FEATURE_PANEL_HEIGHT, image.getHeight());
        assertEquals(image.getHeight(), input.height());
        for (int c = 0; c < 3; c++) {
            int n = count(image, palette.color(c), 0, image.getHeight());
            assertTrue(n >= PRESENT, "cluster " + c + " colour " + palette.hex(c) + ": " + n + " pixels");
        }
    }

    @Test
    void seriesAddsAPanelBeneathInTheSameColours() throws IOException {
        Palette palette = Palette.standard();
        long[] sizes = {500, 300, 200};
        ProfileChart.Input input = new ProfileChart.Input("With series", FEATURES, features(sizes), dates(30), series(sizes, 30), palette);
        BufferedImage image = decode(ProfileChart.render(input));
        assertEquals(ProfileChart.WIDTH, image.getWidth());
        assertEquals(ProfileChart.FEATURE_PANEL_HEIGHT + ProfileChart.SERIES_PANEL_HEIGHT, image.getHeight());
        assertTrue(image.getHeight() > ProfileChart.FEATURE_PANEL_HEIGHT);
        for (int c = 0; c < 3; c++) {
            // Only the lower panel: the legend above would hold the colours anyway.
            int n = count(image, palette.color(c), ProfileChart.FEATURE_PANEL_HEIGHT, image.getHeight());
            assertTrue(n >= PRESENT, "series of cluster " + c + " colour " + palette.hex(c) + ": " + n + " pixels");
        }
    }

    @Test
    void emptyClusterIsNotDrawnInEitherPanel() throws IOException {
        Palette palette = Palette.standard();
        // Cluster 1 has finite profiles but size 0: it must be skipped for its size alone.
        long[] sizes = {500, 0, 300, 200};
        ProfileChart.Input input = new ProfileChart.Input("Empty cluster", FEATURES, features(sizes), dates(30), series(sizes, 30), palette);
        BufferedImage image = decode(ProfileChart.render(input));
        int absent = count(image, palette.color(1), 0, image.getHeight());
        assertTrue(absent <= ABSENT, "colour of the empty cluster drawn on " + absent + " pixels");
        for (int c : new int[] {0, 2, 3}) {
            int n = count(image, palette.color(c), 0, image.getHeight());
            assertTrue(n >= PRESENT, "cluster " + c + ": " + n + " pixels");
        }
    }

    @Test
    void nanMeansAndStdsDoNotCrash() throws IOException {
        long[] sizes = {10, 20, 30};
        int k = sizes.length;
        int m = FEATURES.size();
        double[] mean = new double[k * m];
        double[] std = new double[k * m];
        Arrays.fill(std, 1.0);
        for (int i = 0; i < mean.length; i++) {
            mean[i] = i % 3;
        }
        mean[1] = Double.NaN;
        std[2] = Double.NaN;
        Arrays.fill(mean, 2 * m, 3 * m, Double.NaN); // a cluster with no values at all
        mean[m] = Double.POSITIVE_INFINITY;
        int days = 12;
        double[] sMean = new double[k * days];
        double[] sStd = new double[k * days];
        Arrays.fill(sMean, Double.NaN);
        sMean[3] = 1.0;
        sMean[4] = 2.0;
        sStd[4] = Double.NaN;
        ProfileChart.Input input = new ProfileChart.Input("NaN", FEATURES, new ClusterProfiles(k, m, sizes, mean, std),
                dates(days), new ClusterProfiles(k, days, sizes, sMean, sStd), Palette.standard());
        BufferedImage image = decode(ProfileChart.render(input));
        assertEquals(ProfileChart.FEATURE_PANEL_HEIGHT + ProfileChart.SERIES_PANEL_HEIGHT, image.getHeight());
    }

    @Test
    void noClustersAndConstantFeaturesStillRender() throws IOException {
        ClusterProfiles none = new ClusterProfiles(2, 1, new long[] {0, 0}, new double[] {Double.NaN, Double.NaN}, new double[2]);
        assertEquals(ProfileChart.FEATURE_PANEL_HEIGHT,
                decode(ProfileChart.render(new ProfileChart.Input(null, List.of("x"), none, null))).getHeight());
        ClusterProfiles constant = new ClusterProfiles(2, 1, new long[] {3, 4}, new double[] {5, 5}, new double[] {0, 0});
        assertEquals(ProfileChart.FEATURE_PANEL_HEIGHT,
                decode(ProfileChart.render(new ProfileChart.Input("", List.of("x"), constant, Palette.standard()))).getHeight());
    }

    @Test
    void manyFeaturesAndClustersRender() throws IOException {
        int k = 30;
        int m = 15;
        long[] sizes = new long[k];
        Arrays.fill(sizes, 1000);
        double[] mean = new double[k * m];
        double[] std = new double[k * m];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = Math.sin(i);
            std[i] = 0.3;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            names.add("a_rather_long_feature_name_" + j);
        }
        BufferedImage image = decode(ProfileChart.render(new ProfileChart.Input("many", names, new ClusterProfiles(k, m, sizes, mean, std), Palette.standard())));
        assertEquals(ProfileChart.WIDTH, image.getWidth());
    }

    @Test
    void standardisesByThePooledOverallStd() {
        // Two equal clusters, means 0 and 2, no spread inside: overall mean 1, overall std 1.
        ClusterProfiles p = new ClusterProfiles(2, 2, new long[] {1, 1},
                new double[] {0, 10, 2, 10.01}, new double[] {0, 5, 0, 5});
        double[][] z = new double[2][2];
        double[][] bar = new double[2][2];
        ProfileChart.standardise(p, 0, List.of(0, 1), z, bar);
        assertArrayEquals(new double[] {-1, 1}, new double[] {z[0][0], z[1][0]}, 1e-12);
        assertArrayEquals(new double[] {0, 0}, new double[] {bar[0][0], bar[1][0]}, 1e-12);
        // Feature 1 barely differs between clusters: it must stay near 0, not be stretched.
        ProfileChart.standardise(p, 1, List.of(0, 1), z, bar);
        assertTrue(Math.abs(z[0][1]) < 0.01 && Math.abs(z[1][1]) < 0.01, z[0][1] + ", " + z[1][1]);
        assertEquals(1.0, bar[0][1], 1e-3);
    }

    @Test
    void inputIsChecked() {
        ClusterProfiles f = features(new long[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> new ProfileChart.Input("t", List.of("a"), f, null));
        assertThrows(IllegalArgumentException.class, () -> new ProfileChart.Input("t", List.of("a", "a", "b", "c"), f, null));
        assertThrows(IllegalArgumentException.class, () -> new ProfileChart.Input("t", FEATURES, f, dates(3), null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new ProfileChart.Input("t", FEATURES, f, dates(3), series(new long[] {1, 2, 3}, 4), null));
    }

    // --- fixtures ------------------------------------------------------------------------

    /** Clusters that differ clearly in every feature, in very different units per feature. */
    private static ClusterProfiles features(long[] sizes) {
        int k = sizes.length;
        int m = FEATURES.size();
        double[] scale = {100.0, 5.0, 0.1, 0.05};
        double[] offset = {300.0, -2.0, 0.7, 0.3};
        double[] mean = new double[k * m];
        double[] std = new double[k * m];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < m; j++) {
                mean[c * m + j] = offset[j] + scale[j] * (((c + j) % k) - k / 2.0);
                std[c * m + j] = 0.2 * scale[j];
            }
        }
        return new ClusterProfiles(k, m, sizes, mean, std);
    }

    private static List<LocalDate> dates(int n) {
        List<LocalDate> out = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            out.add(LocalDate.of(2019, 1, 6).plusDays(12L * d));
        }
        return out;
    }

    /** Diverging linear trends, one per cluster, with a spread of 1 mm. */
    private static ClusterProfiles series(long[] sizes, int days) {
        int k = sizes.length;
        double[] mean = new double[k * days];
        double[] std = new double[k * days];
        for (int c = 0; c < k; c++) {
            for (int d = 0; d < days; d++) {
                mean[c * days + d] = (c - 1.5) * 0.8 * d;
                std[c * days + d] = 1.0;
            }
        }
        return new ClusterProfiles(k, days, sizes, mean, std);
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        assertTrue(png.length > 8 && (png[0] & 0xFF) == 0x89 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "PNG signature");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null, "ImageIO decodes the PNG");
        return image;
    }

    /** Pixels in rows [fromY, toY) within {@link #TOLERANCE} of {@code colour}. */
    private static int count(BufferedImage image, Color colour, int fromY, int toY) {
        int n = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double dr = ((rgb >> 16) & 0xFF) - colour.getRed();
                double dg = ((rgb >> 8) & 0xFF) - colour.getGreen();
                double db = (rgb & 0xFF) - colour.getBlue();
                if (Math.sqrt(dr * dr + dg * dg + db * db) <= TOLERANCE) {
                    n++;
                }
            }
        }
        return n;
    }
}
