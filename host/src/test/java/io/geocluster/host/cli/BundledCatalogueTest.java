package io.geocluster.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geocluster.engine.stats.AdjustedRandIndex;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * BatchedKMeans on the bundled catalogue against its ground truth, through the command line as a
 * user runs it.
 */
class BundledCatalogueTest {
    static final Path GPKG = Path.of("..", "test-data", "insar-catalogue.gpkg");
    static final Path CSV = Path.of("..", "test-data", "insar-catalogue.csv");
    static final String STATIC = "height,mean_velocity,temporal_coherence,amplitude_dispersion";

    @TempDir
    Path out;

    private double ari(Path layer, String... extra) throws IOException {
        String[] base = {"batched-kmeans", "--layer", layer.toString(), "--dynamicAttributes", "series",
                "--staticAttributes", STATIC, "--k", "5", "--keepAttributes", "truth", "--output", out.toString(),
                "--overwrite", "--quiet"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        CliRunner.Run run = CliRunner.run(args);
        assertEquals(0, run.status(), run.err());
        int[][] labels = CliRunner.labelsAnd(out.resolve(layerName(layer) + "_clusters.gpkg"), "truth");
        return AdjustedRandIndex.of(labels[1], labels[0]);
    }

    private static String layerName(Path layer) {
        return layer.getFileName().toString().endsWith(".csv") ? "insar_catalogue" : "insar_points";
    }

    @Test
    void standardisedClusteringRecoversTheRegimes() throws Exception {
        double ari = ari(GPKG);
        assertTrue(ari >= 0.85, "ARI vs truth " + ari);

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(5, summary.get("k").asInt());
        assertEquals(20_000, summary.get("rows").get("total").asLong());
        assertEquals(summary.get("rows").get("total").asLong(),
                summary.get("rows").get("train").asLong() + summary.get("rows").get("test").asLong());
        assertTrue(summary.get("passes").size() >= 4);

        BufferedImage png = ImageIO.read(out.resolve("profiles.png").toFile());
        assertTrue(png.getWidth() >= 800 && png.getHeight() >= 600, "chart with a series panel");

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document sld = f.newDocumentBuilder().parse(out.resolve("insar_points_clusters.sld").toFile());
        assertEquals(5 + 1, sld.getElementsByTagNameNS("http://www.opengis.net/sld", "Rule").getLength(),
                "one rule per cluster plus the not-clustered rule");
    }

    @Test
    void withoutStandardisationHeightDominatesAndResultsAreWorse() throws Exception {
        double with = ari(GPKG);
        double without = ari(GPKG, "--standardize", "false");
        assertTrue(without < 0.6 && without < with - 0.25,
                "standardisation must matter: ARI " + with + " with, " + without + " without");
    }

    @Test
    void csvGivesTheSameClusteringQuality() throws Exception {
        double ari = ari(CSV);
        assertTrue(ari >= 0.85, "ARI vs truth from CSV " + ari);
    }
}
