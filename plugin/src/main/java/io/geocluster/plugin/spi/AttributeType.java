package io.geocluster.plugin.spi;

/** The storage type of a layer attribute, as far as clustering cares. */
public enum AttributeType {
    /** Whole numbers (SQL INTEGER, CSV columns whose every value parses as a long). */
    INTEGER,
    /** Floating point numbers. */
    REAL,
    /** Text, dates, and anything else that is not a number. */
    TEXT;

    /** Whether values of this type can be clustered. */
    public boolean isNumeric() {
        return this != TEXT;
    }
}
