package io.geocluster.plugin.spi;

/**
 * The kept attribute values of the rows of the batch a cursor last returned.
 */
public interface KeptValues {
    /**
     * Value of kept attribute {@code column} (index into the kept list given to
     * {@link LayerSource#open}) for row {@code row} of the current batch: a {@code Long},
     * {@code Double}, {@code String} or {@code null}.
     */
    Object kept(int row, int column);
}
