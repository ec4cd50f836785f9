package io.geocluster.host.serve;

import java.util.List;
import java.util.Map;

/**
 * Turns the text values of an Execute request into the arguments of a process's
 * {@code execute} method, checked against its annotations: unknown inputs, missing required
 * ones, too many occurrences, values that are not of the declared type (numbers too large for
 * it included) and values outside {@code minValue..maxValue} are refused with an
 * {@code InvalidParameterValue} or {@code MissingParameterValue} naming the input. Absent
 * optional inputs are passed as null, as GeoServer does, so that the process applies its
 * defaults.
 */
final class InputValues {
    /** Longest text accepted for one input value (SLD documents included). */
    static final int MAX_VALUE_CHARS = 1 << 20;

    private InputValues() {
    }

    static Object[] arguments(ProcessDescription p, Map<String, List<String>> given) throws OwsException {
        Object[] args = new Object[p.execute().getParameterCount()];
        for (String name : given.keySet()) {
            if (p.input(name).isEmpty()) {
                throw new OwsException(OwsException.Code.InvalidParameterValue, name, "Process " + p.identifier()
                        + " has no input '" + Workspace.printable(name) + "'");
            }
        }
        for (ProcessDescription.Input in : p.inputs()) {
            List<String> values = given.get(in.name());
            if (values == null || values.isEmpty()) {
                if (in.minOccurs() > 0) {
                    throw new OwsException(OwsException.Code.MissingParameterValue, in.name(),
                            "Input '" + in.name() + "' is required");
                }
                continue;
            }
            if (values.size() > in.maxOccurs()) {
                throw new OwsException(OwsException.Code.InvalidParameterValue, in.name(), "Input '" + in.name()
                        + "' is given " + values.size() + " times; at most " + in.maxOccurs() + " allowed");
            }
            args[in.argument()] = convert(in, values.get(0));
        }
        return args;
    }

    static Object convert(ProcessDescription.Input in, String text) throws OwsException {
        if (text.length() > MAX_VALUE_CHARS) {
            throw new OwsException(OwsException.Code.FileSizeExceeded, in.name(), "Input '" + in.name() + "' is longer than "
                    + MAX_VALUE_CHARS + " characters");
        }
        Class<?> t = in.type();
        if (t == String.class) {
            return text;
        }
        String v = text.trim();
        try {
            Object value;
            double asDouble;
            if (t == Integer.class) {
                int i = Integer.parseInt(v);
                value = i;
                asDouble = i;
            } else if (t == Long.class) {
                long l = Long.parseLong(v);
                value = l;
                asDouble = l;
            } else if (t == Double.class) {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                value = d;
                asDouble = d;
            } else if (t == Boolean.class) {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new OwsException(OwsException.Code.InvalidParameterValue, in.name(),
                            "Input '" + in.name() + "' must be true or false, got '" + Workspace.printable(v) + "'");
                }
                return Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT));
            } else {
                throw new OwsException(OwsException.Code.NoApplicableCode, in.name(), "Unsupported input type " + t.getName());
            }
            if (asDouble < in.minValue() || asDouble > in.maxValue()) {
                throw new OwsException(OwsException.Code.InvalidParameterValue, in.name(), "Input '" + in.name() + "' must be"
                        + " between " + bound(in.minValue()) + " and " + bound(in.maxValue()) + ", got " + Workspace.printable(v));
            }
            return value;
        } catch (NumberFormatException e) {
            String kind = t == Integer.class ? "a 32-bit integer" : t == Long.class ? "a 64-bit integer" : "a finite number";
            throw new OwsException(OwsException.Code.InvalidParameterValue, in.name(), "Input '" + in.name() + "' must be "
                    + kind + ", got '" + Workspace.printable(v) + "'");
        }
    }

    private static String bound(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
