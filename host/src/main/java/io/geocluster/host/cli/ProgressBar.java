package io.geocluster.host.cli;

import io.geocluster.engine.RunMonitor;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Draws one progress bar per pass on stderr: percentage when the row count is known, rows and
 * rows per second always. Redraws at most ten times a second so that drawing never costs more
 * than the work; without a terminal it prints one line per pass.
 */
final class ProgressBar implements RunMonitor {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive;
    private final boolean quiet;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private String pass;
    private long expected;
    private long rows;
    private long started;
    private long lastDraw;

    /**
     * @param interactive redraw one line in place (a terminal) instead of one line per pass
     * @param quiet print nothing; the bar then only relays cancellation
     */
    ProgressBar(PrintStream out, boolean interactive, boolean quiet) {
        this.out = out;
        this.interactive = interactive && !quiet;
        this.quiet = quiet;
    }

    /** Asks the run to stop at its next batch. */
    void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean isCanceled() {
        return cancelled.get();
    }

    @Override
    public void passStarted(String name, long expectedRows) {
        pass = name;
        expected = expectedRows;
        rows = 0;
        started = System.nanoTime();
        lastDraw = 0;
        if (interactive) {
            draw();
        }
    }

    @Override
    public void passProgress(long done) {
        rows = done;
        long now = System.nanoTime();
        if (interactive && now - lastDraw > 100_000_000L) {
            lastDraw = now;
            draw();
        }
    }

    @Override
    public void passFinished() {
        if (quiet) {
            return;
        }
        if (expected >= 0) {
            rows = Math.max(rows, expected);
        }
        if (interactive) {
            draw();
            out.println();
        } else {
            out.println(line());
        }
        out.flush();
    }

    private void draw() {
        out.print('\r' + line());
        out.flush();
    }

    private String line() {
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-12s ", pass));
        if (expected > 0) {
            double f = Math.min(1, rows / (double) expected);
            int filled = (int) Math.round(f * WIDTH);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append(']');
            sb.append(String.format(Locale.ROOT, " %3d%%", Math.round(f * 100)));
        }
        sb.append(String.format(Locale.ROOT, " %,d rows  %s rows/s  %.1f s", rows, rate(rows / seconds), seconds));
        return sb.toString();
    }

    private static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
