package io.geocluster.host.serve;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.geoserver.wps.ProcessDismissedException;
import org.geoserver.wps.process.RawData;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.ProcessException;

/**
 * Runs executions with limits: at most {@code maxJobs} at once, at most {@code maxQueued}
 * waiting beyond them (more are refused with {@code ServerBusy}), each stopped after
 * {@code jobTimeout} by cancelling through its listener, and each job's stored outputs deleted
 * {@code keepResults} after it finished.
 *
 * <p>What is kept and deleted: a job's complex outputs (summary, chart) are stored under
 * {@code <workspace>/.geocluster-results/<job id>/} and deleted with the job's status when it
 * expires. Published layers are workspace layers, not job results: they stay. A failed or
 * cancelled job publishes nothing, because the processes commit their layers only at the very
 * end and the workspace sinks write into hidden temporary folders until then.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class JobManager implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JobManager.class.getName());

    /**
     * The limits.
     *
     * @param maxJobs executions running at once, at least 1
     * @param maxQueued executions waiting beyond those, at least 1
     * @param jobTimeout longest run of one execution
     * @param keepResults how long a finished job's status and outputs stay available
     */
    public record Limits(int maxJobs, int maxQueued, Duration jobTimeout, Duration keepResults) {
        /** Checks the values. */
        public Limits {
            if (maxJobs < 1 || maxQueued < 1) {
                throw new IllegalArgumentException("maxJobs and maxQueued must be at least 1");
            }
            if (jobTimeout.isNegative() || jobTimeout.isZero() || keepResults.isNegative()) {
                throw new IllegalArgumentException("jobTimeout must be positive and keepResults not negative");
            }
        }
    }

    /** The body of an execution. */
    @FunctionalInterface
    public interface Task {
        /** Runs the process and returns its outputs by name (String literals or {@link RawData}). */
        Map<String, Object> run(ProgressListener listener) throws Exception;
    }

    private final Limits limits;
    private final Path resultsRoot;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService timer;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /**
     * @param resultsRoot folder of the stored outputs, one sub-folder per job
     */
    public JobManager(Limits limits, Path resultsRoot) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.resultsRoot = resultsRoot;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(limits.maxJobs(), limits.maxJobs(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(limits.maxQueued()), r -> daemon(r, "geocluster-job-" + n.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "geocluster-job-timer"));
    }

    /** The limits. */
    public Limits limits() {
        return limits;
    }

    /**
     * Queues an execution.
     *
     * @param responseOutputs the outputs the request asked for, each with whether it goes by
     *        reference; kept for the status document
     * @throws OwsException {@code ServerBusy} when the queue is full
     */
    public Job submit(ProcessDescription process, Map<String, Boolean> responseOutputs, Task task) throws OwsException {
        Job job = new Job(UUID.randomUUID().toString(), process, responseOutputs);
        jobs.put(job.id(), job);
        try {
            executor.execute(() -> run(job, task));
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id());
            throw new OwsException(OwsException.Code.ServerBusy, null, "The host is running " + limits.maxJobs()
                    + " executions and has " + limits.maxQueued() + " waiting; try again later");
        }
        return job;
    }

    /** The job of that identifier, unless unknown or expired. */
    public Optional<Job> job(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(jobs.get(id));
    }

    /** Jobs known now (running, waiting, or finished and not yet expired). */
    public int size() {
        return jobs.size();
    }

    private void run(Job job, Task task) {
        job.started();
        ScheduledFuture<?> deadline = timer.schedule(job::markTimedOut, limits.jobTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            Map<String, Object> out = task.run(job.listener);
            job.succeeded(store(job, out));
        } catch (Throwable t) {
            Throwable e = t instanceof InvocationTargetException && t.getCause() != null ? t.getCause() : t;
            if (e instanceof VirtualMachineError vme && !(e instanceof OutOfMemoryError)) {
                throw vme;
            }
            deleteQuietly(resultsRoot.resolve(job.id()));
            job.failed(failure(job, e));
        } finally {
            deadline.cancel(false);
            timer.schedule(() -> expire(job.id()), limits.keepResults().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private OwsException failure(Job job, Throwable e) {
        if (e instanceof OwsException o) {
            return o;
        }
        if (e instanceof ProcessDismissedException || job.listener.isCanceled()) {
            String why = job.timedOut() ? "The execution ran past the time limit of " + limits.jobTimeout().toSeconds()
                    + " s and was cancelled" : "The execution was cancelled";
            return new OwsException(OwsException.Code.NoApplicableCode, null, why + "; nothing was published");
        }
        if (e instanceof ProcessException && e.getCause() instanceof IllegalArgumentException) {
            return new OwsException(OwsException.Code.InvalidParameterValue, null, e.getMessage());
        }
        if (e instanceof OutOfMemoryError) {
            return new OwsException(OwsException.Code.NoApplicableCode, null, "The execution ran out of memory");
        }
        LOG.log(Level.WARNING, "Execution " + job.id() + " failed", e);
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return new OwsException(OwsException.Code.NoApplicableCode, null, message);
    }

    /** Writes the complex outputs into the job's folder; literals stay in memory. */
    private Map<String, Job.StoredOutput> store(Job job, Map<String, Object> out) throws IOException {
        Map<String, Job.StoredOutput> stored = new LinkedHashMap<>();
        Path dir = null;
        for (Map.Entry<String, Object> e : out.entrySet()) {
            Object v = e.getValue();
            if (v instanceof RawData raw) {
                if (dir == null) {
                    dir = Files.createDirectories(resultsRoot.resolve(job.id()));
                }
                Path file = dir.resolve(e.getKey() + "." + raw.getFileExtension());
                try (InputStream in = raw.getInputStream()) {
                    Files.copy(in, file);
                }
                stored.put(e.getKey(), new Job.StoredOutput(e.getKey(), raw.getMimeType(), null, file));
            } else {
                stored.put(e.getKey(), new Job.StoredOutput(e.getKey(), null, v == null ? "" : v.toString(), null));
            }
        }
        return stored;
    }

    private void expire(String id) {
        jobs.remove(id);
        deleteQuietly(resultsRoot.resolve(id));
    }

    /** Cancels every job, stops the threads (waiting up to {@code grace}) and deletes stored results. */
    public void shutdown(Duration grace) {
        jobs.values().forEach(Job::cancel);
        executor.shutdownNow();
        try {
            executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        jobs.clear();
        deleteQuietly(resultsRoot);
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(30));
    }

    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not delete " + dir, e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
