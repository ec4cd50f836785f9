package io.geocluster.host.testdata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the catalogue as EGMS-style CSV: header line, comma separated, '.' decimals, '\n' line ends
 * (so the bytes are the same on every platform), one column per acquisition date named
 * {@code yyyymmdd}, then {@code truth}.
 */
final class CsvCatalogueWriter implements CatalogueSink {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private final Path target;
    private final Path temporary;
    private final CSVPrinter printer;
    // Reused for every value: CSVPrinter consumes a CharSequence before print() returns.
    private final StringBuilder cell = new StringBuilder(32);
    private boolean published;

    CsvCatalogueWriter(Path target, LocalDate[] dates) throws IOException {
        this.target = target.toAbsolutePath();
        // Not Files.createTempFile: its owner-only permissions would stick to the published file.
        this.temporary = this.target.resolveSibling(
                "." + this.target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".part");
        OutputStream stream = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean ok = false;
        try {
            printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16),
                    FORMAT);
            printer.print("pid");
            for (String name : CatalogueRow.SCALAR_NAMES) {
                printer.print(name);
            }
            for (LocalDate date : dates) {
                printer.print(DateTimeFormatter.BASIC_ISO_DATE.format(date));
            }
            printer.print("truth");
            printer.println();
            ok = true;
        } finally {
            if (!ok) {
                stream.close();
                Files.deleteIfExists(temporary);
            }
        }
    }

    @Override
    public void accept(CatalogueRow row) throws IOException {
        printer.print(row.pid);
        for (int c = 0; c < row.scalars.length; c++) {
            number(row.scalars[c], CatalogueRow.SCALAR_DECIMALS[c]);
        }
        for (long d : row.displacement) {
            number(d, CatalogueRow.DISPLACEMENT_DECIMALS);
        }
        number(row.truth, 0);
        printer.println();
    }

    private void number(long scaled, int decimals) throws IOException {
        cell.setLength(0);
        CatalogueRow.appendDecimal(cell, scaled, decimals);
        printer.print(cell);
    }

    @Override
    public void finish() throws IOException {
        printer.close(true);
    }

    @Override
    public void publish() throws IOException {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        published = true;
    }

    @Override
    public void close() throws IOException {
        if (!published) {
            try {
                printer.close(); // no-op when already closed by finish()
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
