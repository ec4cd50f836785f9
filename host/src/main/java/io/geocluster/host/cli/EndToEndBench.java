package io.geocluster.host.cli;

import io.geocluster.engine.RunMonitor;
import io.geocluster.host.io.GeoPackagePointSink;
import io.geocluster.host.io.LocalLayers;
import io.geocluster.host.testdata.InsarCatalogueGenerator;
import io.geocluster.plugin.process.BatchedKMeansParameters;
import io.geocluster.plugin.process.BatchedKMeansJob;
import io.geocluster.plugin.process.BatchedKMeansResult;
import io.geocluster.plugin.process.ProcessInputs;
import io.geocluster.plugin.spi.LayerSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The end-to-end part of the benchmark: generates a catalogue of N points with 16 features in a
 * temporary folder, runs BatchedKMeans from its GeoPackage into another GeoPackage, and reports
 * points per second over the statistics, training and labelling passes (writing included).
 */
final class EndToEndBench {
    /** What the run measured. */
    record Result(long points, int features, double pointsPerSecond, String passes) {
    }

    private final PrintStream log;

    EndToEndBench(PrintStream log) {
        this.log = log;
    }

    Result run(long points) throws IOException {
        Path dir = Files.createTempDirectory("geocluster-bench");
        try {
            Path gpkg = dir.resolve("bench.gpkg");
            log.printf(Locale.ROOT, "generating %,d points...%n", points);
            InsarCatalogueGenerator.write(new InsarCatalogueGenerator.Options(points, 12, 7), gpkg, null);
            Path out = Files.createDirectory(dir.resolve("out"));
            BatchedKMeansParameters p = BatchedKMeansParameters.from(new ProcessInputs(BatchedKMeansParameters.PARAMETERS, Map.of(
                    "layer", gpkg.toString(), "dynamicAttributes", "series",
                    "staticAttributes", "height,mean_velocity,temporal_coherence,amplitude_dispersion",
                    "k", "8", "backend", "cpu")));
            BatchedKMeansResult result;
            try (LayerSource source = LocalLayers.open(gpkg)) {
                result = new BatchedKMeansJob(s -> { }, dir).execute(p, source, new GeoPackagePointSink(out, false),
                        RunMonitor.NONE, null);
            }
            JsonNode summary = new ObjectMapper().readTree(result.summary());
            double seconds = 0;
            StringBuilder passes = new StringBuilder();
            for (JsonNode pass : summary.get("passes")) {
                seconds += pass.get("seconds").asDouble();
                passes.append(String.format(Locale.ROOT, "%s %.2f s; ", pass.get("pass").asText(), pass.get("seconds").asDouble()));
            }
            return new Result(points, summary.get("features").size(), points / seconds, passes.toString());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
