package io.geocluster.plugin.spark;

import io.geocluster.engine.RunCancelledException;
import io.geocluster.engine.RunMonitor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs the spark module's {@code SparkMain} through {@code spark-submit} and waits for it: the one
 * launcher of the WPS processes ({@code engine=spark}) and the command line ({@code --engine spark}).
 *
 * <p><b>Protocol.</b> The job prints {@value #PROGRESS} {@code <percent> <task>} lines on its
 * standard output at every phase, mini-batch step and Lloyd iteration, and one {@value #SUMMARY}
 * {@code <json>} line at the end (the same JSON it writes beside the labels). The launcher turns
 * progress lines into one {@link RunMonitor} pass whose rows are tenths of a percent, so a WPS
 * status reads e.g. "training, 42%"; other lines go to the log; the last {@value #ERROR_LINES}
 * lines of the error stream are kept for the failure message.
 *
 * <p><b>Cancellation and failures.</b> The monitor is polled every {@value #POLL_MILLIS} ms; when it
 * is cancelled, the thread is interrupted, or the monitor throws (GeoServer's listener throws for a
 * dismissed execution), spark-submit and its child processes are destroyed, which in client deploy
 * mode (the default) is the driver and therefore the application. The job writes into
 * {@code .<name>.geocluster-tmp} beside the output and renames it at the end; a cancelled or failed
 * run has both removed, so it leaves no output. A non-zero exit becomes a {@link SparkJobException}
 * carrying the error lines.
 *
 * <p><b>Thread safety.</b> One instance may serve concurrent runs; two runs may not write the same
 * output folder at once (refused).
 */
public final class SparkSubmitter {
    /** Prefix of a progress line of the job's standard output. */
    public static final String PROGRESS = "geocluster-progress";
    /** Prefix of the summary line of the job's standard output. */
    public static final String SUMMARY = "geocluster-summary";
    /** Error-stream lines kept for a failure message. */
    static final int ERROR_LINES = 25;
    /** How often cancellation is polled. */
    static final long POLL_MILLIS = 100;
    /** How long a destroyed spark-submit gets to stop before it is killed. */
    static final long STOP_MILLIS = 10_000;
    /** The single pass the job's progress is reported as, in rows: tenths of a percent. */
    static final long PERMILLE = 1000;

    /** Outputs being written by a run of this JVM. */
    private static final Set<Path> RUNNING = ConcurrentHashMap.newKeySet();

    private final SparkEngineSettings settings;

    /** @param settings complete settings ({@link SparkEngineSettings#require}) */
    public SparkSubmitter(SparkEngineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(settings.master(), "master");
        Objects.requireNonNull(settings.submit(), "submit");
        Objects.requireNonNull(settings.jar(), "jar");
    }

    /** The temporary folder the job writes {@code output} into before renaming it (the spark module's rule). */
    public static Path temporary(Path output) {
        return output.resolveSibling("." + output.getFileName() + ".geocluster-tmp");
    }

    /**
     * The {@code spark-submit} command line: the executable, {@code --master}, the administrator's
     * arguments, the jar, the command, its inputs as {@code --name value}, then
     * {@code --outputName} and {@code --sparkMaster}.
     */
    public List<String> commandLine(String command, Map<String, String> inputs, Path output) {
        List<String> line = new ArrayList<>();
        line.add(settings.submit().toString());
        line.add("--master");
        line.add(settings.master());
        line.addAll(settings.arguments());
        line.add(settings.jar().toString());
        line.add(command);
        inputs.forEach((name, value) -> {
            line.add("--" + name);
            line.add(value);
        });
        line.add("--outputName");
        line.add(output.toString());
        line.add("--sparkMaster");
        line.add(settings.master());
        return line;
    }

    /**
     * Runs the job and waits for it.
     *
     * @param command {@code batched-kmeans} or {@code iikmc}
     * @param inputs the job's inputs, without {@code outputName} and {@code sparkMaster}
     * @param output the labels folder; must not exist
     * @param log receives the job's other output lines
     * @throws IllegalArgumentException for a bad or unreachable master, or an output that exists
     *         or is being written
     * @throws SparkJobException when the job fails
     * @throws RunCancelledException when the monitor cancels the run
     */
    public SparkJobResult run(String command, Map<String, String> inputs, Path output, RunMonitor monitor,
                              Consumer<String> log) throws IOException {
        SparkMasterUrl.check(settings.master());
        Path target = output.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new IllegalArgumentException("The output " + target + " already exists; choose another outputName.");
        }
        if (!RUNNING.add(target)) {
            throw new IllegalArgumentException("A Spark run is already writing " + target + "; choose another outputName.");
        }
        try {
            return launch(commandLine(command, inputs, target), target, monitor, log);
        } finally {
            RUNNING.remove(target);
        }
    }

    private SparkJobResult launch(List<String> line, Path output, RunMonitor monitor, Consumer<String> log)
            throws IOException {
        log.accept("running " + String.join(" ", line));
        Process process = new ProcessBuilder(line).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        pump(process.getInputStream(), false, lines);
        pump(process.getErrorStream(), true, lines);
        boolean finished = false;
        try {
            Watch watch = new Watch(monitor, log);
            int open = 2;
            long deadSince = 0;
            while (open > 0) {
                if (monitor.isCanceled()) {
                    throw new RunCancelledException();
                }
                Line l = lines.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (l == null) {
                    // A grandchild holding the pipes open must not keep a finished run waiting.
                    if (!process.isAlive()) {
                        deadSince = deadSince == 0 ? System.nanoTime() : deadSince;
                        if (System.nanoTime() - deadSince > TimeUnit.SECONDS.toNanos(2)) {
                            break;
                        }
                    }
                } else if (l.text == null) {
                    open--;
                } else {
                    watch.accept(l);
                }
            }
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (monitor.isCanceled()) {
                    throw new RunCancelledException();
                }
            }
            for (Line l; (l = lines.poll()) != null; ) {
                if (l.text != null) {
                    watch.accept(l);
                }
            }
            int status = process.exitValue();
            if (status != 0) {
                throw new SparkJobException("The Spark job failed (spark-submit exited with status " + status
                        + "). Last error lines:\n" + watch.errors(), status);
            }
            if (watch.summary == null || !Files.isDirectory(output)) {
                throw new SparkJobException("The Spark job ended without " + (watch.summary == null ? "reporting its"
                        + " summary" : "leaving its labels in " + output) + ". Last error lines:\n" + watch.errors(), 0);
            }
            monitor.passFinished();
            finished = true;
            return new SparkJobResult(output, watch.summary);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException();
        } finally {
            if (!finished) {
                stop(process);
                delete(SparkSubmitter.temporary(output));
                delete(output);
            }
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Destroys spark-submit and its children (the driver JVM in client mode), forcibly when they linger. */
    static void stop(Process process) {
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList()); // before the parent goes
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        // A child started between the first look and the parent's end would be orphaned: look again.
        process.descendants().filter(c -> !children.contains(c)).forEach(c -> {
            children.add(c);
            c.destroy();
        });
        try {
            if (!process.waitFor(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
            for (ProcessHandle c : children) {
                while (c.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                if (c.isAlive()) {
                    c.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    /** Removes a folder the job left; the failure to do so must not hide the run's own outcome. */
    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // reported by the run's own failure; a stale temporary folder is removed by the next run
        }
    }

    /** Reads a stream line by line into the queue on a daemon thread; a null text marks its end. */
    private static void pump(InputStream in, boolean error, BlockingQueue<Line> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String s; (s = r.readLine()) != null; ) {
                    lines.add(new Line(error, s));
                }
            } catch (IOException ignored) {
                // the process was destroyed
            } finally {
                lines.add(new Line(error, null));
            }
        }, "geocluster-spark-" + (error ? "stderr" : "stdout"));
        t.setDaemon(true);
        t.start();
    }

    /** One output line; {@code text} null marks the end of its stream. */
    private record Line(boolean error, String text) {
    }

    /** Interprets the job's lines on the calling thread, so the monitor is only ever called there. */
    private static final class Watch {
        private final RunMonitor monitor;
        private final Consumer<String> log;
        private final Deque<String> errors = new ArrayDeque<>();
        private String task;
        private String summary;

        Watch(RunMonitor monitor, Consumer<String> log) {
            this.monitor = monitor;
            this.log = log;
        }

        void accept(Line l) {
            if (l.error) {
                if (errors.size() == ERROR_LINES) {
                    errors.removeFirst();
                }
                errors.addLast(l.text);
                log.accept("spark: " + l.text);
            } else if (l.text.startsWith(PROGRESS + " ")) {
                progress(l.text.substring(PROGRESS.length() + 1).strip());
            } else if (l.text.startsWith(SUMMARY + " ")) {
                summary = l.text.substring(SUMMARY.length() + 1).strip();
            } else {
                log.accept(l.text);
            }
        }

        /** {@code <percent> <task>}: a new task starts the pass again; percent is of the whole job. */
        private void progress(String rest) {
            int space = rest.indexOf(' ');
            String number = space < 0 ? rest : rest.substring(0, space);
            String name = space < 0 ? "spark" : rest.substring(space + 1).strip();
            double percent;
            try {
                percent = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                log.accept("unreadable progress line: " + PROGRESS + " " + rest);
                return;
            }
            if (!name.equals(task)) {
                task = name;
                monitor.passStarted(name, PERMILLE);
            }
            monitor.passProgress(Math.round(Math.max(0, Math.min(100, percent)) * PERMILLE / 100));
        }

        String errors() {
            return errors.isEmpty() ? "(none)" : String.join("\n", errors);
        }
    }
}
