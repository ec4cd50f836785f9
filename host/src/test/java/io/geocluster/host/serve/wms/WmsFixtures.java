package io.geocluster.host.serve.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.host.io.GeoPackagePointSink;
import io.geocluster.host.raster.GeoTiffGrid;
import io.geocluster.host.raster.GeoTiffLabelWriter;
import io.geocluster.plugin.output.ClusterStyles;
import io.geocluster.plugin.output.Palette;
import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerWriter;
import io.geocluster.plugin.spi.OutputLayer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Layers written by the host's own sinks and styled by the plugin's generated SLDs, for the WMS tests. */
final class WmsFixtures {
    static final Palette PALETTE = Palette.standard();

    private WmsFixtures() {
    }

    /**
     * Writes {@code <name>.gpkg} (EPSG:3035) through {@link GeoPackagePointSink} and its SLD from
     * {@link ClusterStyles#pointSld}; a cluster of -1 is written as NULL.
     */
    static void pointLayer(Path dir, String name, double[] x, double[] y, int[] clusters, boolean spatialIndex)
            throws IOException {
        int n = x.length;
        long[] ids = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
            k = Math.max(k, clusters[i] + 1);
        }
        long[] sizes = new long[k];
        for (int c : clusters) {
            if (c >= 0) {
                sizes[c]++;
            }
        }
        GeoPackagePointSink sink = new GeoPackagePointSink(dir, true, spatialIndex);
        try (LayerWriter writer = sink.create(new OutputLayer(name, "EPSG:3035",
                new AttributeInfo("pid", AttributeType.INTEGER), List.of()))) {
            writer.write(new FeatureBatch(n, 0, new float[0], ids, x, y), clusters, new byte[n], (r, c) -> null);
            writer.commit(ClusterStyles.pointSld(name, "test clusters", sizes, PALETTE));
        }
    }

    /** Writes {@code <name>.tif} with {@link GeoTiffLabelWriter} and {@code <name>.sld} from {@link ClusterStyles#rasterSld}. */
    static void labelRaster(Path dir, String name, GeoTiffGrid grid, byte[] labels, int classes, double opacity)
            throws IOException {
        long[] sizes = new long[classes];
        for (byte b : labels) {
            int v = b & 0xFF;
            if (v < classes) {
                sizes[v]++;
            }
        }
        GeoTiffLabelWriter.write(dir.resolve(name + ".tif"), grid, labels);
        Files.writeString(dir.resolve(name + ".sld"),
                ClusterStyles.rasterSld(name, "test classes", sizes, PALETTE, opacity), StandardCharsets.UTF_8);
    }

    /** Request parameters from alternating names and values. */
    static Map<String, String> kvp(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** Decodes a PNG answer, failing with the body when it is not one. */
    static BufferedImage image(WmsResponse r) throws IOException {
        assertEquals("image/png", r.contentType(), r.text());
        assertEquals(200, r.status());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertNotNull(img, "not a PNG");
        return img;
    }

    /** Parses an XML answer with a namespace-aware DOM. */
    static Document dom(WmsResponse r) throws Exception {
        return Xml.secureBuilder().parse(new ByteArrayInputStream(r.body()));
    }

    /** The exception code of a {@code ServiceExceptionReport} answer ("" when it has none). */
    static String exceptionCode(WmsResponse r) throws Exception {
        Document d = dom(r);
        assertEquals("ServiceExceptionReport", d.getDocumentElement().getLocalName(), r.text());
        assertEquals("http://www.opengis.net/ogc", d.getDocumentElement().getNamespaceURI());
        Element e = (Element) d.getElementsByTagNameNS("http://www.opengis.net/ogc", "ServiceException").item(0);
        return e.getAttribute("code");
    }

    /** ARGB of a colour, for comparisons with {@link BufferedImage#getRGB}. */
    static String argb(Color c) {
        return String.format("%08X", c.getRGB());
    }

    /** ARGB of a pixel as text, so failures show colours. */
    static String pixel(BufferedImage img, int x, int y) {
        return String.format("%08X", img.getRGB(x, y));
    }
}
