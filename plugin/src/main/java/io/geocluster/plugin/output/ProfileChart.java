package io.geocluster.plugin.output;

import io.geocluster.engine.stats.ClusterProfiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Renders the cluster-profile PNG returned by the processes: each cluster's mean ± std of every
 * feature and, when the layer has per-date displacement, its mean displacement over time.
 *
 * <p><b>Feature panel.</b> Features have different units (metres, mm/yr, unitless coherence), so
 * each is shown standardised over all clustered points: z = (cluster mean − overall mean) /
 * overall std, with error bars of ± (cluster std / overall std). The overall mean and std are
 * pooled from the profiles (size-weighted mean; law of total variance). This is chosen over
 * z-scores of the cluster means among themselves or a min-max scaling per feature because
 * those stretch every feature to the full height even when all clusters are nearly alike in it,
 * so a feature that separates nothing would look as decisive as one that separates everything;
 * with the pooled std a non-separating feature stays near 0 and the bars are in the same
 * units as the means. It is also the space k-means worked in when {@code standardize=true}.
 *
 * <p><b>Series panel</b> (only with a series): mean displacement (mm) against date per cluster,
 * with a translucent ± 1 std band. Clusters of size 0 are left out of both panels and the legend;
 * NaN or infinite means are left out as points (lines break there), NaN stds draw no bar.
 */
public final class ProfileChart {
    /** Width of the image in pixels. */
    public static final int WIDTH = 1200;
    /** Height of the feature panel, and of the whole image when there is no series. */
    public static final int FEATURE_PANEL_HEIGHT = 500;
    /** Height of the series panel added beneath the feature panel when there is a series. */
    public static final int SERIES_PANEL_HEIGHT = 400;

    private static final Color GRID = new Color(0xD8, 0xD8, 0xD8);
    private static final Color ZERO_LINE = new Color(0x80, 0x80, 0x80);
    private static final float SERIES_BAND_ALPHA = 0.2f;
    /** Beyond this many features the category labels are slanted so that they do not collide. */
    private static final int SLANT_LABELS_ABOVE = 8;

    private ProfileChart() {}

    /**
     * What to draw.
     *
     * @param title chart title ({@code null} for none)
     * @param featureNames one name per column of {@code features}, distinct
     * @param features per-cluster mean and std of each feature, in the features' own units;
     *     its sizes decide which clusters are drawn and what the legend says
     * @param dates one date per column of {@code series}; {@code null} exactly when series is
     * @param series per-cluster mean and std of the displacement (mm) at each date, same
     *     clusters as {@code features}; {@code null} for none
     * @param palette cluster colours ({@code null} for {@link Palette#standard()})
     */
    public record Input(
            String title,
            List<String> featureNames,
            ClusterProfiles features,
            List<LocalDate> dates,
            ClusterProfiles series,
            Palette palette) {

        /** Checks that names, dates and profiles agree, and copies the lists. */
        public Input {
            Objects.requireNonNull(featureNames, "featureNames");
            Objects.requireNonNull(features, "features");
            featureNames = List.copyOf(featureNames);
            if (featureNames.size() != features.columns()) {
                throw new IllegalArgumentException(featureNames.size() + " feature names for " + features.columns() + " feature columns");
            }
            if (new HashSet<>(featureNames).size() != featureNames.size()) {
                throw new IllegalArgumentException("feature names repeat: " + featureNames);
            }
            if ((dates == null) != (series == null)) {
                throw new IllegalArgumentException("dates and series go together: give both or neither");
            }
            if (series != null) {
                dates = List.copyOf(dates);
                if (dates.size() != series.columns()) {
                    throw new IllegalArgumentException(dates.size() + " dates for " + series.columns() + " series columns");
                }
                if (series.clusters() != features.clusters()) {
                    throw new IllegalArgumentException("series has " + series.clusters() + " clusters, features " + features.clusters());
                }
            }
            if (palette == null) {
                palette = Palette.standard();
            }
        }

        /** Input without a displacement series. */
        public Input(String title, List<String> featureNames, ClusterProfiles features, Palette palette) {
            this(title, featureNames, features, null, null, palette);
        }

        /** Whether the series panel is drawn. */
        public boolean hasSeries() {
            return series != null;
        }

        /** Height of the rendered image in pixels. */
        public int height() {
            return FEATURE_PANEL_HEIGHT + (hasSeries() ? SERIES_PANEL_HEIGHT : 0);
        }
    }

