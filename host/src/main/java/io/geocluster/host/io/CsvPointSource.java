package io.geocluster.host.io;

import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerSource;
import io.geocluster.plugin.spi.LayerStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a point CSV file with a header row, EGMS style (see {@link CsvLayout} for the id and
 * coordinate columns), as a {@link LayerSource}.
 *
 * <p><b>Algorithm:</b> the constructor streams the file once to infer a type per column (INTEGER
 * when every present value parses as a long, REAL when as a double, TEXT otherwise; empty fields
 * and {@code NaN} are missing) and to count the rows; every pass then streams it again. Memory
 * holds one batch, never the file.
 *
 * <p><b>Ids:</b> the {@code pid} value when every pid is a whole number, otherwise
 * {@link io.geocluster.engine.StableHash#of} of the pid text; without a {@code pid} column the
 * 0-based data-row ordinal, exposed as the INTEGER id attribute {@code row}.
 *
 * <p><b>Thread safety:</b> the source is immutable; each cursor belongs to one thread.
 */
public final class CsvPointSource implements LayerSource {
    /** Rows per batch. */
    public static final int BATCH_ROWS = 4096;

    private final CsvLayout layout;

    /**
     * Scans the file.
     *
     * @throws FileNotFoundException when the file does not exist
     * @throws IOException when it cannot be read, repeats a column name or has ragged rows
     */
    public CsvPointSource(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("Layer file not found: " + file);
        }
        this.layout = CsvLayout.scan(file);
    }

    @Override
    public LayerSchema schema() {
        return layout.schema;
    }

    @Override
    public LayerStream open(List<String> numeric, List<String> kept) {
        int[] numericColumns = columns(AttributeLookup.resolve(layout.schema, numeric, true));
        List<AttributeInfo> keptAttributes = AttributeLookup.resolve(layout.schema, kept, false);
        int[] keptColumns = columns(keptAttributes);
        AttributeType[] keptTypes = keptAttributes.stream().map(AttributeInfo::type).toArray(AttributeType[]::new);
        long rows = layout.schema.featureCount();
        return new LayerStream() {
            @Override
            public int columns() {
                return numericColumns.length;
            }

            // overrides BatchStream.sizeHint where the engine has it; no @Override so both compile
            public long sizeHint() {
                return rows;
            }

            @Override
            public LayerCursor open() throws IOException {
                return new CsvCursor(layout, numericColumns, keptColumns, keptTypes, BATCH_ROWS);
            }
        };
    }

    @Override
    public void close() {
        // every cursor owns and closes its own reader
    }

    private int[] columns(List<AttributeInfo> attributes) {
        return attributes.stream().mapToInt(a -> layout.column(a.name())).toArray();
    }
}
