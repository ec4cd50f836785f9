package io.geocluster.host.cli;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.host.io.GeoPackagePointSource;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Runs the CLI in-process and reads its outputs back, for tests. */
final class CliRunner {
    /** Exit status and what the command printed. */
    record Run(int status, String out, String err) {
    }

    private CliRunner() {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Labels and one integer attribute of every row of an output GeoPackage, in row order. */
    static int[][] labelsAnd(Path gpkg, String attribute) throws IOException {
        try (GeoPackagePointSource source = new GeoPackagePointSource(gpkg, null)) {
            int n = (int) source.schema().featureCount();
            int[][] out = new int[2][n];
            LayerStream stream = source.open(List.of("cluster", attribute), List.of());
            int at = 0;
            try (LayerCursor c = stream.open()) {
                for (FeatureBatch b; (b = c.next()) != null; ) {
                    for (int i = 0; i < b.size(); i++, at++) {
                        float label = b.value(i, 0);
                        out[0][at] = Float.isNaN(label) ? -1 : (int) label;
                        out[1][at] = (int) b.value(i, 1);
                    }
                }
            }
            return out;
        }
    }

    /**
     * Runs the CLI in a separate JVM with at most 256 MiB of heap, waits for it, and returns its
     * exit status and combined output (in {@code Run.out}).
     */
    static Run runIn256MiB(Path log, String... args) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(javaBin, "-Xmx256m", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(15, java.util.concurrent.TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("the run did not finish in 15 minutes");
        }
        return new Run(child.exitValue(), Files.readString(log, StandardCharsets.UTF_8), "");
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file under a folder, hidden ones included. */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
