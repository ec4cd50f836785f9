package io.geocluster.host.io;

import io.geocluster.engine.FeatureBatch;
import io.geocluster.engine.StableHash;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One streaming pass over a point CSV file; the batch arrays are allocated once and refilled by
 * every call to {@link #next()}.
 */
final class CsvCursor implements LayerCursor {
    private final CsvLayout layout;
    private final int[] numericColumns;
    private final int[] keptColumns;
    private final AttributeType[] keptTypes;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final float[] values;
    private final long[] ids;
    private final double[] x;
    private final double[] y;
    private final KeptColumns kept;
    private long ordinal;
    private boolean closed;

    CsvCursor(CsvLayout layout, int[] numericColumns, int[] keptColumns, AttributeType[] keptTypes, int batchRows)
            throws IOException {
        this.layout = layout;
        this.numericColumns = numericColumns;
        this.keptColumns = keptColumns;
        this.keptTypes = keptTypes;
        this.values = new float[Math.multiplyExact(batchRows, Math.max(numericColumns.length, 1))];
        this.ids = new long[batchRows];
        boolean hasXy = layout.xColumn >= 0;
        this.x = hasXy ? new double[batchRows] : null;
        this.y = hasXy ? new double[batchRows] : null;
        this.kept = new KeptColumns(keptColumns.length, batchRows);
        this.parser = CsvLayout.parser(layout.file);
        try {
            this.records = parser.iterator();
            if (records.hasNext()) {
                records.next(); // the header, already known from the scan
            }
        } catch (RuntimeException e) {
            parser.close();
            throw new IOException("Cannot read CSV file " + layout.file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FeatureBatch next() throws IOException {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        int columns = numericColumns.length;
        int width = layout.header.length;
        int n = 0;
        try {
            while (n < ids.length && records.hasNext()) {
                CSVRecord record = records.next();
                CsvLayout.checkWidth(layout.file, record, width);
                long rowOrdinal = ordinal++;
                ids[n] = id(record, rowOrdinal);
                if (x != null) {
                    x[n] = CsvValues.toDouble(record.get(layout.xColumn));
                    y[n] = CsvValues.toDouble(record.get(layout.yColumn));
                }
                int offset = n * columns;
                for (int c = 0; c < columns; c++) {
                    int column = numericColumns[c];
                    values[offset + c] = column == CsvLayout.ROW_ORDINAL
                            ? rowOrdinal
                            : (float) CsvValues.toDouble(record.get(column));
                }
                for (int k = 0; k < keptColumns.length; k++) {
                    int column = keptColumns[k];
                    kept.set(n, k, column == CsvLayout.ROW_ORDINAL
                            ? Long.valueOf(rowOrdinal)
                            : CsvValues.toKept(record.get(column), keptTypes[k]));
                }
                n++;
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new IOException("Cannot parse CSV file " + layout.file + " near line " + parser.getCurrentLineNumber()
                    + ": " + e.getMessage(), e);
        }
        kept.setRows(n);
        return n == 0 ? null : new FeatureBatch(n, columns, values, ids, x, y);
    }

    @Override
    public Object kept(int row, int column) {
        return kept.kept(row, column);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            parser.close();
        }
    }

    private long id(CSVRecord record, long rowOrdinal) throws IOException {
        if (layout.idColumn < 0) {
            return rowOrdinal;
        }
        String pid = record.get(layout.idColumn);
        if (!layout.integerIds) {
            return StableHash.of(pid);
        }
        try {
            return Long.parseLong(pid);
        } catch (NumberFormatException e) {
            throw new IOException("CSV file " + layout.file + " changed while being read: pid '" + pid
                    + "' of record " + record.getRecordNumber() + " is not a whole number", e);
        }
    }
}
