package io.geocluster.host.testdata;

import io.geocluster.plugin.raster.QaMask;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.geocluster.host.raster.GeoTiffBand;
import io.geocluster.host.raster.GeoTiffGrid;
import io.geocluster.host.raster.LandsatScene;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandsatSceneGeneratorTest {

    private static final LandsatSceneGenerator.Options SMALL = new LandsatSceneGenerator.Options(3, 128, 42);

    @TempDir
    static Path shared;

    private static List<Path> scenes;

    @BeforeAll
    static void generate() throws IOException {
        LandsatSceneGenerator.write(shared.resolve("gen"), SMALL);
        scenes = LandsatSceneGenerator.sceneFolders(shared.resolve("gen"), SMALL);
    }

    private static String id(Path folder) {
        return folder.getFileName().toString();
    }

    private static int[] read(Path folder, String suffix) throws IOException {
        return GeoTiffBand.open(folder.resolve(id(folder) + "_" + suffix + ".TIF")).readAll();
    }

    @Test
    void sameSeedGivesSameBytesAndOtherSeedDiffers(@TempDir Path dir) throws IOException {
        LandsatSceneGenerator.write(dir.resolve("again"), SMALL);
        LandsatSceneGenerator.write(dir.resolve("other"), new LandsatSceneGenerator.Options(3, 128, 43));
        for (Path scene : scenes) {
            List<Path> files;
            try (Stream<Path> s = Files.list(scene)) {
                files = s.sorted().toList();
            }
            assertEquals(10, files.size(), "files in " + scene);
            for (Path f : files) {
                Path twin = dir.resolve("again").resolve(id(scene)).resolve(f.getFileName());
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(twin), f.getFileName().toString());
            }
            Path b4 = Path.of(id(scene) + "_SR_B4.TIF");
            assertFalse(java.util.Arrays.equals(Files.readAllBytes(scene.resolve(b4)),
                    Files.readAllBytes(dir.resolve("other").resolve(id(scene)).resolve(b4))));
        }
    }

    @Test
    void scenesOpenWithL2CoefficientsAndOwnGrids() throws IOException {
        int[] expectedEpsg = {32632, 32632, 32633};
        Set<String> ids = new HashSet<>();
        List<GeoTiffGrid> grids = new ArrayList<>();
        for (int s = 0; s < scenes.size(); s++) {
            Path folder = scenes.get(s);
            assertTrue(id(folder).matches("LC0[89]_L2SP_\\d{6}_\\d{8}_\\d{8}_02_T1"), id(folder));
            ids.add(id(folder));
            LandsatScene scene = LandsatScene.open(folder, null);
            assertEquals(id(folder), scene.productId());
            assertEquals(LandsatSceneGenerator.BANDS, scene.bands());
            assertTrue(scene.hasAerosol());
            assertTrue(scene.mtl().isPresent());
            for (int b = 0; b < scene.bands().size(); b++) {
                assertEquals(2.75e-5, scene.mult(b), 0.0);
                assertEquals(-0.2, scene.add(b), 0.0);
            }
            GeoTiffGrid g = scene.grid();
            assertEquals(128, g.width());
            assertEquals(128, g.height());
            assertEquals(30.0, g.pixelSizeX(), 0.0);
            assertEquals(-30.0, g.pixelSizeY(), 0.0);
            assertEquals(expectedEpsg[s], g.epsg());
            assertEquals(16, GeoTiffBand.open(folder.resolve(id(folder) + "_QA_PIXEL.TIF")).bitsPerSample());
            assertEquals(8, GeoTiffBand.open(folder.resolve(id(folder) + "_SR_QA_AEROSOL.TIF")).bitsPerSample());
            assertEquals(16, GeoTiffBand.open(folder.resolve(id(folder) + "_SR_B2.TIF")).bitsPerSample());
            String mtl = Files.readString(scene.mtl().get(), StandardCharsets.UTF_8);
            assertTrue(mtl.contains("GROUP = LEVEL1_RADIOMETRIC_RESCALING"));
            assertTrue(mtl.contains("REFLECTANCE_MULT_BAND_7 = 2.0000E-05"));
            grids.add(g);
        }
        assertEquals(3, ids.size());
        // Scenes 0 and 1 share a CRS but not a grid: origins differ by a non-multiple of the pixel size.
        double dx = (grids.get(1).originX() - grids.get(0).originX()) / 30.0;
        assertNotEquals(Math.rint(dx), dx);
    }

    @Test
    void defaultMaskKeepsExactlyTheTruthPixels() throws IOException {
        for (Path folder : scenes) {
            checkMaskAndTruth(folder);
        }
    }

    /** Default mask == truth != 255; fill, cloud, dilated and shadow exist and are masked; all classes occur. */
    private static void checkMaskAndTruth(Path folder) throws IOException {
        {
            LandsatScene scene = LandsatScene.open(folder, null);
            int size = scene.grid().width();
            int n = size * size;
            float[] refl = new float[n * 6];
            boolean[] valid = new boolean[n];
            int count = scene.readRows(0, size, QaMask.defaults(), refl, valid);
            int[] truth = read(folder, "TRUTH");
            int[] qa = read(folder, "QA_PIXEL");
            int[] b2 = read(folder, "SR_B2");
            int cloud = 0;
            int shadow = 0;
            int fill = 0;
            int dilated = 0;
            Set<Integer> classes = new HashSet<>();
            double[][] sum = new double[6][6];
            int[] per = new int[6];
            for (int i = 0; i < n; i++) {
                assertEquals(truth[i] != 255, valid[i], "pixel " + i + " of " + id(folder));
                if (valid[i]) {
                    assertTrue(truth[i] <= 5);
                    classes.add(truth[i]);
                    per[truth[i]]++;
                    for (int b = 0; b < 6; b++) {
                        sum[truth[i]][b] += refl[i * 6 + b];
                    }
                }
                if ((qa[i] & 1) != 0) {
                    fill++;
                    assertEquals(0, b2[i]);
                    assertFalse(valid[i]);
                }
                if ((qa[i] & 8) != 0) {
                    cloud++;
                    assertEquals(3, (qa[i] >> 8) & 3, "high cloud confidence");
                    assertFalse(valid[i]);
                }
                if ((qa[i] & 2) != 0) {
                    dilated++;
                }
                if ((qa[i] & 16) != 0) {
                    shadow++;
                    assertFalse(valid[i]);
                }
                if (valid[i]) {
                    assertEquals(64, qa[i] & 64, "valid pixels are clear");
                    assertEquals(truth[i] == 0, (qa[i] & 128) != 0, "water bit on water");
                }
            }
            assertTrue(count > n / 2, "valid " + count);
            assertTrue(fill > 0 && cloud > 0 && shadow > 0 && dilated > 0,
                    id(folder) + ": fill " + fill + " cloud " + cloud + " shadow " + shadow + " dilated " + dilated);
            assertEquals(6, classes.size(), id(folder) + " classes " + classes);
            // Water is dark and falls into the NIR; vegetation has a red edge.
            assertTrue(sum[0][3] / per[0] < sum[0][2] / per[0]);
            assertTrue(sum[1][3] / per[1] > 4 * sum[1][2] / per[1]);
        }
    }

    @Test
    void aerosolBits3And5AreOnClearPixelsOnly() throws IOException {
        QaMask c1Habit = QaMask.parse("qa_aerosol:bit3,bit5");
        for (Path folder : scenes) {
            int[] truth = read(folder, "TRUTH");
            int[] qa = read(folder, "QA_PIXEL");
            int[] aero = read(folder, "SR_QA_AEROSOL");
            int valid = 0;
            int flagged = 0;
            for (int i = 0; i < truth.length; i++) {
                boolean cloud = (qa[i] & (2 | 8 | 16)) != 0;
                if (cloud) {
                    assertFalse(c1Habit.masked(qa[i], aero[i]), "aerosol bits 3/5 on a cloud/shadow pixel " + i);
                }
                if (truth[i] != 255) {
                    valid++;
                    assertEquals(2, aero[i] & 2, "valid retrieval on clear pixels");
                    if ((aero[i] & 0x28) != 0) {
                        flagged++;
                    }
                }
            }
            double fraction = (double) flagged / valid;
            assertTrue(fraction > 0.15 && fraction < 0.25, "fraction " + fraction);
        }
    }

    @Test
    void gdalinfoReadsTheCrs() throws Exception {
        assumeTrue(onPath("gdalinfo"), "gdalinfo not on PATH");
        int[] expectedEpsg = {32632, 32632, 32633};
        for (int s = 0; s < scenes.size(); s++) {
            Path folder = scenes.get(s);
            for (String suffix : new String[] {"SR_B2", "QA_PIXEL", "TRUTH"}) {
                Process p = new ProcessBuilder("gdalinfo", folder.resolve(id(folder) + "_" + suffix + ".TIF")
                        .toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue(), out);
                assertTrue(out.contains("ID[\"EPSG\"," + expectedEpsg[s] + "]")
                        || out.contains("AUTHORITY[\"EPSG\",\"" + expectedEpsg[s] + "\"]]"), out);
                assertTrue(out.contains("Size is 128, 128"), out);
            }
        }
    }

    @Test
    void committedTestDataMatchesTheGenerator(@TempDir Path dir) throws IOException {
        Path committed = Path.of("..", "test-data", "landsat");
        if (!Files.isDirectory(committed)) {
            committed = Path.of("test-data", "landsat");
        }
        assumeTrue(Files.isDirectory(committed), "test-data/landsat not found");
        LandsatSceneGenerator.Options options = LandsatSceneGenerator.Options.defaults();
        LandsatSceneGenerator.write(dir, options);
        for (Path fresh : LandsatSceneGenerator.sceneFolders(dir, options)) {
            Path old = committed.resolve(id(fresh));
            assertTrue(Files.isDirectory(old), "missing committed scene " + old);
            for (String suffix : new String[] {"SR_B2", "SR_B3", "SR_B4", "SR_B5", "SR_B6", "SR_B7", "QA_PIXEL",
                    "SR_QA_AEROSOL", "TRUTH"}) {
                assertArrayEquals(read(fresh, suffix), read(old, suffix), id(fresh) + " " + suffix);
                assertEquals(GeoTiffBand.open(fresh.resolve(id(fresh) + "_" + suffix + ".TIF")).grid(),
                        GeoTiffBand.open(old.resolve(id(old) + "_" + suffix + ".TIF")).grid());
            }
            assertEquals(Files.readString(fresh.resolve(id(fresh) + "_MTL.txt")),
                    Files.readString(old.resolve(id(old) + "_MTL.txt")));
            checkMaskAndTruth(old);
        }
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }
}
