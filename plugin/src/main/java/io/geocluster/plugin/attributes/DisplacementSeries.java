package io.geocluster.plugin.attributes;

import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.LayerSchema;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The per-date displacement columns of a layer: EGMS and InSAR Norway catalogues carry one
 * numeric column per acquisition, named {@code yyyymmdd}, holding displacement in millimetres.
 * Immutable; columns are in date order.
 *
 * @param columns column names, sorted by date
 * @param dates the date of each column
 */
public record DisplacementSeries(List<String> columns, List<LocalDate> dates) {
    /** Copies both lists. */
    public DisplacementSeries {
        columns = List.copyOf(columns);
        dates = List.copyOf(dates);
    }

    /** The numeric dated columns of a layer, in date order; empty when there are none. */
    public static DisplacementSeries of(LayerSchema schema) {
        List<AttributeInfo> dated = new ArrayList<>();
        for (AttributeInfo a : schema.attributes()) {
            if (a.type().isNumeric() && dateOf(a.name()) != null) {
                dated.add(a);
            }
        }
        dated.sort(Comparator.comparing(a -> dateOf(a.name())));
        List<String> names = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        for (AttributeInfo a : dated) {
            names.add(a.name());
            dates.add(dateOf(a.name()));
        }
        return new DisplacementSeries(names, dates);
    }

    /** The dates as day numbers ({@link LocalDate#toEpochDay()}), in order. */
    public long[] days() {
        long[] days = new long[dates.size()];
        for (int i = 0; i < days.length; i++) {
            days[i] = dates.get(i).toEpochDay();
        }
        return days;
    }

    /**
     * Checks that the layer stores its dated columns in date order, as EGMS and InSAR Norway
     * catalogues do. A layer whose dated columns are out of order was most likely assembled
     * wrongly (columns renamed, or two catalogues joined), so a computation that models the
     * series' dynamics refuses it rather than guessing.
     *
     * @param parameter the input that asked for the series, for the message
     * @throws IllegalArgumentException naming the first column that comes before an earlier date
     */
    public static void requireLayerOrder(LayerSchema schema, String parameter) {
        String previous = null;
        for (AttributeInfo a : schema.attributes()) {
            LocalDate date = a.type().isNumeric() ? dateOf(a.name()) : null;
            if (date == null) {
                continue;
            }
            if (previous != null && !date.isAfter(dateOf(previous))) {
                throw new IllegalArgumentException(parameter + ": the dated columns of layer '" + schema.name()
                        + "' are not in date order: column '" + a.name() + "' comes after column '" + previous
                        + "'. Store the per-date columns in increasing date order.");
            }
            previous = a.name();
        }
    }

    /** Whether the layer has no dated column. */
    public boolean isEmpty() {
        return columns.isEmpty();
    }

    /** The date a column name stands for, or {@code null} when it is not a valid {@code yyyymmdd}. */
    public static LocalDate dateOf(String name) {
        if (name.length() != 8) {
            return null;
        }
        for (int i = 0; i < 8; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        int year = Integer.parseInt(name.substring(0, 4));
        int month = Integer.parseInt(name.substring(4, 6));
        int day = Integer.parseInt(name.substring(6, 8));
        if (year < 1900 || year > 2200) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
