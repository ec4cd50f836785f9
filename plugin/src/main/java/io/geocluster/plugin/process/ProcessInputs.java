package io.geocluster.plugin.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Text inputs checked against a process's {@link ProcessParameter}s, with defaults filled in and
 * values converted: the one place where "k must be an integer" is said.
 */
public final class ProcessInputs {
    private final Map<String, ProcessParameter> parameters = new HashMap<>();
    private final Map<String, Object> values = new HashMap<>();

    /**
     * @throws IllegalArgumentException for an unknown input (listing the known ones), a missing
     *         required one, or a value of the wrong type or out of range
     */
    public ProcessInputs(List<ProcessParameter> declared, Map<String, String> given) {
        for (ProcessParameter p : declared) {
            parameters.put(p.name(), p);
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            ProcessParameter p = parameters.get(e.getKey());
            if (p == null) {
                Set<String> known = new TreeSet<>(parameters.keySet());
                throw new IllegalArgumentException("Unknown input '" + e.getKey() + "'. Inputs are: " + String.join(", ", known) + ".");
            }
            values.put(p.name(), p.parse(e.getValue()));
        }
        for (ProcessParameter p : declared) {
            if (!values.containsKey(p.name())) {
                if (p.required()) {
                    throw new IllegalArgumentException("The input '" + p.name() + "' is required: " + p.description());
                }
                if (p.defaultValue() != null) {
                    values.put(p.name(), p.parse(p.defaultValue()));
                }
            }
        }
    }

    /** The value of a declared input, or {@code null} when optional and not given. */
    public <T> T get(String name, Class<T> type) {
        if (!parameters.containsKey(name)) {
            throw new IllegalArgumentException("not a declared input: " + name);
        }
        return type.cast(values.get(name));
    }
}
