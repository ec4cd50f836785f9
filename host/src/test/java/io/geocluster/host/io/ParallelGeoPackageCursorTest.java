package io.geocluster.host.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.host.testdata.InsarCatalogueGenerator;
import io.geocluster.plugin.spi.LayerCursor;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding with several threads gives exactly the rows, in the order, of one thread. */
class ParallelGeoPackageCursorTest {
    @TempDir
    Path dir;

    private static List<String> rows(GeoPackagePointSource source) throws IOException {
        List<String> out = new ArrayList<>();
        try (LayerCursor c = source.open(List.of("height", "20180104", "truth"), List.of("pid")).open()) {
            for (FeatureBatch b; (b = c.next()) != null; ) {
                for (int i = 0; i < b.size(); i++) {
                    out.add(b.ids()[i] + " " + b.x()[i] + " " + b.y()[i] + " " + b.value(i, 0) + " " + b.value(i, 1) + " "
                            + b.value(i, 2) + " " + c.kept(i, 0));
                }
            }
        }
        return out;
    }

    private Path catalogueWithGaps(String sql) throws Exception {
        Path gpkg = dir.resolve("gaps" + sql.hashCode() + ".gpkg");
        InsarCatalogueGenerator.write(new InsarCatalogueGenerator.Options(30_000, 12, 9), gpkg, null);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gpkg); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
        return gpkg;
    }

    @Test
    void sameRowsSameOrderWithGapsInTheKeys() throws Exception {
        // Whole chunks and scattered rows missing, as after deletions.
        Path gpkg = catalogueWithGaps("DELETE FROM insar_points WHERE fid % 7 = 0 OR (fid > 8000 AND fid <= 13000)");
        List<String> serial;
        try (GeoPackagePointSource one = new GeoPackagePointSource(gpkg, null)) {
            serial = rows(one);
        }
        for (int threads : new int[] {2, 3}) {
            try (GeoPackagePointSource many = new GeoPackagePointSource(gpkg, null).withReaders(threads)) {
                assertEquals(serial, rows(many), threads + " readers");
                assertEquals(serial, rows(many), "a second pass");
            }
        }
        assertEquals(30_000 - 5_000 - (30_000 / 7 - (13_000 / 7 - 8_000 / 7)), serial.size());
    }

    @Test
    void sparseKeysFallBackToOneReader() throws Exception {
        Path gpkg = catalogueWithGaps("UPDATE insar_points SET fid = fid * 1000 + 100000000");
        try (GeoPackagePointSource one = new GeoPackagePointSource(gpkg, null);
             GeoPackagePointSource many = new GeoPackagePointSource(gpkg, null).withReaders(2)) {
            assertEquals(rows(one), rows(many));
        }
    }

    @Test
    void closingEarlyStopsTheWorkers() throws Exception {
        Path gpkg = catalogueWithGaps("DELETE FROM insar_points WHERE fid = 1");
        try (GeoPackagePointSource many = new GeoPackagePointSource(gpkg, null).withReaders(2)) {
            try (LayerCursor c = many.open(List.of("height"), List.of()).open()) {
                c.next();
            }
            Thread.sleep(100);
            long alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("geocluster-gpkg-reader-") && t.isAlive()).count();
            assertEquals(0, alive, "reader threads must end with the cursor");
            assertTrue(rows(many).size() > 0);
        }
    }
}
