package io.geocluster.host.serve;

import io.geocluster.host.serve.wms.FolderWmsLayers;
import io.geocluster.host.serve.wms.WmsService;
import java.io.IOException;
import io.geocluster.plugin.spark.SparkEngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The embedded host assembled: a {@link Workspace}, its {@link WorkspaceLayerCatalog}, the
 * plugin's process beans loaded by Spring ({@link ProcessRegistry}), a {@link JobManager} with
 * the configured limits, {@link WpsService}, WMS 1.3.0 over the same folder ({@code serve/wms},
 * mounted by {@link WmsOwsHandler}), and the {@link HostServer} answering HTTP.
 * {@link #close()} stops accepting requests, cancels running jobs (each removes its partial
 * output) and deletes stored results.
 */
public final class GeoclusterHost implements AutoCloseable {
    /**
     * Settings of {@code geocluster serve}.
     *
     * @param workspace the folder of layers
     * @param address address to listen on
     * @param port port, 0 for any free one
     * @param limits execution limits
     * @param maxBodyBytes largest request body
     * @param httpThreads request threads
     * @param maxInputBytes largest input layer, in bytes of its files
     * @param spark where {@code engine=spark} executions go ({@link SparkEngineSettings#NONE}: refused)
     */
    public record Config(Path workspace, String address, int port, JobManager.Limits limits, long maxBodyBytes,
                         int httpThreads, long maxInputBytes, SparkEngineSettings spark) {
        /** Settings with the default input limit. */
        public Config(Path workspace, String address, int port, JobManager.Limits limits, long maxBodyBytes,
                      int httpThreads) {
            this(workspace, address, port, limits, maxBodyBytes, httpThreads,
                    WorkspaceLayerCatalog.DEFAULT_MAX_INPUT_BYTES);
        }

        /** Settings without Spark. */
        public Config(Path workspace, String address, int port, JobManager.Limits limits, long maxBodyBytes,
                      int httpThreads, long maxInputBytes) {
            this(workspace, address, port, limits, maxBodyBytes, httpThreads, maxInputBytes, SparkEngineSettings.NONE);
        }

        /** Defaults: 127.0.0.1:8080, 2 executions at once, 16 waiting, 1 h per job, results kept 1 h, 8 MiB bodies. */
        public static Config defaults(Path workspace) {
            return new Config(workspace, "127.0.0.1", 8080,
                    new JobManager.Limits(2, 16, Duration.ofHours(1), Duration.ofHours(1)), 8L << 20, 8);
        }

        /** Checks the values. */
        public Config {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(spark, "spark");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            if (maxInputBytes < 1) {
                throw new IllegalArgumentException("maxInputBytes must be positive, got " + maxInputBytes);
            }
            if (maxBodyBytes < 1024 || httpThreads < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024 and httpThreads at least 1");
            }
        }
    }

    private final Workspace workspace;
    private final ProcessRegistry registry;
    private final JobManager jobs;
    private final HostServer server;

    /** Builds and binds the host (call {@link #start()}). */
    public GeoclusterHost(Config config) throws IOException {
        this.workspace = new Workspace(config.workspace());
        this.registry = new ProcessRegistry(new WorkspaceLayerCatalog(workspace, config.maxInputBytes()), config.spark());
        this.jobs = new JobManager(config.limits(), workspace.root().resolve(Workspace.RESULTS));
        try {
            this.server = new HostServer(config.address(), config.port(), config.httpThreads(), config.maxBodyBytes(),
                    new WpsService(registry, jobs));
            // WMS over the same folder: published results are files in its root.
            server.addService(new WmsOwsHandler(new WmsService(new FolderWmsLayers(workspace.root()),
                    server.baseUrl() + "/ows"), server.baseUrl() + "/ows"));
        } catch (IOException | RuntimeException e) {
            jobs.shutdown(Duration.ZERO);
            registry.close();
            throw e;
        }
    }

    /** Starts answering requests. */
    public GeoclusterHost start() {
        server.start();
        return this;
    }

    /** The workspace. */
    public Workspace workspace() {
        return workspace;
    }

    /** The HTTP server, where further services (WMS) are added. */
    public HostServer server() {
        return server;
    }

    /** The job manager. */
    public JobManager jobs() {
        return jobs;
    }

    /** The loaded processes. */
    public ProcessRegistry processes() {
        return registry;
    }

    /** The WPS endpoint URL. */
    public String wpsUrl() {
        return server.baseUrl() + "/wps";
    }

    @Override
    public void close() {
        server.close();
        jobs.shutdown(Duration.ofSeconds(30));
        registry.close();
        JobManager.deleteQuietly(workspace.root().resolve(Workspace.SCRATCH));
    }
}
