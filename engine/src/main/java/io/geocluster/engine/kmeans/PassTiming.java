package io.geocluster.engine.kmeans;

/**
 * How long one pass of a run took and how many rows it read.
 *
 * @param pass pass name ({@code statistics}, {@code warm-start}, {@code training 1}, {@code labelling}, ...)
 * @param rows rows read
 * @param seconds wall-clock seconds
 */
public record PassTiming(String pass, long rows, double seconds) {
}
