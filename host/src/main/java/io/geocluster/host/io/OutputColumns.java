package io.geocluster.host.io;

import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.OutputLayer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The column names of a result table, made unique the way SQLite compares them (ignoring case).
 *
 * <p>{@code cluster} and {@code split} are fixed because styles and users refer to them; the
 * source id and the kept attributes keep their names where they can and get a {@code _1},
 * {@code _2}, ... suffix where they would clash; the primary key ({@code fid}) and the geometry
 * column ({@code geom}) give way to them the same way. A kept attribute that is the source id
 * itself is not repeated: its values fill the source id column.
 */
final class OutputColumns {
    /** Name of the cluster label column. */
    static final String CLUSTER = "cluster";
    /** Name of the train/test split column. */
    static final String SPLIT = "split";

    final String pk;
    final String geometry;
    final String sourceId;
    /** Index into the kept list whose values fill the source id column, or -1. */
    final int sourceIdKept;
    /** Column name per kept attribute, {@code null} for the one that is the source id. */
    final List<String> kept;

    OutputColumns(OutputLayer layer) {
        Set<String> used = new HashSet<>();
        claim(used, CLUSTER);
        claim(used, SPLIT);
        sourceId = claim(used, layer.sourceId().name());
        int idKept = -1;
        List<String> keptNames = new ArrayList<>();
        for (int i = 0; i < layer.kept().size(); i++) {
            AttributeInfo a = layer.kept().get(i);
            if (idKept < 0 && a.name().equals(layer.sourceId().name())) {
                idKept = i;
                keptNames.add(null);
            } else {
                keptNames.add(claim(used, a.name()));
            }
        }
        sourceIdKept = idKept;
        kept = Collections.unmodifiableList(keptNames);
        pk = claim(used, "fid");
        geometry = claim(used, "geom");
    }

    private static String claim(Set<String> used, String wanted) {
        String name = wanted;
        for (int suffix = 1; !used.add(name.toLowerCase(Locale.ROOT)); suffix++) {
            name = wanted + "_" + suffix;
        }
        return name;
    }
}
