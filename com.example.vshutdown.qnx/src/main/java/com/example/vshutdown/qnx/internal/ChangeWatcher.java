package com.example.vshutdown.qnx.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.VPropertyListener;

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
    private final int waitMillis;
    private final List<VPropertyListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    ChangeWatcher(Waiter waiter, Duration wait) {
        this.waiter = waiter;
        this.waitMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.toMillis()));
        this.thread = new Thread(this::run, THREAD_NAME);
        // a native wait that ignores its time-out must not keep the JVM alive after the framework stopped
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void add(VPropertyListener listener) {
        listeners.add(listener);
    }

    void remove(VPropertyListener listener) {
        listeners.remove(listener);
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
                tell(Optional.empty());
                if (pause()) {
                    return;
                }
                continue;
            }
            if (failing) {
                LOG.info("Waiting for vproperty changes works again");
                failing = false;
                tell(Optional.empty());
            }
            if (change.isPresent()) {
                seq = change.get().seq();
                String name = change.get().name();
                tell(name.isEmpty() ? Optional.empty() : Optional.of(name));
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

    private void tell(Optional<String> name) {
        for (VPropertyListener listener : listeners) {
            try {
                listener.changed(name);
            } catch (RuntimeException e) {
                LOG.warn("A vproperty listener failed on a change of {}", name.orElse("(unknown)"), e);
            }
        }
    }
}
