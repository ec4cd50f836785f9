package io.geocluster.host.io;

import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.LayerSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Resolves the attribute names a caller asks a layer for, failing with messages that name the
 * offending attribute and what the layer offers instead.
 */
final class AttributeLookup {
    private AttributeLookup() {
    }

    /**
     * Looks every name up among the id attribute and the other attributes of the layer.
     *
     * @param numeric whether every attribute must be numeric
     * @throws IllegalArgumentException for an unknown name, or a non-numeric one when {@code numeric}
     */
    static List<AttributeInfo> resolve(LayerSchema schema, List<String> names, boolean numeric) {
        Objects.requireNonNull(names, "attribute names");
        List<AttributeInfo> resolved = new ArrayList<>(names.size());
        for (String name : names) {
            AttributeInfo info = lookup(schema, name);
            if (info == null) {
                throw new IllegalArgumentException("Unknown attribute '" + name + "' in layer '" + schema.name()
                        + "'; available attributes: " + names(schema, false));
            }
            if (numeric && !info.type().isNumeric()) {
                throw new IllegalArgumentException("Attribute '" + name + "' of layer '" + schema.name() + "' is "
                        + info.type() + ", not numeric; numeric attributes: " + names(schema, true));
            }
            resolved.add(info);
        }
        return resolved;
    }

    private static AttributeInfo lookup(LayerSchema schema, String name) {
        if (schema.id().name().equals(name)) {
            return schema.id();
        }
        return schema.attribute(name).orElse(null);
    }

    private static String names(LayerSchema schema, boolean numericOnly) {
        List<AttributeInfo> all = new ArrayList<>();
        all.add(schema.id());
        all.addAll(schema.attributes());
        return all.stream()
                .filter(a -> !numericOnly || a.type().isNumeric())
                .map(AttributeInfo::name)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
