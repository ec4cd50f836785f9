package io.geocluster.host.serve;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One execution known to the {@link JobManager}: its state, progress, and once finished its
 * stored outputs or its failure. Thread safe: the state fields are volatile and written only by
 * the job's own thread.
 */
public final class Job {
    /** The states of WPS 1.0.0's {@code wps:Status}. */
    public enum State {
        /** queued */
        ACCEPTED,
        /** running */
        STARTED,
        /** finished with outputs */
        SUCCEEDED,
        /** finished with an exception */
        FAILED
    }

    /**
     * One stored output.
     *
     * @param name the output identifier
     * @param mimeType MIME type of a complex output, or null for a literal
     * @param literal the literal's value, or null
     * @param file the file holding a complex output's bytes, or null
     */
    public record StoredOutput(String name, String mimeType, String literal, Path file) {
    }

    private final String id;
    private final ProcessDescription process;
    private final Instant created = Instant.now();
    final JobListener listener = new JobListener();
    final CompletableFuture<Job> done = new CompletableFuture<>();
    private volatile State state = State.ACCEPTED;
    private volatile Map<String, StoredOutput> outputs = Map.of();
    private volatile OwsException failure;
    private volatile boolean timedOut;
    private final Map<String, Boolean> responseOutputs;

    Job(String id, ProcessDescription process, Map<String, Boolean> responseOutputs) {
        this.id = id;
        this.process = process;
        this.responseOutputs = Map.copyOf(responseOutputs);
    }

    /** The outputs the request asked for, each with whether it goes by reference (for the status document). */
    public Map<String, Boolean> responseOutputs() {
        return responseOutputs;
    }

    /** The job's identifier (a UUID). */
    public String id() {
        return id;
    }

    /** The process it runs. */
    public ProcessDescription process() {
        return process;
    }

    /** When it was accepted. */
    public Instant created() {
        return created;
    }

    /** Its current state. */
    public State state() {
        return state;
    }

    /** Progress 0..100 while started. */
    public int percentCompleted() {
        return Math.round(listener.getProgress());
    }

    /** The outputs, once succeeded. */
    public Map<String, StoredOutput> outputs() {
        return outputs;
    }

    /** The failure, once failed. */
    public Optional<OwsException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Completes when the job has succeeded or failed. */
    public CompletableFuture<Job> completion() {
        return done;
    }

    /** Asks the process to stop (it polls the listener). */
    public void cancel() {
        listener.setCanceled(true);
    }

    boolean timedOut() {
        return timedOut;
    }

    void markTimedOut() {
        timedOut = true;
        cancel();
    }

    void started() {
        state = State.STARTED;
    }

    void succeeded(Map<String, StoredOutput> out) {
        outputs = Map.copyOf(out);
        state = State.SUCCEEDED;
        done.complete(this);
    }

    void failed(OwsException e) {
        failure = e;
        state = State.FAILED;
        done.complete(this);
    }

    /** Output names in declaration order. */
    List<String> outputOrder() {
        return process.outputs().stream().map(ProcessDescription.Output::name).toList();
    }
}
