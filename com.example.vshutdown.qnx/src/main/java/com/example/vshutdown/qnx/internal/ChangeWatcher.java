package com.example.vshutdown.qnx.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.support.listeners.VPropertyListeners;

/**
 * The thread that calls vsd_wait and tells the listeners. vsd_wait returns within its time-out
 * even when nothing changes, so the thread looks at its stop flag at least that often: stopping
 * never has to interrupt a native call, which Java cannot do.
 */
final class ChangeWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);
    /** Name of the thread, for thread dumps. */
    static final String THREAD_NAME = "vshutdown-qnx-watch";

    /** One vsd_wait, as the watcher needs it. */
    @FunctionalInterface
    interface Waiter {
        Optional<DdiLibrary.Change> await(long seq, int timeoutMillis) throws DdiException;
    }

    private final Waiter waiter;
    private final VPropertyListeners listeners;
    private final int waitMillis;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    /** @param listeners who is told: the provider's subscribers */
    ChangeWatcher(Waiter waiter, VPropertyListeners listeners, Duration wait) {
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.waitMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.toMillis()));
        this.thread = new Thread(this::run, THREAD_NAME);
        // a native wait that ignores its time-out must not keep the JVM alive after the framework stopped
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Stops the thread and waits for it, at most the wait time-out plus {@code grace}.
     *
     * @return false if it is still inside vsd_wait: then the library must not be closed under it
     */
    boolean stop(Duration grace) throws InterruptedException {
        stop.countDown();
        thread.join(waitMillis + Math.max(1, grace.toMillis()));
        return !thread.isAlive();
    }

    private void run() {
        long seq = 0;
        boolean failing = false;
        while (stop.getCount() > 0) {
            Optional<DdiLibrary.Change> change;
            try {
                change = waiter.await(seq, waitMillis);
            } catch (DdiException | RuntimeException e) {
                if (!failing) {
                    LOG.warn("Waiting for vproperty changes failed; retrying every {} ms: {}", waitMillis,
                            e.getMessage());
                    failing = true;
                } else {
                    LOG.debug("Waiting for vproperty changes failed again: {}", e.getMessage());
                }
                // changes may have been missed meanwhile: everyone re-reads
                listeners.changed(Optional.empty());
                if (pause()) {
                    return;
                }
                continue;
            }
            if (failing) {
                LOG.info("Waiting for vproperty changes works again");
                failing = false;
                listeners.changed(Optional.empty());
            }
            if (change.isPresent()) {
                seq = change.get().seq();
                String name = change.get().name();
                listeners.changed(name.isEmpty() ? Optional.empty() : Optional.of(name));
            }
        }
    }

    /** Backs off after a failure so a broken layer is not hammered; true if told to stop meanwhile. */
    private boolean pause() {
        try {
            return stop.await(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
