package io.geocluster.plugin.wps;

import io.geocluster.plugin.process.ProcessInputs;
import io.geocluster.plugin.process.ProcessParameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of one WPS execution as the text the command line would have given, so that
 * {@link ProcessInputs} checks both alike and says the same thing ("k must be between 2 and
 * 1024, got 1."). GeoTools has already filled in annotated defaults and converted types; the
 * values are turned back to text, which {@link ProcessParameter#parse} reads exactly
 * ({@link Double#toString} round-trips).
 */
final class GivenInputs {
    private final Map<String, String> given = new LinkedHashMap<>();

    /** Records one input; {@code null} (not given, no default) is left out. */
    GivenInputs put(String name, Object value) {
        if (value != null) {
            given.put(name, value.toString());
        }
        return this;
    }

    /**
     * Checks the recorded inputs against the process's declaration.
     *
     * @throws IllegalArgumentException naming the input and what it accepts
     */
    ProcessInputs check(List<ProcessParameter> declared) {
        return new ProcessInputs(declared, given);
    }
}
