package io.geocluster.host.io;

import io.geocluster.plugin.spi.AttributeType;

/**
 * How CSV fields read as values: empty fields and {@code NaN}/{@code nan} are missing, numbers go
 * through {@link Double#parseDouble} and {@link Long#parseLong} (no regular expressions: this runs
 * once per field of multi-million-row files).
 */
final class CsvValues {
    private CsvValues() {
    }

    /** Whether a field holds no value. */
    static boolean isMissing(String field) {
        return field.isEmpty() || field.equals("NaN") || field.equals("nan");
    }

    /** The field as a number, NaN when missing or not a number. */
    static double toDouble(String field) {
        if (isMissing(field)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(field);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The field as a kept value of the column's type: {@code Long}, {@code Double}, {@code String} or null. */
    static Object toKept(String field, AttributeType type) {
        switch (type) {
            case INTEGER:
                if (isMissing(field)) {
                    return null;
                }
                try {
                    return Long.valueOf(field);
                } catch (NumberFormatException e) {
                    return null;
                }
            case REAL: {
                double v = toDouble(field);
                return Double.isNaN(v) ? null : Double.valueOf(v);
            }
            default:
                return field.isEmpty() ? null : field;
        }
    }

    /** Narrows the type of a column as its fields are seen: INTEGER, then REAL, then TEXT. */
    static final class TypeGuess {
        private boolean integer = true;
        private boolean real = true;
        private boolean seen;
        private boolean complete = true;

        /** Takes one more field into account; exceptions are thrown at most twice per column. */
        void accept(String field) {
            if (isMissing(field)) {
                complete = false;
                return;
            }
            seen = true;
            if (integer) {
                try {
                    Long.parseLong(field);
                    return;
                } catch (NumberFormatException e) {
                    integer = false;
                }
            }
            if (real) {
                try {
                    Double.parseDouble(field);
                } catch (NumberFormatException e) {
                    real = false;
                }
            }
        }

        /** Whether every field seen was present and a whole number: the condition for integer ids. */
        boolean allIntegers() {
            return complete && seen && integer;
        }

        /** The guessed type; a column with no value at all is REAL (all NaN). */
        AttributeType type() {
            if (seen && integer) {
                return AttributeType.INTEGER;
            }
            return real ? AttributeType.REAL : AttributeType.TEXT;
        }
    }
}
