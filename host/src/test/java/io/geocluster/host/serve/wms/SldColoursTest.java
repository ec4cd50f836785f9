package io.geocluster.host.serve.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.geocluster.plugin.output.ClusterStyles;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the SLDs that {@link ClusterStyles} generates, and refuses hostile ones. */
class SldColoursTest {
    @TempDir
    Path dir;

    private static LayerStyle read(String sld, LayerKind kind) throws IOException {
        return SldColours.read(new ByteArrayInputStream(sld.getBytes(StandardCharsets.UTF_8)), kind, "test.sld");
    }

    @Test
    void pointRulesGiveEachClusterItsPaletteColour() throws IOException {
        // Cluster 1 is empty: ClusterStyles writes no rule for it.
        String sld = ClusterStyles.pointSld("layer", "title", new long[] {3, 0, 1234}, WmsFixtures.PALETTE);
        LayerStyle style = read(sld, LayerKind.POINTS);
        assertEquals("layer", style.name());
        assertEquals(3, style.classes().size());
        assertEquals(WmsFixtures.PALETTE.color(0), style.classOf(0).fill());
        assertEquals(WmsFixtures.PALETTE.outline(0), style.classOf(0).stroke());
        assertEquals(6.0, style.classOf(0).size());
        assertEquals(WmsFixtures.PALETTE.color(2), style.classOf(2).fill());
        assertEquals("Cluster 2 (1 234 points)", style.classOf(2).label().replace('\u00a0', ' ').replace('\u202f', ' '));
        assertNull(style.classOf(1), "an empty cluster has no rule and is not drawn");
        assertNull(style.classOf(7));
        assertEquals(new Color(0xA0, 0xA0, 0xA0), style.classOf(null).fill());
        assertEquals("Not clustered", style.classOf(null).label());
        assertEquals(4.0, style.classOf(null).size());
    }

    @Test
    void rasterEntriesCarryColourLabelAndOpacity() throws IOException {
        String sld = ClusterStyles.rasterSld("classes", "title", new long[] {5, 0, 7}, WmsFixtures.PALETTE, 0.5);
        LayerStyle style = read(sld, LayerKind.RASTER);
        assertEquals(2, style.classes().size());
        Color c0 = WmsFixtures.PALETTE.color(0);
        assertEquals(new Color(c0.getRed(), c0.getGreen(), c0.getBlue(), 128), style.classOf(0).fill());
        assertNull(style.classOf(1));
        assertNull(style.classOf(255), "nodata has no entry");
        assertEquals(WmsFixtures.PALETTE.color(2).getRGB() & 0xFFFFFF, style.classOf(2).fill().getRGB() & 0xFFFFFF);
    }

    @Test
    void fileFromDiskIsRead() throws IOException {
        Path f = dir.resolve("s.sld");
        Files.writeString(f, ClusterStyles.rasterSld("s", "t", new long[] {1}, WmsFixtures.PALETTE, 1), StandardCharsets.UTF_8);
        assertEquals(WmsFixtures.PALETTE.color(0), SldColours.read(f, LayerKind.RASTER).classOf(0).fill());
    }

    @Test
    void externalEntitiesAndDoctypesAreRefused() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "#FF0000");
        String sld = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\"><ColorMap>"
                + "<ColorMapEntry color=\"&x;\" quantity=\"0\"/></ColorMap></StyledLayerDescriptor>";
        assertThrows(IOException.class, () -> read(sld, LayerKind.RASTER));
    }

    @Test
    void malformedStylesAreErrorsNotCrashes() {
        assertThrows(IOException.class, () -> read("<StyledLayerDescriptor", LayerKind.POINTS));
        assertThrows(IllegalArgumentException.class, () -> read("<a/>", LayerKind.POINTS));
        assertThrows(IllegalArgumentException.class, () -> read(
                "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\"><ColorMap type=\"ramp\">"
                        + "<ColorMapEntry color=\"#000000\" quantity=\"0\"/></ColorMap></StyledLayerDescriptor>",
                LayerKind.RASTER));
        assertThrows(IllegalArgumentException.class, () -> read(
                "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\"><ColorMap>"
                        + "<ColorMapEntry color=\"red\" quantity=\"0\"/></ColorMap></StyledLayerDescriptor>",
                LayerKind.RASTER));
    }

    @Test
    void layerWithoutSldGetsTheDefaultStyle() {
        LayerStyle d = LayerStyle.defaultStyle(LayerKind.POINTS);
        assertEquals(LayerStyle.DEFAULT_FILL, d.classOf(3).fill());
        assertEquals(LayerStyle.DEFAULT_FILL, d.classOf(null).fill());
    }
}
