package io.geocluster.host.cli;

import io.geocluster.engine.RunCancelledException;
import io.geocluster.host.io.GeoPackagePointSink;
import io.geocluster.host.io.LocalLayers;
import io.geocluster.plugin.process.BatchedKMeansResult;
import io.geocluster.plugin.process.ProcessInputs;
import io.geocluster.plugin.process.ProcessParameter;
import io.geocluster.plugin.spark.ExecutionEngine;
import io.geocluster.plugin.spi.LayerSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code geocluster batched-kmeans} and {@code geocluster smoothed-kmeans}: run a point-layer
 * process over a local GeoPackage or CSV layer and write the labelled GeoPackage, its SLD,
 * {@code summary.json} and {@code profiles.png} into the output folder, all or nothing.
 */
final class ClusterCommand {
    private static final Set<String> FLAGS = Set.of("help", "overwrite", "quiet");

    private final PointProcess process;
    private final PrintStream out;
    private final PrintStream err;

    ClusterCommand(PointProcess process, PrintStream out, PrintStream err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws IOException {
        CommandLine cl = CommandLine.parse(args, FLAGS);
        if (cl.flags().contains("help")) {
            out.print(help(process));
            return 0;
        }
        Map<String, String> inputs = new LinkedHashMap<>(cl.options());
        if (SparkSubmit.wanted(inputs)) {
            String layer = inputs.getOrDefault("layer", "layer");
            String base = Path.of(layer).getFileName().toString().replaceFirst("\\.[^.]*$", "");
            return SparkSubmit.run(process.command, inputs, base + "_clusters", out, err, cl.flags().contains("quiet"));
        }
        inputs.remove("engine");
        Path outputDir = Path.of(inputs.getOrDefault("output", "geocluster-output")).toAbsolutePath().normalize();
        inputs.remove("output");
        Path scratch = Path.of(inputs.getOrDefault("scratch", System.getProperty("java.io.tmpdir")));
        inputs.remove("scratch");
        ProcessInputs in = new ProcessInputs(process.parameters, inputs);
        boolean overwrite = cl.flags().contains("overwrite");
        Path summaryFile = outputDir.resolve("summary.json");
        Path profilesFile = outputDir.resolve("profiles.png");
        for (Path f : List.of(summaryFile, profilesFile)) {
            if (!overwrite && Files.exists(f)) {
                throw new IllegalArgumentException(f + " already exists; pass --overwrite to replace it.");
            }
        }
        String styleFile = in.get("style", String.class);
        String style = styleFile == null ? null : readStyle(Path.of(styleFile));
        boolean quiet = cl.flags().contains("quiet");
        ProgressBar progress = new ProgressBar(err, System.console() != null, quiet);
        CancelOnInterrupt interrupt = new CancelOnInterrupt(progress);
        boolean createdOutput = !Files.exists(outputDir);
        boolean done = false;
        try (LayerSource source = LocalLayers.open(Path.of(in.get("layer", String.class)))) {
            Files.createDirectories(outputDir);
            GeoPackagePointSink sink = new GeoPackagePointSink(outputDir, overwrite);
            BatchedKMeansResult result = process.run(in, source, sink, progress, style, line -> {
                if (!quiet) {
                    err.println(line);
                }
            }, scratch);
            writeAtomically(summaryFile, result.summary().getBytes(StandardCharsets.UTF_8));
            writeAtomically(profilesFile, result.profiles());
            out.println("Published layer " + result.layer().name() + " (" + String.format(Locale.ROOT, "%,d", result.layer().features())
                    + " features)");
            out.println("  layer:    " + result.layer().location());
            out.println("  style:    " + result.layer().styleLocation());
            out.println("  summary:  " + summaryFile);
            out.println("  profiles: " + profilesFile);
            done = true;
            return 0;
        } catch (RunCancelledException e) {
            err.println("geocluster: cancelled; nothing was written.");
            return 130;
        } finally {
            if (!done && createdOutput) {
                removeIfEmpty(outputDir);
            }
            interrupt.close();
        }
    }

    /** A failed run leaves no trace, not even the output folder it created. */
    static void removeIfEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException ignored) {
            // it did not exist yet, or holds something: leave it
        }
    }

    private static String readStyle(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("style: SLD file not found: " + file);
        }
    }

    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime()));
        try {
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String help(PointProcess process) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: geocluster ").append(process.command)
                .append(" --layer FILE [--name value ...] [--output DIR] [--overwrite]\n\n");
        sb.append(process.description).append(" (GeoPackage or EGMS-style CSV). Writes\n");
        sb.append("<outputName>.gpkg, <outputName>.sld, summary.json and profiles.png into the output folder.\n\n");
        sb.append("Inputs (the WPS inputs of ").append(process.wpsName).append("):\n");
        for (ProcessParameter prm : process.parameters) {
            String def = prm.required() ? "required" : prm.defaultValue() == null ? "optional" : "default " + prm.defaultValue();
            sb.append(String.format(Locale.ROOT, "  --%-22s %s (%s, %s)%n", prm.name(), prm.description(), prm.typeName(), def));
        }
        sb.append(String.format(Locale.ROOT, "  --%-22s %s%n", "output", "Folder the results go to (default geocluster-output)."));
        sb.append(String.format(Locale.ROOT, "  --%-22s %s%n", "scratch",
                "Folder for the pass cache, a binary copy of the features (default: the system temp folder)."));
        sb.append(String.format(Locale.ROOT, "  --%-22s %s%n", "overwrite", "Replace results of an earlier run in that folder."));
        if (process.parameters.stream().anyMatch(p -> p.name().equals(ExecutionEngine.INPUT))) {
            sb.append(SparkSubmit.help("  --%-22s %s%n"));
        }
        sb.append(String.format(Locale.ROOT, "  --%-22s %s%n", "quiet", "No progress bars or notes on stderr; errors are still reported."));
        sb.append("\nExample:\n  geocluster ").append(process.command)
                .append(" --layer test-data/insar-catalogue.gpkg --dynamicAttributes series \\\n");
        sb.append("      --staticAttributes height,mean_velocity,temporal_coherence,amplitude_dispersion --k 5")
                .append(process.exampleExtra).append(" --output out\n");
        sb.append("  geocluster ").append(process.command).append(" --layer test-data/insar-catalogue.gpkg --dynamicAttributes reservoir")
                .append(" --k 5").append(process.exampleExtra).append(" --output out-reservoir\n");
        return sb.toString();
    }
}
