package io.geocluster.host.cli;

import io.geocluster.engine.RunMonitor;
import io.geocluster.plugin.process.BatchedKMeansParameters;
import io.geocluster.plugin.process.BatchedKMeansJob;
import io.geocluster.plugin.process.BatchedKMeansResult;
import io.geocluster.plugin.process.ProcessInputs;
import io.geocluster.plugin.process.ProcessParameter;
import io.geocluster.plugin.process.SmoothedKMeansParameters;
import io.geocluster.plugin.process.SmoothedKMeansJob;
import io.geocluster.plugin.spi.LayerSink;
import io.geocluster.plugin.spi.LayerSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The point-layer processes the command line runs, each with its command name, its WPS inputs and
 * how to execute it; {@link ClusterCommand} does the rest (options, outputs, progress, Ctrl-C).
 */
enum PointProcess {
    /** {@code cluster:BatchedKMeans}. */
    BATCHED_KMEANS("batched-kmeans", "cluster:BatchedKMeans", "Mini-batch k-means streamed over a point layer",
            BatchedKMeansParameters.PARAMETERS, "") {
        @Override
        BatchedKMeansResult run(ProcessInputs in, LayerSource source, LayerSink sink, RunMonitor monitor, String style,
                                Consumer<String> log, Path scratch) throws IOException {
            return new BatchedKMeansJob(log, scratch).execute(BatchedKMeansParameters.from(in), source, sink, monitor, style);
        }
    },
    /** {@code cluster:SmoothedKMeans}. */
    SMOOTHED_KMEANS("smoothed-kmeans", "cluster:SmoothedKMeans",
            "Mini-batch k-means after H-hop smoothing of the features over the spatial k-nearest-neighbour graph",
            SmoothedKMeansParameters.PARAMETERS, " --hops 3 --alpha 0.5") {
        @Override
        BatchedKMeansResult run(ProcessInputs in, LayerSource source, LayerSink sink, RunMonitor monitor, String style,
                                Consumer<String> log, Path scratch) throws IOException {
            return new SmoothedKMeansJob(log, scratch).execute(SmoothedKMeansParameters.from(in), source, sink, monitor, style);
        }
    };

    final String command;
    final String wpsName;
    final String description;
    final List<ProcessParameter> parameters;
    final String exampleExtra;

    PointProcess(String command, String wpsName, String description, List<ProcessParameter> parameters, String exampleExtra) {
        this.command = command;
        this.wpsName = wpsName;
        this.description = description;
        this.parameters = parameters;
        this.exampleExtra = exampleExtra;
    }

    abstract BatchedKMeansResult run(ProcessInputs in, LayerSource source, LayerSink sink, RunMonitor monitor, String style,
                                     Consumer<String> log, Path scratch) throws IOException;

    /** The process run by a command name, or {@code null}. */
    static PointProcess forCommand(String command) {
        for (PointProcess p : values()) {
            if (p.command.equals(command)) {
                return p;
            }
        }
        return null;
    }
}
