package io.geocluster.plugin.geoserver;

import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.OutputLayer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The columns of a result feature type in a GeoPackage store, with names made unique the way
 * SQLite compares them (ignoring case).
 *
 * <p>{@code fid} is taken by the primary key GeoTools' GeoPackage store adds to every table, and
 * {@code cluster} and {@code split} are fixed because styles and users refer to them. The source id
 * and the kept attributes keep their names where they can and get a {@code _1}, {@code _2}, ...
 * suffix where they would clash; the geometry column ({@code geom}) gives way to them the same
 * way. A kept attribute that is the source id itself is not repeated: its values (the original
 * text of text ids) fill the source id column.
 */
final class ResultColumns {
    /** Name of the cluster label column. */
    static final String CLUSTER = "cluster";
    /** Name of the train/test split column. */
    static final String SPLIT = "split";

    /**
     * One attribute column.
     *
     * @param name column name
     * @param binding Java class of its values ({@code Long}, {@code Integer}, {@code Double} or {@code String})
     */
    record Column(String name, Class<?> binding) {
        Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(binding, "binding");
        }
    }

    /** Name of the point geometry column. */
    final String geometry;
    /** Source id, cluster, split, then the kept attributes that are not the source id. */
    final List<Column> columns;
    /** Index into the kept list whose values fill the source id column, or -1. */
    final int sourceIdKept;
    /** Column name per kept attribute, {@code null} for the one that is the source id. */
    final List<String> kept;

    ResultColumns(OutputLayer layer) {
        Set<String> used = new HashSet<>();
        claim(used, "fid");
        claim(used, CLUSTER);
        claim(used, SPLIT);
        List<Column> all = new ArrayList<>();
        AttributeInfo id = layer.sourceId();
        all.add(new Column(claim(used, id.name()), binding(id.type())));
        all.add(new Column(CLUSTER, Integer.class));
        all.add(new Column(SPLIT, String.class));
        int idKept = -1;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layer.kept().size(); i++) {
            AttributeInfo a = layer.kept().get(i);
            if (idKept < 0 && a.name().equals(id.name())) {
                idKept = i;
                names.add(null);
            } else {
                String name = claim(used, a.name());
                names.add(name);
                all.add(new Column(name, binding(a.type())));
            }
        }
        sourceIdKept = idKept;
        kept = Collections.unmodifiableList(names);
        columns = List.copyOf(all);
        geometry = claim(used, "geom");
    }

    /** Name of the source id column. */
    String sourceId() {
        return columns.get(0).name();
    }

    /** The Java class a column of that type holds. */
    static Class<?> binding(AttributeType type) {
        switch (type) {
            case INTEGER: return Long.class;
            case REAL: return Double.class;
            default: return String.class;
        }
    }

    private static String claim(Set<String> used, String wanted) {
        String name = wanted;
        for (int suffix = 1; !used.add(name.toLowerCase(Locale.ROOT)); suffix++) {
            name = wanted + "_" + suffix;
        }
        return name;
    }
}
