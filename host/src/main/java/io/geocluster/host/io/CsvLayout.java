package io.geocluster.host.io;

import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What one streaming scan of a point CSV learns: the header, a type per column, which columns hold
 * the id and the coordinates, and the number of rows.
 *
 * <p>Role columns follow the EGMS conventions: {@code pid} is the id; coordinates come from
 * {@code easting}/{@code northing} (EPSG:3035), else {@code x}/{@code y} (CRS unknown), else
 * {@code longitude}/{@code latitude} (EPSG:4326). Role names are matched ignoring case.
 */
final class CsvLayout {
    /** Column index standing for the data-row ordinal when the file has no {@code pid}. */
    static final int ROW_ORDINAL = -2;

    private static final int READ_BUFFER = 1 << 16;

    final Path file;
    final String[] header;
    final AttributeType[] types;
    /** The {@code pid} column, or -1. */
    final int idColumn;
    /** Whether every {@code pid} is a whole number, used as the id as it is; otherwise ids are hashes. */
    final boolean integerIds;
    final int xColumn;
    final int yColumn;
    final LayerSchema schema;

    private CsvLayout(Path file, String[] header, AttributeType[] types, boolean integerIds, long rows) {
        this.file = file;
        this.header = header;
        this.types = types;
        this.idColumn = find(header, "pid");
        this.integerIds = integerIds;
        int[] xy = coordinates(header);
        this.xColumn = xy[0];
        this.yColumn = xy[1];
        List<AttributeInfo> attributes = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (c != idColumn) {
                attributes.add(new AttributeInfo(header[c], types[c]));
            }
        }
        AttributeInfo id = idColumn >= 0
                ? new AttributeInfo(header[idColumn], integerIds ? AttributeType.INTEGER : AttributeType.TEXT)
                : new AttributeInfo(unusedName(header, "row"), AttributeType.INTEGER);
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String crs = crs(xy[2]);
        this.schema = new LayerSchema(dot > 0 ? fileName.substring(0, dot) : fileName, id, attributes, crs,
                WellKnownCrs.wkt(crs), rows);
    }

    /**
     * Reads the whole file once, holding one row at a time.
     *
     * @throws IOException when the file cannot be read, has no header, repeats a column name or
     *         has a row with the wrong number of fields
     */
    static CsvLayout scan(Path file) throws IOException {
        try (CSVParser parser = parser(file)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new IOException("CSV file " + file + " is empty: a header row is expected");
            }
            String[] header = header(file, records.next());
            int id = find(header, "pid");
            CsvValues.TypeGuess[] guesses = new CsvValues.TypeGuess[header.length];
            for (int c = 0; c < guesses.length; c++) {
                guesses[c] = new CsvValues.TypeGuess();
            }
            long rows = 0;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                checkWidth(file, record, header.length);
                for (int c = 0; c < header.length; c++) {
                    guesses[c].accept(record.get(c));
                }
                rows++;
            }
            AttributeType[] types = new AttributeType[header.length];
            for (int c = 0; c < types.length; c++) {
                types[c] = guesses[c].type();
            }
            return new CsvLayout(file, header, types, id >= 0 && guesses[id].allIntegers(), rows);
        } catch (IllegalStateException | UncheckedIOException e) {
            // commons-csv reports malformed input (an unterminated quote, ...) from its iterator
            throw new IOException("Cannot parse CSV file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens a streaming parser over the file; the first record it yields is the header. */
    static CSVParser parser(Path file) throws IOException {
        BufferedReader reader = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), READ_BUFFER);
        try {
            return CSVFormat.DEFAULT.parse(reader);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Fails unless a data record has as many fields as the header. */
    static void checkWidth(Path file, CSVRecord record, int width) throws IOException {
        if (record.size() != width) {
            throw new IOException("CSV file " + file + ": record " + record.getRecordNumber() + " has " + record.size()
                    + " fields, the header has " + width);
        }
    }

    /** Index of the named column for a layer attribute (the id included), or {@link #ROW_ORDINAL}. */
    int column(String attribute) {
        for (int c = 0; c < header.length; c++) {
            if (header[c].equals(attribute)) {
                return c;
            }
        }
        if (idColumn < 0 && schema.id().name().equals(attribute)) {
            return ROW_ORDINAL;
        }
        throw new IllegalArgumentException("no column " + attribute);
    }

    private static String[] header(Path file, CSVRecord record) throws IOException {
        String[] header = new String[record.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
            String name = record.get(c);
            if (c == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            name = name.trim();
            if (name.isEmpty()) {
                throw new IOException("CSV file " + file + ": column " + (c + 1) + " of the header has no name");
            }
            Integer previous = seen.put(name, c);
            if (previous != null) {
                throw new IOException("CSV file " + file + ": duplicate column name '" + name + "' (columns "
                        + (previous + 1) + " and " + (c + 1) + ")");
            }
            header[c] = name;
        }
        return header;
    }

    private static int find(String[] header, String name) {
        for (int c = 0; c < header.length; c++) {
            if (header[c].equalsIgnoreCase(name)) {
                return c;
            }
        }
        return -1;
    }

    /** x column, y column and which convention matched (0 easting/northing, 1 x/y, 2 lon/lat, -1 none). */
    private static int[] coordinates(String[] header) {
        String[][] pairs = {{"easting", "northing"}, {"x", "y"}, {"longitude", "latitude"}};
        for (int i = 0; i < pairs.length; i++) {
            int x = find(header, pairs[i][0]);
            int y = find(header, pairs[i][1]);
            if (x >= 0 && y >= 0) {
                return new int[] {x, y, i};
            }
        }
        return new int[] {-1, -1, -1};
    }

    private static String crs(int convention) {
        switch (convention) {
            case 0: return "EPSG:3035";
            case 2: return "EPSG:4326";
            default: return null;
        }
    }

    private static String unusedName(String[] header, String wanted) {
        String name = wanted;
        for (int i = 1; find(header, name) >= 0; i++) {
            name = wanted + "_" + i;
        }
        return name;
    }
}
