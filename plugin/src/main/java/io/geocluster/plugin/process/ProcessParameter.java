package io.geocluster.plugin.process;

import java.util.Objects;

/**
 * Description of one input of a process, shared by the command line (options and help) and the
 * process itself (defaults and range checks), so both speak the same contract.
 *
 * @param name input identifier, as in DESIGN.md §3
 * @param type {@code Integer}, {@code Long}, {@code Double}, {@code Boolean} or {@code String}
 * @param required whether the input has no default and must be given
 * @param defaultValue default as text, or {@code null}
 * @param minValue smallest accepted number, or {@code null}
 * @param maxValue largest accepted number, or {@code null}
 * @param description one sentence for help texts and forms
 */
public record ProcessParameter(String name, Class<?> type, boolean required, String defaultValue,
                               Double minValue, Double maxValue, String description) {
    /** Checks the name, type and description are present. */
    public ProcessParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    /** A required text input. */
    static ProcessParameter required(String name, String description) {
        return new ProcessParameter(name, String.class, true, null, null, null, description);
    }

    /** An optional input without range. */
    static ProcessParameter optional(String name, Class<?> type, String defaultValue, String description) {
        return new ProcessParameter(name, type, false, defaultValue, null, null, description);
    }

    /** An optional number with a range. */
    static ProcessParameter number(String name, Class<?> type, String defaultValue, double min, double max, String description) {
        return new ProcessParameter(name, type, false, defaultValue, min, max, description);
    }

    /**
     * Converts a text value to this parameter's type and checks its range.
     *
     * @throws IllegalArgumentException naming the parameter and what it accepts
     */
    public Object parse(String text) {
        String value = text.strip();
        Object parsed;
        try {
            if (type == Integer.class) {
                parsed = Integer.valueOf(value);
            } else if (type == Long.class) {
                parsed = Long.valueOf(value);
            } else if (type == Double.class) {
                parsed = Double.valueOf(value);
            } else if (type == Boolean.class) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new NumberFormatException();
                }
                parsed = Boolean.valueOf(value);
            } else {
                parsed = value;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + typeName() + ", got '" + text + "'.");
        }
        if (parsed instanceof Number) {
            double v = ((Number) parsed).doubleValue();
            if (Double.isNaN(v) || (minValue != null && v < minValue) || (maxValue != null && v > maxValue)) {
                throw new IllegalArgumentException(name + " must be between " + format(minValue) + " and "
                        + format(maxValue) + ", got " + text + ".");
            }
        }
        return parsed;
    }

    /** The type as a user reads it. */
    public String typeName() {
        if (type == Integer.class || type == Long.class) {
            return "an integer";
        }
        if (type == Double.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return "text";
    }

    private static String format(Double v) {
        if (v == null) {
            return "any";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : v.toString();
    }
}
