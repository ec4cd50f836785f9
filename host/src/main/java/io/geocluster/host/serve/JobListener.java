package io.geocluster.host.serve;

import org.geotools.api.util.InternationalString;
import org.geotools.api.util.ProgressListener;

/**
 * The {@link ProgressListener} a job hands to its process: records progress and the current
 * task for the status document, and carries the cancellation flag that the time limit and
 * shutdown set and the process polls. Thread safe: written by the job's thread, read by request
 * threads.
 */
final class JobListener implements ProgressListener {
    private volatile float progress;
    private volatile InternationalString task;
    private volatile boolean canceled;
    private volatile boolean started;

    @Override
    public InternationalString getTask() {
        return task;
    }

    @Override
    public void setTask(InternationalString task) {
        this.task = task;
    }

    @Override
    public void started() {
        started = true;
    }

    @Override
    public void progress(float percent) {
        progress = Math.max(0, Math.min(100, percent));
    }

    @Override
    public float getProgress() {
        return progress;
    }

    @Override
    public void complete() {
        progress = 100;
    }

    @Override
    public void dispose() {
        // nothing held
    }

    @Override
    public boolean isCanceled() {
        return canceled;
    }

    @Override
    public void setCanceled(boolean cancel) {
        canceled = cancel;
    }

    @Override
    public void warningOccurred(String source, String location, String warning) {
        // warnings are logged by the process itself
    }

    @Override
    public void exceptionOccurred(Throwable exception) {
        // the failure reaches the job through the thrown exception
    }

    /** Whether the process has told the listener it started. */
    boolean hasStarted() {
        return started;
    }
}
