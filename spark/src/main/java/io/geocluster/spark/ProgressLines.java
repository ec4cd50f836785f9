package io.geocluster.spark;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The job's machine-readable progress on standard output: {@value #PROGRESS}
 * {@code <percent> <task>} lines, which the plugin's {@code SparkSubmitter} forwards to a WPS
 * status or the command line's progress bar, and one {@value #SUMMARY} {@code <json>} line at the
 * end. Spark logs on standard error, so these lines are not interleaved with its own.
 *
 * <p>The prefixes must equal {@code SparkSubmitter.PROGRESS} and {@code SparkSubmitter.SUMMARY}
 * (this module cannot depend on the plugin; {@code SparkEngineProcessTest} checks them). A line is
 * printed when the task changes or the percentage grows by {@value #STEP} or more, so a job of
 * thousands of mini-batch steps prints a few hundred lines.
 */
final class ProgressLines {
    static final String PROGRESS = "geocluster-progress";
    static final String SUMMARY = "geocluster-summary";
    /** Smallest change, in percent, worth a line. */
    static final double STEP = 0.5;

    private final PrintStream out;
    private String task;
    private double printed = -1;

    ProgressLines(PrintStream out) {
        this.out = out;
    }

    /** Reports {@code percent} (0–100) of the whole job, in {@code task}. */
    synchronized void report(String task, double percent) {
        double p = Math.max(0, Math.min(100, percent));
        if (task.equals(this.task) && p < printed + STEP && p < 100) {
            return;
        }
        this.task = task;
        printed = p;
        out.printf(Locale.ROOT, "%s %.1f %s%n", PROGRESS, p, task);
        out.flush();
    }

    /** Reports the part {@code done / total} of a phase spanning {@code from}..{@code to} percent. */
    void report(String task, double from, double to, long done, long total) {
        report(task, from + (to - from) * (total <= 0 ? 1 : Math.min(1.0, (double) done / total)));
    }

    /** The summary line; the JSON must be on one line. */
    void summary(String json) {
        out.println(SUMMARY + " " + json.replace('\n', ' '));
        out.flush();
    }
}
