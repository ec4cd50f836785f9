package io.geocluster.host.cli;

import io.geocluster.host.serve.GeoclusterHost;
import io.geocluster.host.serve.JobManager;
import io.geocluster.host.serve.ProcessDescription;
import io.geocluster.host.serve.Workspace;
import io.geocluster.plugin.spark.SparkEngineSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code geocluster serve}: the embedded host over a workspace folder (WPS 1.0.0 on
 * {@code /wps} and {@code /ows}); runs until Ctrl-C, which cancels running executions (they
 * publish nothing) and removes stored results before the JVM exits.
 */
final class ServeCommand {
    static final String NAME = "serve";
    private static final Set<String> OPTIONS = Set.of("workspace", "port", "address", "maxJobs", "maxQueued", "jobTimeout",
            "keepResults", "maxRequestBytes", "maxInputBytes", "sparkMaster", "sparkSubmit", "sparkJar", "sparkOutput",
            "sparkArgs");

    private final PrintStream out;

    ServeCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws IOException {
        CommandLine cl = CommandLine.parse(args, Set.of("help"));
        if (cl.flags().contains("help")) {
            out.print(help());
            return 0;
        }
        GeoclusterHost.Config config = config(cl.options());
        CountDownLatch stopped = new CountDownLatch(1);
        GeoclusterHost host = new GeoclusterHost(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            stopped.countDown();
        }, "geocluster-serve-stop"));
        out.println("geocluster serve: workspace " + host.workspace().root());
        for (Workspace.Layer l : host.workspace().layers()) {
            out.println("  layer " + l.name() + " (" + l.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        for (ProcessDescription p : host.processes().processes()) {
            out.println("  process " + p.identifier());
        }
        out.println("WPS:  " + host.wpsUrl() + "?service=WPS&request=GetCapabilities");
        out.println("Page: " + host.server().baseUrl() + "/");
        awaitStop(out, stopped);
        return 0;
    }

    /** Serves until the shutdown hook (Ctrl-C) has closed the host and counted {@code stopped} down. */
    static void awaitStop(PrintStream out, CountDownLatch stopped) {
        out.println("Press Ctrl-C to stop.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static GeoclusterHost.Config config(Map<String, String> o) {
        for (String name : o.keySet()) {
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + "; see 'geocluster serve --help'.");
            }
        }
        String ws = o.get("workspace");
        if (ws == null) {
            throw new IllegalArgumentException("--workspace DIR is required.");
        }
        GeoclusterHost.Config d = GeoclusterHost.Config.defaults(Path.of(ws));
        JobManager.Limits l = d.limits();
        JobManager.Limits limits = new JobManager.Limits(
                integer(o, "maxJobs", l.maxJobs(), 1, 1024), integer(o, "maxQueued", l.maxQueued(), 1, 1 << 16),
                Duration.ofSeconds(integer(o, "jobTimeout", (int) l.jobTimeout().toSeconds(), 1, Integer.MAX_VALUE)),
                Duration.ofSeconds(integer(o, "keepResults", (int) l.keepResults().toSeconds(), 0, Integer.MAX_VALUE)));
        return new GeoclusterHost.Config(d.workspace(), o.getOrDefault("address", d.address()),
                integer(o, "port", d.port(), 0, 65535), limits,
                integer(o, "maxRequestBytes", (int) d.maxBodyBytes(), 1024, Integer.MAX_VALUE), d.httpThreads(),
                longInput(o, "maxInputBytes", d.maxInputBytes()), spark(o));
    }

    /**
     * {@code engine=spark} settings: the {@code --spark*} options, each else its
     * {@code geocluster.spark.*} property or {@code GEOCLUSTER_SPARK_*} variable; without a master
     * the processes refuse {@code engine=spark}. With a master, the rest is checked now, so a
     * misconfigured server fails at start rather than at the first request.
     */
    static SparkEngineSettings spark(Map<String, String> o) {
        SparkEngineSettings env = SparkEngineSettings.fromEnvironment();
        String master = o.getOrDefault("sparkMaster", env.master());
        if (master == null) {
            return SparkEngineSettings.NONE;
        }
        Path jar = o.containsKey("sparkJar") ? Path.of(o.get("sparkJar")) : env.jar();
        if (jar == null) {
            try {
                jar = SparkSubmit.jar(null);
            } catch (IOException | IllegalArgumentException e) {
                jar = null; // require() below names the setting
            }
        }
        Path output = o.containsKey("sparkOutput") ? Path.of(o.get("sparkOutput")).toAbsolutePath().normalize() : env.output();
        List<String> args = o.containsKey("sparkArgs") ? List.of(o.get("sparkArgs").strip().split("\\s+")) : env.arguments();
        SparkEngineSettings settings = new SparkEngineSettings(master,
                o.containsKey("sparkSubmit") ? Path.of(o.get("sparkSubmit")) : env.submit(), jar, output, args);
        return settings.require(System.getenv());
    }

    private static long longInput(Map<String, String> o, String name, long def) {
        String v = o.get(name);
        if (v == null) {
            return def;
        }
        try {
            long l = Long.parseLong(v.trim());
            if (l < 1) {
                throw new IllegalArgumentException("--" + name + " must be positive, got " + v + ".");
            }
            return l;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'.");
        }
    }

    private static int integer(Map<String, String> o, String name, int def, int min, int max) {
        String v = o.get(name);
        if (v == null) {
            return def;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", got " + v + ".");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'.");
        }
    }

    static String help() {
        return "Usage: geocluster serve --workspace DIR [--port 8080] [--address 127.0.0.1] [--maxJobs 2] [--maxQueued 16]\n"
                + "                        [--jobTimeout 3600] [--keepResults 3600] [--maxRequestBytes 8388608]\n"
                + "                        [--maxInputBytes 68719476736] [--sparkMaster URL --sparkOutput DIR\n"
                + "                        [--sparkSubmit PATH] [--sparkJar PATH] [--sparkArgs 'ARGS']]\n\n"
                + "Serves the layers of DIR (GeoPackage, CSV, GeoTIFF files and Landsat scene folders, by name) and the\n"
                + "cluster processes over WPS 1.0.0 at http://ADDRESS:PORT/wps, maps over WMS 1.3.0 at /ows and a web page\n"
                + "at /. Results are published into DIR with their SLD.\n"
                + "  --maxJobs        executions running at once; up to --maxQueued more wait, beyond that ServerBusy\n"
                + "  --jobTimeout     seconds an execution may run before it is cancelled (it then publishes nothing)\n"
                + "  --keepResults    seconds a finished execution's status and outputs stay available (published layers stay)\n"
                + "  --maxRequestBytes  largest request body; --maxInputBytes  largest input layer (bytes of its files)\n"
                + "  --sparkMaster URL  lets executions ask for engine=spark (BatchedKMeans, IIkMC over CSV layers), run by\n"
                + "                   spark-submit (--sparkSubmit PATH, else SPARK_HOME or the PATH) with the spark jar\n"
                + "                   (--sparkJar, else spark/target/), labels written under --sparkOutput DIR (required);\n"
                + "                   --sparkArgs 'ARGS' adds spark-submit arguments. Also geocluster.spark.* properties.\n"
                + "Stop with Ctrl-C.\n";
    }
}
