package io.geocluster.host.serve.wms;

import java.util.regex.Pattern;

/**
 * The rule for layer names that may reach the file system: letters, digits, {@code _ - .}, not
 * starting with a dot, at most 200 characters. This excludes path separators, {@code ..},
 * absolute paths, drive letters and control characters, so a name resolved against the
 * workspace folder cannot leave it.
 */
public final class LayerNames {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}");

    private LayerNames() {
    }

    /** Whether {@code name} follows the rule. */
    public static boolean isSafe(String name) {
        return name != null && SAFE.matcher(name).matches() && !name.contains("..");
    }

    /** Throws {@link IllegalArgumentException} when {@code name} does not follow the rule. */
    public static String check(String name) {
        if (!isSafe(name)) {
            throw new IllegalArgumentException("not a valid layer name: " + printable(name));
        }
        return name;
    }

    /** The name with control characters escaped and cut to 80 characters, fit for a message. */
    static String printable(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length() && b.length() < 80; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return "'" + b + (name.length() > 80 ? "…" : "") + "'";
    }
}
