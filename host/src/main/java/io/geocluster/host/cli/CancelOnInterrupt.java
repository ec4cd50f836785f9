package io.geocluster.host.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C into a cancellation of the running command: a shutdown hook cancels the progress
 * monitor, so the run stops at its next batch and removes its temporary files, and the hook waits
 * (up to 30 s) until {@link #close} says the cleanup is done before the JVM goes.
 */
final class CancelOnInterrupt implements AutoCloseable {
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook;

    CancelOnInterrupt(ProgressBar progress) {
        hook = new Thread(() -> {
            progress.cancel();
            try {
                // Waiting for the latch, not the run's thread: the run's own exit blocks once
                // shutdown has begun.
                cleanedUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Called once the run has finished or cleaned up. */
    @Override
    public void close() {
        cleanedUp.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting because of Ctrl-C; the hook is running.
        }
    }
}
