package io.geocluster.host.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.plugin.wps.RawResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.geoserver.wps.ProcessDismissedException;
import org.geotools.api.util.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Limits of {@link JobManager} with stand-in tasks: queue, refusal, time limit, expiry. */
@Timeout(60)
class JobManagerTest {
    @TempDir
    Path dir;

    private static final ProcessDescription PROCESS = new ProcessDescription("test:Task", "t", "d",
            java.util.List.of(), java.util.List.of(), new Object(), Object.class.getMethods()[0]);

    /** A task that waits, cancellably, until released. */
    private static JobManager.Task waiting(CountDownLatch release) {
        return listener -> {
            listener.started();
            while (!release.await(10, TimeUnit.MILLISECONDS)) {
                if (listener.isCanceled()) {
                    throw new ProcessDismissedException(listener);
                }
            }
            return Map.of("out", "done");
        };
    }

    @Test
    void queuesBeyondMaxJobsAndRefusesBeyondTheQueue() throws Exception {
        try (JobManager jobs = new JobManager(TestHosts.limits(1, 1, Duration.ofMinutes(1), Duration.ofMinutes(1)), dir)) {
            CountDownLatch release = new CountDownLatch(1);
            Job running = jobs.submit(PROCESS, Map.of(), waiting(release));
            Job queued = jobs.submit(PROCESS, Map.of(), waiting(release));
            OwsException busy = assertThrows(OwsException.class, () -> jobs.submit(PROCESS, Map.of(), waiting(release)));
            assertEquals(OwsException.Code.ServerBusy, busy.code());
            assertEquals(Job.State.ACCEPTED, queued.state());
            release.countDown();
            assertEquals(Job.State.SUCCEEDED, queued.completion().get(10, TimeUnit.SECONDS).state());
            assertEquals(Job.State.SUCCEEDED, running.completion().get(10, TimeUnit.SECONDS).state());
            assertEquals("done", queued.outputs().get("out").literal());
        }
    }

    @Test
    void cancelsAJobPastItsTimeLimit() throws Exception {
        try (JobManager jobs = new JobManager(TestHosts.limits(1, 1, Duration.ofMillis(200), Duration.ofMinutes(1)), dir)) {
            Job job = jobs.submit(PROCESS, Map.of(), waiting(new CountDownLatch(1)));
            assertEquals(Job.State.FAILED, job.completion().get(10, TimeUnit.SECONDS).state());
            assertTrue(job.failure().orElseThrow().getMessage().contains("time limit"), job.failure().get().getMessage());
        }
    }

    @Test
    void storesComplexOutputsAndDeletesThemWhenTheyExpire() throws Exception {
        try (JobManager jobs = new JobManager(TestHosts.limits(1, 1, Duration.ofMinutes(1), Duration.ofMillis(300)), dir)) {
            Job job = jobs.submit(PROCESS, Map.of(), l -> Map.of("summary", RawResult.json("{\"k\":2}")));
            job.completion().get(10, TimeUnit.SECONDS);
            Path file = job.outputs().get("summary").file();
            assertEquals("{\"k\":2}", Files.readString(file));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((jobs.job(job.id()).isPresent() || Files.exists(file)) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertTrue(jobs.job(job.id()).isEmpty());
            assertTrue(Files.notExists(file.getParent()));
        }
    }

    @Test
    void aFailingTaskLeavesNoStoredFiles() throws Exception {
        try (JobManager jobs = new JobManager(TestHosts.limits(1, 1, Duration.ofMinutes(1), Duration.ofMinutes(1)), dir)) {
            Job job = jobs.submit(PROCESS, Map.of(), (ProgressListener l) -> {
                throw new IllegalStateException("boom");
            });
            job.completion().get(10, TimeUnit.SECONDS);
            assertEquals(OwsException.Code.NoApplicableCode, job.failure().orElseThrow().code());
            assertTrue(Files.notExists(dir.resolve(job.id())));
        }
    }
}
