package io.geocluster.host.serve.wms;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;

/**
 * Draws a GetLegendGraphic image: one row per style class, a swatch (a circle for point
 * layers, a square for rasters) followed by the class label, on a transparent background.
 *
 * <p>The swatch of row {@code r} fills the square {@code [PAD, PAD + size)} across and
 * {@code [PAD + r·(rowHeight + GAP), … + size)} down, rowHeight being the larger of the swatch
 * size and the font height; its centre pixel has exactly the class's fill colour.
 */
final class LegendRenderer {
    /** Margin around the legend, in pixels. */
    static final int PAD = 4;
    /** Space between rows and between swatch and text. */
    static final int GAP = 4;
    /** Most rows drawn; a style with more classes is cut, with a last row saying so. */
    static final int MAX_ROWS = 256;

    private LegendRenderer() {
    }

    /**
     * @param style the style to explain
     * @param kind decides the swatch shape
     * @param size swatch width and height in pixels
     */
    static BufferedImage render(LayerStyle style, LayerKind kind, int size) {
        var classes = style.classes();
        int rows = Math.min(classes.size(), MAX_ROWS);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.min(size, 48)) * 3 / 5 + 4);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int textWidth = 0;
        for (int r = 0; r < rows; r++) {
            textWidth = Math.max(textWidth, fm.stringWidth(classes.get(r).label()));
        }
        pg.dispose();
        int rowHeight = Math.max(size, fm.getHeight());
        int width = PAD + size + GAP + textWidth + PAD;
        int height = PAD + rows * rowHeight + Math.max(0, rows - 1) * GAP + PAD;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            for (int r = 0; r < rows; r++) {
                StyleClass c = classes.get(r);
                int top = PAD + r * (rowHeight + GAP);
                if (kind == LayerKind.POINTS) {
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    Ellipse2D.Double circle = new Ellipse2D.Double(PAD + 0.5, top + 0.5, size - 1, size - 1);
                    g.setColor(c.fill());
                    g.fill(circle);
                    if (c.stroke() != null) {
                        g.setColor(c.stroke());
                        g.draw(circle);
                    }
                } else {
                    g.setColor(c.fill());
                    g.fillRect(PAD, top, size, size);
                }
                g.setColor(Color.BLACK);
                int baseline = top + (rowHeight - fm.getHeight()) / 2 + fm.getAscent();
                g.drawString(c.label(), PAD + size + GAP, baseline);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
