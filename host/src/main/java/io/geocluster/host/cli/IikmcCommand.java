package io.geocluster.host.cli;

import io.geocluster.engine.RunCancelledException;
import io.geocluster.host.raster.FolderRasterSink;
import io.geocluster.host.raster.LandsatSceneSource;
import io.geocluster.plugin.process.IikmcJob;
import io.geocluster.plugin.process.IikmcJobResult;
import io.geocluster.plugin.process.IikmcParameters;
import io.geocluster.plugin.process.ProcessInputs;
import io.geocluster.plugin.process.ProcessParameter;
import io.geocluster.plugin.spi.PublishedLayer;
import io.geocluster.plugin.spi.SceneSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code geocluster iikmc}: cluster:IIkMC over Landsat Collection 2 Level-2 scene folders with the
 * plugin's {@link IikmcJob}, publishing into a folder: {@code <outputName>_<productId>.tif} per
 * scene (uint8, nodata 255, the scene's grid), {@code <outputName>.sld}, {@code summary.json}
 * and {@code profiles.png} (the spectral signatures).
 */
final class IikmcCommand {
    static final String NAME = "iikmc";
    private static final Set<String> FLAGS = Set.of("help", "overwrite", "quiet");

    private final PrintStream out;
    private final PrintStream err;

    IikmcCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws IOException {
        CommandLine cl = CommandLine.parse(args, FLAGS);
        if (cl.flags().contains("help")) {
            out.print(help());
            return 0;
        }
        Map<String, String> inputs = new LinkedHashMap<>(cl.options());
        if (SparkSubmit.wanted(inputs)) {
            return SparkSubmit.run(NAME, inputs, "iikmc", out, err, cl.flags().contains("quiet"));
        }
        inputs.remove("engine");
        String output = inputs.remove("output");
        if (output == null) {
            throw new IllegalArgumentException("--output is required: the folder the results go to.");
        }
        Path outputDir = Path.of(output).toAbsolutePath().normalize();
        Path scratch = Path.of(inputs.getOrDefault("scratch", System.getProperty("java.io.tmpdir")));
        inputs.remove("scratch");
        IikmcParameters p = IikmcParameters.from(new ProcessInputs(IikmcParameters.PARAMETERS, inputs));
        boolean overwrite = cl.flags().contains("overwrite");
        boolean quiet = cl.flags().contains("quiet");
        Path summaryFile = outputDir.resolve("summary.json");
        Path profilesFile = outputDir.resolve("profiles.png");
        for (Path f : List.of(summaryFile, profilesFile, outputDir.resolve(p.outputName() + ".sld"))) {
            if (!overwrite && Files.exists(f)) {
                throw new IllegalArgumentException(f + " already exists; pass --overwrite to replace it.");
            }
        }

        ProgressBar progress = new ProgressBar(err, System.console() != null, quiet);
        CancelOnInterrupt interrupt = new CancelOnInterrupt(progress);
        boolean createdOutput = !Files.exists(outputDir);
        boolean done = false;
        List<SceneSource> scenes = new ArrayList<>();
        try {
            // Every scene is opened (headers only) first, so a missing folder or band fails before any work.
            for (String folder : p.scenes()) {
                scenes.add(LandsatSceneSource.open(Path.of(folder), p.bands(), p.mask()));
            }
            IikmcJobResult result = new IikmcJob(line -> {
                if (!quiet) {
                    err.println(line);
                }
            }, scratch).execute(p, scenes, new FolderRasterSink(outputDir, overwrite), progress);
            ClusterCommand.writeAtomically(summaryFile, result.summary().getBytes(StandardCharsets.UTF_8));
            ClusterCommand.writeAtomically(profilesFile, result.profiles());
            out.println("IIkMC over " + scenes.size() + " scenes: published " + result.layers().size()
                    + " label rasters");
            for (PublishedLayer l : result.layers()) {
                out.println("  " + l.location() + String.format(Locale.ROOT, " (%,d labelled pixels)", l.features()));
            }
            out.println("  style:    " + result.layers().get(0).styleLocation());
            out.println("  summary:  " + summaryFile);
            out.println("  profiles: " + profilesFile);
            done = true;
            return 0;
        } catch (RunCancelledException e) {
            err.println("geocluster: cancelled; nothing was written.");
            return 130;
        } finally {
            for (SceneSource s : scenes) {
                s.close();
            }
            if (!done && createdOutput) {
                ClusterCommand.removeIfEmpty(outputDir);
            }
            interrupt.close();
        }
    }

    static String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: geocluster iikmc --scenes DIR1,DIR2,... --output DIR [--name value ...] [--overwrite] [--quiet]\n\n")
                .append("cluster:IIkMC: inter-image k-means over Landsat Collection 2 Level-2 scene folders; one pooled\n")
                .append("clustering so a class id means the same in every scene. Writes <outputName>_<productId>.tif per\n")
                .append("scene (uint8, nodata 255, the scene's grid), <outputName>.sld, summary.json and profiles.png.\n\n")
                .append("Inputs (the WPS inputs of cluster:IIkMC):\n");
        for (ProcessParameter prm : IikmcParameters.PARAMETERS) {
            String def = prm.required() ? "required" : prm.defaultValue() == null ? "optional" : "default " + prm.defaultValue();
            sb.append(String.format(Locale.ROOT, "  --%-16s %s (%s, %s)%n", prm.name(), prm.description(), prm.typeName(), def));
        }
        sb.append(String.format(Locale.ROOT, "  --%-16s %s%n", "output", "Folder the results go to (required)."))
                .append(String.format(Locale.ROOT, "  --%-16s %s%n", "scratch",
                        "Folder for pooled pixels beyond the memory budget (default: the system temp folder)."))
                .append(String.format(Locale.ROOT, "  --%-16s %s%n", "overwrite", "Replace results of an earlier run in that folder."))
                .append(SparkSubmit.help("  --%-16s %s%n"))
                .append(String.format(Locale.ROOT, "  --%-16s %s%n", "quiet", "No progress on stderr; errors are still reported."))
                .append("\nExample:\n  geocluster iikmc --scenes test-data/landsat/LC08_L2SP_198018_20220615_20220623_02_T1,...")
                .append(" --k 6 --output out\n");
        return sb.toString();
    }
}
