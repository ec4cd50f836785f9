package io.geocluster.plugin.output;

import io.geocluster.engine.stats.ClusterProfiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * The spectral-signature chart of an IIkMC run: per class, the mean value of every band (in the
 * bands' own unit, reflectance for Landsat) with ± one standard deviation, one line per class in
 * the class's map colour, bands along the horizontal axis in input order.
 */
public final class SpectralChart {
    /** Image width in pixels. */
    public static final int WIDTH = 1000;
    /** Image height in pixels. */
    public static final int HEIGHT = 600;
    private static final Color GRID = new Color(0xD8, 0xD8, 0xD8);

    private SpectralChart() {
    }

    /**
     * Renders the chart as PNG.
     *
     * @param title chart title, or {@code null}
     * @param bands band names, one per column of {@code profiles}
     * @param profiles per-class mean and std of every band; classes of size 0 are not drawn
     * @param unit the value axis label, e.g. {@code reflectance}
     */
    public static byte[] render(String title, List<String> bands, ClusterProfiles profiles, Palette palette,
                                String unit) {
        Objects.requireNonNull(profiles, "profiles");
        if (bands.size() != profiles.columns()) {
            throw new IllegalArgumentException(bands.size() + " band names for " + profiles.columns() + " columns");
        }
        BufferedImage image = draw(title, bands, profiles, palette, unit);
        return Png.encode(image);
    }

    static BufferedImage draw(String title, List<String> bands, ClusterProfiles p, Palette palette, String unit) {
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        StatisticalLineAndShapeRenderer renderer = new StatisticalLineAndShapeRenderer(true, true);
        renderer.setErrorIndicatorStroke(new BasicStroke(1.2f));
        renderer.setUseOutlinePaint(true);
        renderer.setDrawOutlines(true);
        int series = 0;
        for (int c = 0; c < p.clusters(); c++) {
            if (p.size(c) == 0) {
                continue;
            }
            String key = ClusterStyles.classTitle(c, p.size(c));
            for (int j = 0; j < p.columns(); j++) {
                double sd = p.std(c, j);
                Double mean = p.mean(c, j);
                dataset.add(mean, Double.isFinite(sd) ? Double.valueOf(sd) : null, key, bands.get(j));
            }
            renderer.setSeriesPaint(series, palette.color(c));
            renderer.setSeriesOutlinePaint(series, palette.outline(c));
            renderer.setSeriesStroke(series, new BasicStroke(2.0f));
            renderer.setSeriesShape(series, new Ellipse2D.Double(-4, -4, 8, 8));
            series++;
        }
        CategoryAxis x = new CategoryAxis("band");
        x.setCategoryMargin(0.1);
        NumberAxis y = new NumberAxis(unit);
        y.setAutoRangeIncludesZero(false);
        CategoryPlot plot = new CategoryPlot(dataset, x, y, renderer);
        plot.setNoDataMessage("No class has pixels");
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (title != null && !title.isBlank()) {
            chart.setTitle(new TextTitle(title, JFreeChart.DEFAULT_TITLE_FONT));
        }
        chart.addSubtitle(new TextTitle("Spectral signature of each class: mean ± std over its pooled pixels",
                new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            chart.draw(g2, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        } finally {
            g2.dispose();
        }
        return image;
    }
}
