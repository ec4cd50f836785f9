package io.geocluster.host.serve.wms;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a GetMap request into an ARGB image, layer after layer over the background, and encodes
 * it as PNG with ImageIO.
 *
 * <p><b>Thread safety:</b> stateless; concurrent requests each draw their own image.
 */
final class MapRenderer {
    private MapRenderer() {
    }

    /**
     * Draws the layers, in request order, with their resolved styles.
     *
     * @param layers the layers of {@code map.layers()}, resolved
     * @param styles their styles, same order
     */
    static BufferedImage render(MapRequest map, List<WmsLayer> layers, List<LayerStyle> styles) throws IOException {
        BufferedImage image = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            if (!map.transparent()) {
                g.setColor(map.background());
                g.fillRect(0, 0, map.width(), map.height());
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            PixelSpace px = new PixelSpace(map.bbox(), map.width(), map.height());
            for (int i = 0; i < layers.size(); i++) {
                WmsLayer layer = layers.get(i);
                if (layer.kind() == LayerKind.POINTS && FolderWmsLayers.isCsv(layer.data())) {
                    CsvPoints.paint(g, layer, styles.get(i), map, px);
                } else if (layer.kind() == LayerKind.POINTS) {
                    PointPainter.paint(g, layer, styles.get(i), map, px);
                } else {
                    RasterPainter.paint(g, layer, styles.get(i), map, px);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** PNG bytes of an image. */
    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("the JDK has no PNG writer");
        }
        return out.toByteArray();
    }
}
