package io.geocluster.host.serve.wms;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of one request, with case-insensitive names (OGC 06-042 §6.8.1) and typed
 * accessors that turn bad values into {@link WmsException}s naming the parameter.
 */
final class Kvp {
    /** Longest value accepted; longer ones are a malformed request, not something to echo back. */
    static final int MAX_VALUE_LENGTH = 8192;

    private final Map<String, String> values = new TreeMap<>();

    Kvp(Map<String, String> raw) throws WmsException {
        for (Map.Entry<String, String> e : raw.entrySet()) {
            if (e.getKey() == null) {
                continue;
            }
            String value = e.getValue() == null ? "" : e.getValue();
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, e.getKey(),
                        "parameter " + e.getKey() + " is longer than " + MAX_VALUE_LENGTH + " characters");
            }
            values.putIfAbsent(e.getKey().toUpperCase(Locale.ROOT), value);
        }
    }

    /** The value, or {@code null} when absent. */
    String get(String name) {
        return values.get(name);
    }

    /** The value, or {@code fallback} when absent or empty. */
    String get(String name, String fallback) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    /**
     * The value without leading or trailing spaces; absent or blank is a
     * {@code MissingParameterValue}. Other white space and control characters are kept, so a
     * layer name such as {@code "pts\n"} is refused rather than silently read as {@code pts}.
     */
    String required(String name) throws WmsException {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new WmsException(WmsException.MISSING_PARAMETER_VALUE, name, "parameter " + name + " is required");
        }
        return v.replaceAll("^ +| +$", "");
    }

    /** A positive integer no larger than {@code max}. */
    int size(String name, int max, Integer fallback) throws WmsException {
        String v = fallback == null ? required(name) : get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, name,
                    name + " must be an integer from 1 to " + max + ", got " + LayerNames.printable(v));
        }
        if (n < 1 || n > max) {
            throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, name,
                    name + " must be from 1 to " + max + ", got " + n);
        }
        return n;
    }

    /** Whether the boolean parameter is TRUE (case-insensitive); absent is {@code fallback}. */
    boolean bool(String name, boolean fallback) throws WmsException {
        String v = get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new WmsException(WmsException.INVALID_PARAMETER_VALUE, name,
                name + " must be TRUE or FALSE, got " + LayerNames.printable(v));
    }
}
