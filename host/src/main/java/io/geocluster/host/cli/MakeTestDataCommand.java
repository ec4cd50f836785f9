package io.geocluster.host.cli;

import io.geocluster.host.testdata.InsarCatalogueGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code geocluster make-test-data}: writes a synthetic InSAR catalogue with ground truth
 * ({@link InsarCatalogueGenerator}) as GeoPackage and/or CSV; the bundled {@code test-data/} was
 * made with it.
 */
final class MakeTestDataCommand {
    static final String NAME = "make-test-data";
    private final PrintStream out;

    MakeTestDataCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws IOException {
        CommandLine cl = CommandLine.parse(args, Set.of("help"));
        if (cl.flags().contains("help")) {
            out.println("Usage: geocluster make-test-data [--points 20000] [--dates 60] [--seed 42] [--noise 1]"
                    + " [--gpkg FILE] [--csv FILE]");
            return 0;
        }
        Map<String, String> o = cl.options();
        for (String name : o.keySet()) {
            if (!Set.of("points", "dates", "seed", "noise", "gpkg", "csv").contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + ".");
            }
        }
        InsarCatalogueGenerator.Options options = new InsarCatalogueGenerator.Options(
                number(o, "points", "20000").longValue(), number(o, "dates", "60").intValue(),
                number(o, "seed", "42").longValue(), number(o, "noise", "1").doubleValue());
        Path gpkg = o.containsKey("gpkg") ? Path.of(o.get("gpkg")) : null;
        Path csv = o.containsKey("csv") ? Path.of(o.get("csv")) : null;
        if (gpkg == null && csv == null) {
            throw new IllegalArgumentException("Give --gpkg FILE, --csv FILE or both.");
        }
        long start = System.nanoTime();
        InsarCatalogueGenerator.write(options, gpkg, csv);
        out.printf(Locale.ROOT, "Wrote %,d points × %d dates in %.1f s%n", options.points(), options.dates(),
                (System.nanoTime() - start) / 1e9);
        for (Path p : new Path[] {gpkg, csv}) {
            if (p != null) {
                out.printf(Locale.ROOT, "  %s (%.1f MB)%n", p.toAbsolutePath(), Files.size(p) / 1e6);
            }
        }
        return 0;
    }

    private static Double number(Map<String, String> o, String name, String def) {
        String v = o.getOrDefault(name, def);
        try {
            return Double.valueOf(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + v + "'.");
        }
    }
}
