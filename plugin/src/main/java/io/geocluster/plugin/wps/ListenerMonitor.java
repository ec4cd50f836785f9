package io.geocluster.plugin.wps;

import io.geocluster.engine.RunMonitor;
import java.util.Locale;
import org.geotools.api.util.InternationalString;
import org.geotools.api.util.ProgressListener;

/**
 * Adapts GeoServer's {@link ProgressListener} to the engine's {@link RunMonitor}: the passes of a
 * run are spread over 0..100 percent and each pass name becomes the listener's task, so a WPS
 * status document reads e.g. "training, 42%".
 *
 * <p><b>Algorithm.</b> A run announces how many passes it expects. Progress is
 * {@code 100 · (finished passes + fraction of the current one) / expected passes}, the fraction
 * being rows done over rows expected (0 while unknown). It never goes backwards and stays below
 * 100 until the process itself calls {@link ProgressListener#complete()}, because GeoServer
 * reports 100 as "done". Runs that stop early (IIkMC converging before {@code maxIterations})
 * jump to 100 on completion; runs with more passes than expected stay just under 100.
 *
 * <p><b>Throttling.</b> The engine reports once per batch, which can be millions of times;
 * GeoServer's listener builds an event and a completion estimate on every call. Only changes of
 * at least {@value #STEP} percent are forwarded.
 *
 * <p><b>Cancellation.</b> {@link #isCanceled()} asks the listener, which in GeoServer turns true
 * when the execution is dismissed or exceeds its maximum time; the engine then throws
 * {@link io.geocluster.engine.RunCancelledException} at its next batch. GeoServer's listener may
 * also throw {@code ProcessDismissedException} from {@code progress} itself: that propagates
 * through the engine unchanged, and both paths discard every partial output.
 *
 * <p><b>Thread safety.</b> Called from the thread running the job, except {@link #isCanceled()},
 * which delegates to the listener (GeoServer's is thread-safe for it).
 */
public final class ListenerMonitor implements RunMonitor {
    /** Smallest progress change, in percent, forwarded to the listener. */
    static final float STEP = 0.5f;
    /** Highest progress reported before the process completes. */
    static final float CEILING = 99f;

    private final ProgressListener listener;
    private final int expectedPasses;
    private int finishedPasses;
    private long expectedRows;
    private float reported = -1;

    /**
     * @param listener GeoServer's listener of this execution
     * @param expectedPasses how many passes the run makes (at least 1)
     */
    public ListenerMonitor(ProgressListener listener, int expectedPasses) {
        if (expectedPasses < 1) {
            throw new IllegalArgumentException("expectedPasses must be at least 1, got " + expectedPasses);
        }
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        this.expectedPasses = expectedPasses;
    }

    @Override
    public void passStarted(String pass, long expectedRows) {
        this.expectedRows = expectedRows;
        listener.setTask(new Task(pass));
        report(percent(0));
    }

    @Override
    public void passProgress(long rows) {
        if (expectedRows > 0) {
            report(percent(Math.min(1.0, (double) rows / expectedRows)));
        }
    }

    @Override
    public void passFinished() {
        finishedPasses++;
        expectedRows = 0;
        report(percent(0));
    }

    @Override
    public boolean isCanceled() {
        return listener.isCanceled();
    }

    private float percent(double fractionOfPass) {
        double p = 100.0 * (finishedPasses + fractionOfPass) / expectedPasses;
        return (float) Math.min(CEILING, p);
    }

    private void report(float percent) {
        if (percent >= reported + STEP || (percent == CEILING && reported < CEILING)) {
            reported = percent;
            listener.progress(percent);
        }
    }

    /** A pass name as the listener's task; pass names are not translated. */
    record Task(String text) implements InternationalString {
        @Override
        public String toString(Locale locale) {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public int compareTo(InternationalString other) {
            return text.compareTo(other.toString());
        }
    }
}
