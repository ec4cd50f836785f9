package io.geocluster.plugin.attributes;

import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.LayerSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves what users type for {@code dynamicAttributes}, {@code staticAttributes} and
 * {@code keepAttributes} into attribute names of a layer.
 *
 * <p>A selection is a comma-separated list of items. Each item is, in this order of precedence:
 * <ul>
 *   <li>an exact attribute name;</li>
 *   <li>{@value #SERIES}: every per-date displacement column ({@code yyyymmdd}), in date order;</li>
 *   <li>{@value #RESERVOIR} (in {@code dynamicAttributes} only): the reservoir embedding of the
 *       displacement series, the {@link ReservoirColumns} that a reservoir view of the layer adds;</li>
 *   <li>a prefix, written {@code emb_} or {@code emb_*}: every attribute whose name starts with it,
 *       in layer order.</li>
 * </ul>
 * Duplicates are dropped; the first occurrence wins.
 */
public final class AttributeSelection {
    /** The item that selects the displacement series. */
    public static final String SERIES = "series";
    /** The item that selects the reservoir embedding of the displacement series. */
    public static final String RESERVOIR = "reservoir";

    private AttributeSelection() {
    }

    /**
     * Resolves a selection of numeric attributes for clustering.
     *
     * @param parameter the parameter name, for messages
     * @param spec the user's text; {@code null} or blank selects nothing
     * @throws IllegalArgumentException naming the item that matches nothing or the attribute that
     *         is not numeric, and listing what would have been accepted
     */
    public static List<String> numeric(LayerSchema schema, String parameter, String spec) {
        List<String> names = resolve(schema, parameter, spec);
        for (String name : names) {
            AttributeInfo info = schema.attribute(name).orElseThrow();
            if (!info.type().isNumeric()) {
                throw new IllegalArgumentException(parameter + ": attribute '" + name + "' of layer '" + schema.name()
                        + "' is text, not a number. Numeric attributes are: " + numericNames(schema) + ".");
            }
        }
        return names;
    }

    /** Resolves a selection of attributes of any type (to keep in the output). */
    public static List<String> any(LayerSchema schema, String parameter, String spec) {
        return resolve(schema, parameter, spec);
    }

    /**
     * Whether a selection asks for the reservoir embedding: it holds the item {@value #RESERVOIR}
     * and the layer has no attribute of that name (an exact name wins, as for every item).
     */
    public static boolean requestsReservoir(LayerSchema schema, String spec) {
        if (spec == null || schema.attribute(RESERVOIR).isPresent()) {
            return false;
        }
        for (String raw : spec.split(",")) {
            if (raw.strip().equalsIgnoreCase(RESERVOIR)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> resolve(LayerSchema schema, String parameter, String spec) {
        Set<String> out = new LinkedHashSet<>();
        if (spec == null || spec.isBlank()) {
            return List.of();
        }
        for (String raw : spec.split(",")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            if (schema.attribute(item).isPresent()) {
                out.add(item);
                continue;
            }
            if (item.equalsIgnoreCase(SERIES)) {
                List<String> dated = DisplacementSeries.of(schema).columns();
                if (dated.isEmpty()) {
                    throw new IllegalArgumentException(parameter + ": '" + SERIES + "' selects the per-date displacement"
                            + " columns (named yyyymmdd), but layer '" + schema.name() + "' has none.");
                }
                out.addAll(dated);
                continue;
            }
            if (item.equalsIgnoreCase(RESERVOIR)) {
                List<String> embedding = schema.attributes().stream().map(AttributeInfo::name)
                        .filter(n -> ReservoirColumns.index(n) >= 0).collect(Collectors.toList());
                if (embedding.isEmpty()) {
                    throw new IllegalArgumentException(parameter + ": '" + RESERVOIR + "' (the reservoir embedding of the"
                            + " per-date displacement columns) is a dynamic feature: give it in dynamicAttributes.");
                }
                out.addAll(embedding);
                continue;
            }
            String prefix = item.endsWith("*") ? item.substring(0, item.length() - 1) : item;
            List<String> matches = schema.attributes().stream().map(AttributeInfo::name)
                    .filter(n -> !prefix.isEmpty() && n.startsWith(prefix)).collect(Collectors.toList());
            if (matches.isEmpty()) {
                throw new IllegalArgumentException(parameter + ": layer '" + schema.name() + "' has no attribute named '"
                        + item + "' and none starting with it. Attributes are: " + allNames(schema) + ".");
            }
            out.addAll(matches);
        }
        return new ArrayList<>(out);
    }

    private static String numericNames(LayerSchema schema) {
        return summarise(schema.attributes().stream().filter(a -> a.type().isNumeric()).map(AttributeInfo::name)
                .collect(Collectors.toList()));
    }

    private static String allNames(LayerSchema schema) {
        return summarise(schema.attributes().stream().map(AttributeInfo::name).collect(Collectors.toList()));
    }

    /** Lists names, folding a long run of dated columns into one entry so messages stay readable. */
    private static String summarise(List<String> names) {
        List<String> shown = new ArrayList<>();
        int dated = 0;
        for (String n : names) {
            if (DisplacementSeries.dateOf(n) != null) {
                dated++;
            } else {
                shown.add(n);
            }
        }
        if (dated > 0) {
            shown.add(dated + " dated columns (select them with '" + SERIES + "')");
        }
        return String.join(", ", shown);
    }
}
