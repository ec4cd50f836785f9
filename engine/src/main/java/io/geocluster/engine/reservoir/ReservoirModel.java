package io.geocluster.engine.reservoir;

/**
 * Everything shared by the embeddings of one layer: the time grid, the reservoir, the input scale
 * and the principal components of the reservoir states, fitted once on a sample of series.
 *
 * <p><b>Algorithm:</b> the input scale is the root mean square of the centred, resampled sample
 * series, so that {@code inputScaling} means the same in millimetres or metres. The sample series
 * are then driven through the reservoir; the states after the washout are accumulated into their
 * mean and covariance (doubles), and the D eigenvectors of largest eigenvalue
 * ({@link SymmetricEigen}) become the components (Bianchi et al. 2021, §III-B).
 *
 * <p><b>Memory:</b> the sample (held by the caller) plus O(R² + points × 64); nothing grows with
 * the number of series embedded later.
 *
 * <p><b>Thread safety:</b> immutable; each thread embeds through its own {@link ReservoirEmbedding}.
 */
public final class ReservoirModel {
    /** Series in the sample the components are fitted on, by default. */
    public static final int DEFAULT_SAMPLE = 2000;

    private final ReservoirOptions options;
    private final TimeGrid grid;
    private final EchoStateReservoir reservoir;
    private final float inputScale;
    private final float[] components;
    private final float[] offsets;
    private final double explainedVariance;
    private final int sampleSeries;

    private ReservoirModel(ReservoirOptions options, TimeGrid grid, EchoStateReservoir reservoir, float inputScale,
                           float[] components, float[] offsets, double explainedVariance, int sampleSeries) {
        this.options = options;
        this.grid = grid;
        this.reservoir = reservoir;
        this.inputScale = inputScale;
        this.components = components;
        this.offsets = offsets;
        this.explainedVariance = explainedVariance;
        this.sampleSeries = sampleSeries;
    }

    /**
     * Fits the model on a sample of series.
     *
     * @param sample row-major series, {@code rows × stride} values; series r holds its
     *        {@code grid.dates()} values from {@code r * stride}; NaN marks a missing value
     * @throws IllegalArgumentException when no sample series has two valid values, or the washout
     *         leaves fewer than three grid steps
     */
    public static ReservoirModel fit(TimeGrid grid, ReservoirOptions options, float[] sample, int rows, int stride) {
        if (grid.points() - options.washout() < 3) {
            throw new IllegalArgumentException("washout = " + options.washout() + " leaves fewer than 3 of the "
                    + grid.points() + " time-grid steps to fit the readout on.");
        }
        float[] series = new float[grid.dates()];
        float[] resampled = new float[grid.points()];
        double squares = 0;
        long values = 0;
        int usable = 0;
        for (int r = 0; r < rows; r++) {
            double ss = SeriesBlock.centredSumOfSquares(grid, sample, r * stride, series, resampled);
            if (ss >= 0) {
                squares += ss;
                values += grid.points();
                usable++;
            }
        }
        if (usable == 0) {
            throw new IllegalArgumentException("no displacement series in the sample has two valid values: every "
                    + "series is empty (NaN at every date) or holds a single value.");
        }
        double rms = Math.sqrt(squares / values);
        float scale = rms > 0 && Double.isFinite(rms) ? (float) rms : 1f;

        EchoStateReservoir reservoir = EchoStateReservoir.random(options);
        int r = reservoir.size();
        SeriesBlock block = new SeriesBlock(grid, reservoir, scale);
        double[] sum = new double[r];
        double[] cross = new double[r * r];
        long states = 0;
        float[] state = block.state;
        float[] h = new float[r];
        float[] blockCross = new float[r * r];
        int lanes = SeriesBlock.LANES;
        for (int first = 0; first < rows; first += lanes) {
            int count = Math.min(lanes, rows - first);
            int loaded = block.load(sample, 0, stride, first, count);
            for (int t = 0; t < grid.points(); t++) {
                block.advance(t);
                if (t < options.washout()) {
                    continue;
                }
                // Unusable series have all-zero states: they add nothing to the sums. Each state is
                // gathered into one row so that the outer-product loop runs with unit stride.
                states += loaded;
                for (int b = 0; b < count; b++) {
                    for (int i = 0; i < r; i++) {
                        h[i] = state[i * lanes + b];
                        sum[i] += h[i];
                    }
                    for (int i = 0; i < r; i++) {
                        float hi = h[i];
                        int row = i * r;
                        for (int j = i; j < r; j++) {
                            blockCross[row + j] += hi * h[j];
                        }
                    }
                }
            }
            // Float sums over one block (at most LANES × points terms of |h| < 1) keep the loop
            // above vectorised; the blocks add up in doubles.
            for (int k = 0; k < blockCross.length; k++) {
                cross[k] += blockCross[k];
                blockCross[k] = 0;
            }
        }
        double[] mean = new double[r];
        for (int i = 0; i < r; i++) {
            mean[i] = sum[i] / states;
        }
        double[] covariance = new double[r * r];
        for (int i = 0; i < r; i++) {
            for (int j = i; j < r; j++) {
                double c = cross[i * r + j] / states - mean[i] * mean[j];
                covariance[i * r + j] = c;
                covariance[j * r + i] = c;
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(covariance, r);
        int d = options.dimension();
        float[] components = new float[d * r];
        float[] offsets = new float[d];
        double kept = 0;
        double total = 0;
        for (int k = 0; k < r; k++) {
            total += Math.max(0, eigen.values()[k]);
        }
        for (int k = 0; k < d; k++) {
            double offset = 0;
            for (int i = 0; i < r; i++) {
                double v = eigen.vectors()[k * r + i];
                components[k * r + i] = (float) v;
                offset += v * mean[i];
            }
            offsets[k] = (float) offset;
            kept += Math.max(0, eigen.values()[k]);
        }
        return new ReservoirModel(options, grid, reservoir, scale, components, offsets,
                total > 0 ? kept / total : 1, usable);
    }

    /** A new embedding worker; one per thread. */
    public ReservoirEmbedding embedding() {
        return new ReservoirEmbedding(this);
    }

    /** The options the model was fitted with. */
    public ReservoirOptions options() {
        return options;
    }

    /** The time grid. */
    public TimeGrid grid() {
        return grid;
    }

    /** The reservoir. */
    public EchoStateReservoir reservoir() {
        return reservoir;
    }

    /** The common scale the centred series are divided by, in the series' unit. */
    public float inputScale() {
        return inputScale;
    }

    /** Fraction of the sample states' variance the D components keep. */
    public double explainedVariance() {
        return explainedVariance;
    }

    /** Usable series the model was fitted on. */
    public int sampleSeries() {
        return sampleSeries;
    }

    /** Features per series, D² + D. */
    public int features() {
        return options.features();
    }

    /** The D principal components, row-major D × R; a copy. */
    public float[] principalComponents() {
        return components.clone();
    }

    /** P·μ, what the projection subtracts (z = P·h − P·μ); a copy. */
    public float[] componentOffsets() {
        return offsets.clone();
    }

    float[] components() {
        return components;
    }

    float[] offsets() {
        return offsets;
    }
}
