package io.geocluster.plugin.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaletteTest {
    private static final Color NOT_CLUSTERED_GREY = new Color(0xA0A0A0);

    @Test
    void standardPaletteHasAtLeastTwentyColoursFromTheFile() {
        Palette palette = Palette.standard();
        assertTrue(palette.size() >= 20, "size " + palette.size());
        assertEquals("#E69F00", palette.hex(0));
        assertEquals(new Color(0xE6, 0x9F, 0x00), palette.color(0));
        assertEquals("#56B4E9", palette.hex(1));
    }

    @Test
    void firstTwentyColoursArePairwiseClearlyDifferent() {
        Palette palette = Palette.standard();
        for (int i = 0; i < 20; i++) {
            for (int j = i + 1; j < 20; j++) {
                double de = Palette.deltaE76(palette.color(i), palette.color(j));
                assertTrue(de > 10, "ΔE(" + palette.hex(i) + ", " + palette.hex(j) + ") = " + de);
            }
        }
    }

    @Test
    void paletteColoursStayClearOfTheNotClusteredGrey() {
        Palette palette = Palette.standard();
        for (int i = 0; i < palette.size(); i++) {
            double de = Palette.deltaE76(palette.color(i), NOT_CLUSTERED_GREY);
            assertTrue(de > 10, palette.hex(i) + " is too close to grey: ΔE " + de);
        }
    }

    @Test
    void deltaEMatchesReferenceValues() {
        assertEquals(100.0, Palette.deltaE76(Color.BLACK, Color.WHITE), 0.01);
        double[] red = Palette.toLab(Color.RED);
        assertEquals(53.24, red[0], 0.05);
        assertEquals(80.09, red[1], 0.05);
        assertEquals(67.20, red[2], 0.05);
    }

    @Test
    void hexIsUpperCaseHashRrggbb() {
        Palette palette = Palette.standard();
        for (int i = 0; i < palette.size() + 50; i++) {
            String hex = palette.hex(i);
            assertTrue(hex.matches("#[0-9A-F]{6}"), hex);
            assertEquals(palette.color(i), Color.decode(hex));
        }
    }

    @Test
    void generatedColoursAreDeterministicAndDifferFromThePreviousOne() throws IOException {
        Palette standard = Palette.standard();
        Palette reread;
        try (var in = Palette.class.getResourceAsStream(Palette.STANDARD_RESOURCE);
                var reader = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
            reread = Palette.read(reader);
        }
        for (int i = standard.size(); i < standard.size() + 300; i++) {
            assertEquals(standard.color(i), standard.color(i), "same call twice");
            assertEquals(standard.color(i), reread.color(i), "same palette read twice");
            double de = Palette.deltaE76(standard.color(i), standard.color(i - 1));
            assertTrue(de > 10, "cluster " + i + " vs " + (i - 1) + ": ΔE " + de);
            double[] lab = Palette.toLab(standard.color(i));
            assertTrue(Math.hypot(lab[1], lab[2]) > 10, "cluster " + i + " is nearly grey: " + standard.hex(i));
        }
    }

    @Test
    void generatedColoursStartRightAfterASmallPalette() {
        Palette two = Palette.of(List.of(Color.RED, Color.BLUE));
        assertEquals(2, two.size());
        assertEquals(Color.BLUE, two.color(1));
        assertNotEquals(Color.BLUE, two.color(2));
        // The generated sequence depends only on the position beyond the palette.
        assertEquals(Palette.standard().color(Palette.standard().size()), two.color(2));
    }

    @Test
    void negativeClusterIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Palette.standard().color(-1));
    }

    @Test
    void outlineContrastsWithTheFill() {
        Palette palette = Palette.of(List.of(new Color(0xF0E442), new Color(0x332288)));
        assertEquals("#333333", palette.outlineHex(0), "dark outline around yellow");
        assertEquals("#FFFFFF", palette.outlineHex(1), "white outline around indigo");
    }

    @Test
    void readsCommentsAndTrailingText() throws IOException {
        Palette p = Palette.read(new StringReader("# header\n#\n\n#112233  dark   # note\n  #abcdef\n"));
        assertEquals(2, p.size());
        assertEquals("#112233", p.hex(0));
        assertEquals("#ABCDEF", p.hex(1));
    }

    @Test
    void rejectsGarbageDuplicatesAndEmptyFiles() {
        assertThrows(IllegalArgumentException.class, () -> Palette.read(new StringReader("#112233\nred\n")));
        assertThrows(IllegalArgumentException.class, () -> Palette.read(new StringReader("#112233\n#112233\n")));
        assertThrows(IllegalArgumentException.class, () -> Palette.read(new StringReader("# only a comment\n")));
    }
}
