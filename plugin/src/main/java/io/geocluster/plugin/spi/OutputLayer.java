package io.geocluster.plugin.spi;

import java.util.List;
import java.util.Objects;

/**
 * Description of a labelled point layer to create: it gets the source id, a {@code cluster}
 * integer (NULL for rows that could not be clustered), a {@code split} text
 * ({@code train}, {@code test} or {@code missing}), the point geometry and the kept attributes.
 *
 * @param name layer name
 * @param crs CRS of the geometries as an authority code, or {@code null} when unknown
 * @param crsWkt the CRS as OGC WKT, or {@code null} when only the code is known
 * @param sourceId name and type of the source id attribute
 * @param kept kept attributes in the order {@link KeptValues} indexes them
 */
public record OutputLayer(String name, String crs, String crsWkt, AttributeInfo sourceId, List<AttributeInfo> kept) {
    /** Copies the kept list. */
    public OutputLayer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceId, "sourceId");
        kept = List.copyOf(kept);
    }

    /** An output whose CRS is known by code only. */
    public OutputLayer(String name, String crs, AttributeInfo sourceId, List<AttributeInfo> kept) {
        this(name, crs, null, sourceId, kept);
    }
}
