package io.geocluster.plugin.spi;

import java.util.Objects;

/**
 * The name and type of one attribute of a layer.
 *
 * @param name attribute name as the layer spells it
 * @param type storage type
 */
public record AttributeInfo(String name, AttributeType type) {
    /** Checks both parts are present. */
    public AttributeInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
