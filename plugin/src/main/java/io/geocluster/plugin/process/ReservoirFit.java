package io.geocluster.plugin.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.RunMonitor;
import io.geocluster.engine.kmeans.KMeansOptions;
import io.geocluster.engine.kmeans.TrainTestSplit;
import io.geocluster.engine.reservoir.ReservoirModel;
import io.geocluster.engine.reservoir.ReservoirOptions;
import io.geocluster.engine.reservoir.SeriesGaps;
import io.geocluster.engine.reservoir.TimeGrid;
import io.geocluster.engine.stats.RowReservoir;
import io.geocluster.plugin.attributes.DisplacementSeries;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerSource;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The reservoir model of a layer and what its sample pass saw: one streamed pass over the dated
 * columns counts gaps and empty series over every row and keeps a uniform sample
 * ({@link RowReservoir}) of {@value ReservoirModel#DEFAULT_SAMPLE} usable training series, on
 * which the model is fitted (held-out test rows do not shape the features).
 *
 * @param model the fitted model
 * @param series the dated columns and their dates
 * @param gaps missing values and empty series over the whole layer
 * @param firstEmptySeries id of the first series with fewer than two valid values, as the layer
 *        spells it; {@code null} when there is none
 * @param seconds time of the pass and the fit
 */
record ReservoirFit(ReservoirModel model, DisplacementSeries series, SeriesGaps gaps, String firstEmptySeries,
                    double seconds) {
    /** Checks the parts are present. */
    ReservoirFit {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(gaps, "gaps");
    }

    /**
     * Runs the sample pass and fits the model.
     *
     * @throws IllegalArgumentException when every series is empty
     */
    static ReservoirFit run(LayerSource layer, DisplacementSeries series, TimeGrid grid, ReservoirOptions options,
                            KMeansOptions clustering, RunMonitor monitor) throws IOException {
        long start = System.nanoTime();
        int dates = series.columns().size();
        boolean textIds = layer.schema().id().type() == AttributeType.TEXT;
        List<String> kept = textIds ? List.of(layer.schema().id().name()) : List.of();
        TrainTestSplit split = new TrainTestSplit(clustering.testFraction(), clustering.seed());
        RowReservoir sample = new RowReservoir(ReservoirModel.DEFAULT_SAMPLE, dates, options.seed());
        SeriesGaps gaps = new SeriesGaps(dates);
        String firstEmpty = null;
        monitor.passStarted("reservoir sample", layer.schema().featureCount());
        long rows = 0;
        try (LayerCursor cursor = layer.open(series.columns(), kept).open()) {
            for (FeatureBatch b; (b = cursor.next()) != null; ) {
                monitor.checkCanceled();
                float[] values = b.values();
                long[] ids = b.ids();
                for (int i = 0; i < b.size(); i++) {
                    boolean usable = gaps.offer(values, i * dates, ids[i]);
                    if (!usable && firstEmpty == null) {
                        firstEmpty = textIds ? String.valueOf(cursor.kept(i, 0)) : Long.toString(ids[i]);
                    }
                    if (usable && !split.isTest(ids[i])) {
                        sample.offer(values, dates, i);
                    }
                }
                rows += b.size();
                monitor.passProgress(rows);
            }
        }
        monitor.passFinished();
        if (sample.size() == 0) {
            throw new IllegalArgumentException("dynamicAttributes=reservoir: layer '" + layer.schema().name()
                    + "' has no training row whose displacement series holds two valid values (" + gaps.emptySeries()
                    + " of " + gaps.series() + " series are empty); the embedding has nothing to learn from.");
        }
        ReservoirModel model = ReservoirModel.fit(grid, options, sample.rows(), sample.size(), dates);
        return new ReservoirFit(model, series, gaps, firstEmpty, (System.nanoTime() - start) / 1e9);
    }

    /** One line for the log: grid, gaps and fit. */
    String describe() {
        TimeGrid grid = model.grid();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "reservoir embedding: %d dates %s..%s on a regular grid of %d steps of %.1f days (%d irregular intervals,"
                        + " longest %d days); %,d of %,d series had gaps (%,d values interpolated); R=%d, D=%d (%d features),"
                        + " PCA keeps %.1f%% of the state variance; fitted on %,d series in %.1f s",
                grid.dates(), series.dates().get(0), series.dates().get(series.dates().size() - 1), grid.points(),
                grid.stepDays(), grid.irregularIntervals(), grid.longestIntervalDays(), gaps.seriesWithGaps(), gaps.series(),
                gaps.filledValues(), model.reservoir().size(), model.options().dimension(), model.features(),
                100 * model.explainedVariance(), model.sampleSeries(), seconds));
        if (gaps.emptySeries() > 0) {
            sb.append(String.format(Locale.ROOT, "%n%,d series have fewer than two valid values (first: feature %s): their"
                    + " embedding is missing, so rows without another feature are not clustered (NULL cluster).",
                    gaps.emptySeries(), firstEmptySeries));
        }
        return sb.toString();
    }

    /** Writes the {@code reservoir} section of the summary. */
    void summarise(ObjectNode root) {
        ReservoirOptions o = model.options();
        TimeGrid grid = model.grid();
        ObjectNode r = root.putObject("reservoir");
        r.put("method", "reservoir model space (Bianchi et al. 2021): ridge readout of the next PCA-reduced state");
        r.put("features", model.features());
        r.put("featurePrefix", "res_");
        ObjectNode opts = r.putObject("options");
        opts.put(ReservoirParameters.SIZE, o.size());
        opts.put(ReservoirParameters.SPECTRAL_RADIUS, o.spectralRadius());
        opts.put(ReservoirParameters.LEAK_RATE, o.leak());
        opts.put(ReservoirParameters.INPUT_SCALING, o.inputScaling());
        opts.put(ReservoirParameters.CONNECTIVITY, o.connectivity());
        opts.put(ReservoirParameters.DIMENSION, o.dimension());
        opts.put(ReservoirParameters.RIDGE, o.ridge());
        opts.put(ReservoirParameters.WASHOUT, o.washout());
        opts.put(ReservoirParameters.SEED, o.seed());
        ObjectNode g = r.putObject("grid");
        g.put("dates", grid.dates());
        g.put("firstDate", series.dates().get(0).toString());
        g.put("lastDate", series.dates().get(series.dates().size() - 1).toString());
        g.put("points", grid.points());
        g.put("stepDays", grid.stepDays());
        g.put("irregularIntervals", grid.irregularIntervals());
        g.put("longestIntervalDays", grid.longestIntervalDays());
        ObjectNode gp = r.putObject("gaps");
        gp.put("series", gaps.series());
        gp.put("seriesWithGaps", gaps.seriesWithGaps());
        gp.put("interpolatedValues", gaps.filledValues());
        gp.put("emptySeries", gaps.emptySeries());
        if (firstEmptySeries != null) {
            gp.put("firstEmptySeries", firstEmptySeries);
        }
        ObjectNode m = r.putObject("model");
        m.put("nonZeroWeights", model.reservoir().nonZeros());
        m.put("inputScale", model.inputScale());
        m.put("explainedVariance", model.explainedVariance());
        m.put("sampleSeries", model.sampleSeries());
        r.put("seconds", Math.round(seconds * 1000) / 1000.0);
    }
}
