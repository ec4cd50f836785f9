package io.geocluster.plugin.wps;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.geoserver.wps.ProcessDismissedException;
import org.geotools.api.util.InternationalString;
import org.geotools.api.util.ProgressListener;

/**
 * A ProgressListener that records what a process reports, and can cancel it when a task starts,
 * either by answering {@code isCanceled()} (GeoTools' contract) or by throwing from
 * {@code progress()} as GeoServer's own listener does once an execution is dismissed.
 */
final class RecordingListener implements ProgressListener {
    final List<Float> progress = new ArrayList<>();
    final List<String> tasks = new ArrayList<>();
    final List<Throwable> exceptions = new ArrayList<>();
    boolean started;
    boolean completed;
    private final Predicate<String> cancelAtTask;
    private final boolean throwWhenDismissed;
    private volatile boolean canceled;
    private InternationalString task;

    /** Never cancels. */
    RecordingListener() {
        this(t -> false, false);
    }

    RecordingListener(Predicate<String> cancelAtTask, boolean throwWhenDismissed) {
        this.cancelAtTask = cancelAtTask;
        this.throwWhenDismissed = throwWhenDismissed;
    }

    @Override
    public InternationalString getTask() {
        return task;
    }

    @Override
    public void setTask(InternationalString task) {
        this.task = task;
        tasks.add(task.toString());
        if (cancelAtTask.test(task.toString())) {
            canceled = true;
        }
    }

    @Override
    public void started() {
        started = true;
    }

    @Override
    public void progress(float percent) {
        if (canceled && throwWhenDismissed) {
            throw new ProcessDismissedException();
        }
        progress.add(percent);
    }

    @Override
    public float getProgress() {
        return progress.isEmpty() ? 0 : progress.get(progress.size() - 1);
    }

    @Override
    public void complete() {
        completed = true;
        progress(100);
    }

    @Override
    public void dispose() {
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
    }

    @Override
    public void exceptionOccurred(Throwable exception) {
        exceptions.add(exception);
    }
}
