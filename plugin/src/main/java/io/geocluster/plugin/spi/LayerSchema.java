package io.geocluster.plugin.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a point layer holds: its name, the attribute that identifies features, the other
 * attributes in layer order, and the coordinate reference system of its geometries.
 *
 * @param name layer name
 * @param id the identifying attribute; its values become {@code FeatureBatch} ids (integers as
 *        they are, text through a stable 64-bit hash)
 * @param attributes every other attribute, in layer order (geometry excluded)
 * @param crs the CRS as an authority code such as {@code EPSG:3035}, or {@code null} when unknown
 * @param crsWkt the CRS as OGC WKT when the source holds it, so outputs can carry the exact
 *        definition; {@code null} otherwise
 * @param featureCount number of features, or -1 when the source cannot tell cheaply
 */
public record LayerSchema(String name, AttributeInfo id, List<AttributeInfo> attributes, String crs, String crsWkt,
                          long featureCount) {
    /** Copies the attribute list. */
    public LayerSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        attributes = List.copyOf(attributes);
    }

    /** A schema whose CRS is known by code only. */
    public LayerSchema(String name, AttributeInfo id, List<AttributeInfo> attributes, String crs, long featureCount) {
        this(name, id, attributes, crs, null, featureCount);
    }

    /** The attribute of that exact name, if the layer has one. */
    public Optional<AttributeInfo> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }
}
