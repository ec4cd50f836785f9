package io.geocluster.plugin.attributes;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of the reservoir embedding features a layer view adds for {@code dynamicAttributes=reservoir}:
 * {@code res_0 .. res_(D²+D−1)}, the D × D readout coefficients row by row, then the D intercepts.
 */
public final class ReservoirColumns {
    /** Prefix of every embedding column. */
    public static final String PREFIX = "res_";

    private ReservoirColumns() {
    }

    /** The names of {@code count} embedding columns, in order. */
    public static List<String> names(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(PREFIX + i);
        }
        return names;
    }

    /** The position of an embedding column, or −1 when the name is not one. */
    public static int index(String name) {
        if (!name.startsWith(PREFIX) || name.length() == PREFIX.length() || name.length() > PREFIX.length() + 6) {
            return -1;
        }
        for (int i = PREFIX.length(); i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        String digits = name.substring(PREFIX.length());
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            return -1;
        }
        return Integer.parseInt(digits);
    }
}
