package io.geocluster.engine.graph;

/**
 * Two points of a neighbour search share a location; callers translate the indices into the
 * feature ids a user recognises.
 */
public final class DuplicatePointsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int first;
    private final int second;

    /** @param first index of one point, @param second index of the other, @param message the text */
    public DuplicatePointsException(int first, int second, String message) {
        super(message);
        this.first = first;
        this.second = second;
    }

    /** Index of one of the two points. */
    public int first() {
        return first;
    }

    /** Index of the other point. */
    public int second() {
        return second;
    }
}
