package io.geocluster.host.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the {@code geocluster} command line: dispatches to one command per process, plus
 * the benchmark and the test-data generator.
 *
 * <p>Exit status: 0 success, 1 a run that failed on I/O, 2 invalid input, 130 cancelled.
 */
public final class Main {
    private Main() {
    }

    /** Runs a command and exits with its status. */
    public static void main(String[] args) {
        // Log lines of the processes (serve, demo) on one line each, without the JDK's timestamp
        // line, unless the user chose a format.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command and returns its exit status; never exits the JVM. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            PointProcess process = PointProcess.forCommand(args[0]);
            if (process != null) {
                return new ClusterCommand(process, out, err).run(rest);
            }
            switch (args[0]) {
                case BenchCommand.NAME:
                    return new BenchCommand(out, err).run(rest);
                case "iikmc":
                    return new IikmcCommand(out, err).run(rest);
                case MakeTestDataCommand.NAME:
                    return new MakeTestDataCommand(out).run(rest);
                case ServeCommand.NAME:
                    return new ServeCommand(out).run(rest);
                case DemoCommand.NAME:
                    return new DemoCommand(out).run(rest);
                default:
                    err.println("geocluster: unknown command '" + args[0] + "'.");
                    err.print(usage());
                    return 2;
            }
        } catch (IllegalArgumentException | FileNotFoundException | NoSuchFileException e) {
            err.println("geocluster: error: " + (e instanceof NoSuchFileException ? "File not found: " + e.getMessage() : e.getMessage()));
            err.println("Run 'geocluster " + args[0] + " --help' for the inputs.");
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("geocluster: failed: " + e);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                err.println("  caused by: " + c);
            }
            return 1;
        }
    }

    static String usage() {
        return "Usage: geocluster <command> [--name value ...]\n\n"
                + "Commands:\n"
                + "  batched-kmeans   cluster:BatchedKMeans over a GeoPackage or CSV point layer\n"
                + "  smoothed-kmeans  cluster:SmoothedKMeans: the same after smoothing over the spatial neighbour graph\n"
                + "  iikmc            cluster:IIkMC: inter-image k-means over Landsat C2 L2 scene folders\n"
                + "  bench            throughput benchmark (partial fit, labelling, end to end)\n"
                + "  make-test-data   generate a synthetic InSAR catalogue with ground truth\n"
                + "  serve            WPS 1.0.0 and WMS 1.3.0 host over a workspace folder (--workspace DIR [--port N])\n"
                + "  demo             serve a copy of test-data/, run the three processes through WPS, print the map URLs\n\n"
                + "Run 'geocluster <command> --help' for its inputs.\n";
    }
}
