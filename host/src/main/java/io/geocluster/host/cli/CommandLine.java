package io.geocluster.host.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments after the command name: {@code --name value} (or {@code --name=value}) options
 * and bare {@code --flag}s. Process inputs keep their exact WPS identifiers as option names.
 *
 * @param options option values by name, in the order given
 * @param flags flags given
 */
record CommandLine(Map<String, String> options, Set<String> flags) {
    /**
     * Parses arguments.
     *
     * @param knownFlags names that take no value
     * @throws IllegalArgumentException for a stray value, a repeated option or an option without value
     */
    static CommandLine parse(List<String> args, Set<String> knownFlags) {
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> flags = new java.util.LinkedHashSet<>();
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "': inputs are given as --name value.");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (knownFlags.contains(name) && value == null) {
                flags.add(name);
                continue;
            }
            if (value == null) {
                if (i + 1 >= rest.size()) {
                    throw new IllegalArgumentException("--" + name + " needs a value.");
                }
                value = rest.get(++i);
            }
            if (options.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " was given twice.");
            }
        }
        return new CommandLine(options, flags);
    }
}