    /** Renders the chart as a PNG of {@link #WIDTH} × {@link Input#height()} pixels. */
    public static byte[] render(Input input) {
        Objects.requireNonNull(input, "input");
        BufferedImage image = draw(input);
        return Png.encode(image);
    }

    /** Renders the chart into an image; the two panels are separate charts stacked vertically. */
    static BufferedImage draw(Input input) {
        // Drawn clusters: non-empty ones, in cluster order. Index in this list = series index.
        List<Integer> shown = new ArrayList<>();
        for (int c = 0; c < input.features().clusters(); c++) {
            if (input.features().size(c) > 0) {
                shown.add(c);
            }
        }
        BufferedImage image = new BufferedImage(WIDTH, input.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setColor(Color.WHITE);
            g2.fillRect(0, 0, WIDTH, input.height());
            featureChart(input, shown).draw(g2, new Rectangle2D.Double(0, 0, WIDTH, FEATURE_PANEL_HEIGHT));
            if (input.hasSeries()) {
                seriesChart(input, shown).draw(g2, new Rectangle2D.Double(0, FEATURE_PANEL_HEIGHT, WIDTH, SERIES_PANEL_HEIGHT));
            }
        } finally {
            g2.dispose();
        }
        return image;
    }

    private static JFreeChart featureChart(Input input, List<Integer> shown) {
        ClusterProfiles p = input.features();
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        double[][] z = new double[shown.size()][];
        double[][] bar = new double[shown.size()][];
        for (int s = 0; s < shown.size(); s++) {
            z[s] = new double[p.columns()];
            bar[s] = new double[p.columns()];
        }
        for (int j = 0; j < p.columns(); j++) {
            standardise(p, j, shown, z, bar);
        }
        for (int s = 0; s < shown.size(); s++) {
            int c = shown.get(s);
            String key = ClusterStyles.legendTitle(c, p.size(c));
            for (int j = 0; j < p.columns(); j++) {
                // null mean = no point (the renderer skips it); null std = no bar.
                Double mean = Double.isFinite(z[s][j]) ? z[s][j] : null;
                Double std = mean != null && Double.isFinite(bar[s][j]) ? bar[s][j] : null;
                dataset.add(mean, std, key, input.featureNames().get(j));
            }
        }

        StatisticalLineAndShapeRenderer renderer = new StatisticalLineAndShapeRenderer(true, true);
        // Spread the clusters a little within each category so that their error bars do not
        // sit on top of each other.
        renderer.setUseSeriesOffset(true);
        renderer.setItemMargin(0.6);
        renderer.setErrorIndicatorStroke(new BasicStroke(1.2f));
        renderer.setUseOutlinePaint(true);
        renderer.setDrawOutlines(true);
        for (int s = 0; s < shown.size(); s++) {
            int c = shown.get(s);
            renderer.setSeriesPaint(s, input.palette().color(c));
            renderer.setSeriesOutlinePaint(s, input.palette().outline(c));
            renderer.setSeriesStroke(s, new BasicStroke(2.0f));
            renderer.setSeriesOutlineStroke(s, new BasicStroke(1.0f));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
        }

        CategoryAxis x = new CategoryAxis(null);
        x.setCategoryMargin(0.15);
        x.setMaximumCategoryLabelLines(2);
        if (p.columns() > SLANT_LABELS_ABOVE) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis y = new NumberAxis("z = (mean − overall mean) / overall std");
        y.setAutoRangeIncludesZero(true);
        CategoryPlot plot = new CategoryPlot(dataset, x, y, renderer);
        plot.setNoDataMessage("No feature profiles");
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(false);
        plot.addRangeMarker(new ValueMarker(0.0, ZERO_LINE, new BasicStroke(1.0f)));

        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (input.title() != null && !input.title().isBlank()) {
            chart.setTitle(new TextTitle(input.title(), JFreeChart.DEFAULT_TITLE_FONT));
        }
        chart.addSubtitle(new TextTitle("Cluster mean ± std of each feature, standardised by the feature's mean and std over all clustered points",
                new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        return chart;
    }

    /**
     * Fills column {@code j} of {@code z} (standardised cluster means) and {@code bar}
     * (standardised cluster stds) from pooled statistics of the shown clusters: overall mean =
     * size-weighted mean of the cluster means; overall variance = Σ n_c (std_c² + (mean_c −
     * mean)²) / Σ n_c. Clusters with a non-finite mean are left out of the pooling and get NaN.
     */
    static void standardise(ClusterProfiles p, int j, List<Integer> shown, double[][] z, double[][] bar) {
        double weight = 0;
        double sum = 0;
        for (int c : shown) {
            double m = p.mean(c, j);
            if (Double.isFinite(m)) {
                weight += p.size(c);
                sum += p.size(c) * m;
            }
        }
        double overallMean = weight > 0 ? sum / weight : Double.NaN;
        double spread = 0;
        for (int c : shown) {
            double m = p.mean(c, j);
            if (Double.isFinite(m)) {
                double sd = finiteOrZero(p.std(c, j));
                spread += p.size(c) * (sd * sd + (m - overallMean) * (m - overallMean));
            }
        }
        double overallStd = weight > 0 ? Math.sqrt(spread / weight) : Double.NaN;
        // A constant feature (overall std 0) is drawn at 0 with no spread rather than as 0/0.
        boolean constant = !(overallStd > 0) || !Double.isFinite(overallStd);
        for (int s = 0; s < shown.size(); s++) {
            int c = shown.get(s);
            double m = p.mean(c, j);
            if (!Double.isFinite(m)) {
                z[s][j] = Double.NaN;
                bar[s][j] = Double.NaN;
            } else if (constant) {
                z[s][j] = 0.0;
                bar[s][j] = 0.0;
            } else {
                z[s][j] = (m - overallMean) / overallStd;
                double sd = p.std(c, j);
                bar[s][j] = Double.isFinite(sd) ? sd / overallStd : Double.NaN;
            }
        }
    }

    private static JFreeChart seriesChart(Input input, List<Integer> shown) {
        ClusterProfiles p = input.series();
        List<LocalDate> dates = input.dates();
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        for (int c : shown) {
            YIntervalSeries series = new YIntervalSeries(ClusterStyles.legendTitle(c, input.features().size(c)));
            for (int d = 0; d < dates.size(); d++) {
                double m = p.mean(c, d);
                if (!Double.isFinite(m)) {
                    continue; // DeviationRenderer cannot close a band around a NaN
                }
                double sd = finiteOrZero(p.std(c, d));
                double x = dates.get(d).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                series.add(x, m, m - sd, m + sd);
            }
            dataset.addSeries(series);
        }

        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(SERIES_BAND_ALPHA);
        for (int s = 0; s < shown.size(); s++) {
            Color colour = input.palette().color(shown.get(s));
            renderer.setSeriesPaint(s, colour);
            renderer.setSeriesFillPaint(s, colour);
            renderer.setSeriesStroke(s, new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }

        // UTC on both sides: dates are calendar days, not instants in the server's zone.
        DateAxis x = new DateAxis("date", TimeZone.getTimeZone("UTC"), Locale.ROOT);
        NumberAxis y = new NumberAxis("displacement (mm)");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setNoDataMessage("No displacement values");
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinePaint(GRID);
        plot.addRangeMarker(new ValueMarker(0.0, ZERO_LINE, new BasicStroke(1.0f)));

        // Same colours and clusters as the panel above, whose legend serves both.
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle("Mean displacement per cluster, band: ± 1 std",
                new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        return chart;
    }

    private static double finiteOrZero(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
