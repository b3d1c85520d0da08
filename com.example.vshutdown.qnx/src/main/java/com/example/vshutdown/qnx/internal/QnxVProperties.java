package com.example.vshutdown.qnx.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * vproperties through the ddi library. The library is opened once, then used by any number of
 * threads; closing it waits for the calls in flight, because the master may still be inside a
 * read of a provider it has just been told is gone, and vsd_close under a running call is a
 * crash in C, not an exception.
 */
final class QnxVProperties implements VPropertyProvider {
    private static final Logger LOG = LoggerFactory.getLogger(QnxVProperties.class);
    /** How much longer than one vsd_wait stopping the watcher may take before it is given up on. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final DdiLibrary ddi;
    private final ChangeWatcher watcher;
    // read lock: a call in flight; write lock: closing
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // null while open; once stopped, why calls are refused (callers may still hold this provider)
    private volatile String stopped;

    private QnxVProperties(DdiLibrary ddi, Duration wait) {
        this.ddi = ddi;
        this.watcher = new ChangeWatcher(this::await, wait);
    }

    /**
     * Opens the library and checks that it answers (one vsd_names), then starts the watcher: a
     * library that cannot list its properties would only fail later, in the middle of a shutdown.
     */
    static QnxVProperties open(DdiLibrary ddi, Duration wait) throws DdiException {
        ddi.open();
        try {
            int count = ddi.names().size();
            LOG.info("The ddi library {} is open: {} vproperties", ddi.display(), count);
        } catch (DdiException | RuntimeException e) {
            ddi.close();
            throw e;
        }
        QnxVProperties provider = new QnxVProperties(ddi, wait);
        provider.watcher.start();
        return provider;
    }

    @Override
    public String description() {
        return "QNX ddi vproperties (library " + ddi.display() + ")";
    }

    @Override
    public Optional<String> read(String name) throws IOException {
        Lock held = enter("vsd_read", name);
        try {
            return ddi.read(name);
        } finally {
            held.unlock();
        }
    }

    @Override
    public void write(String name, String value) throws IOException {
        Lock held = enter("vsd_write", name);
        try {
            ddi.write(name, value);
        } finally {
            held.unlock();
        }
    }

    @Override
    public Set<String> names() throws IOException {
        Lock held = enter("vsd_names", null);
        try {
            return new LinkedHashSet<>(ddi.names());
        } finally {
            held.unlock();
        }
    }

    @Override
    public Subscription subscribe(VPropertyListener listener) {
        watcher.add(listener);
        return () -> watcher.remove(listener);
    }

    @Override
    public boolean canHardStop() {
        return ddi.canHardStop();
    }

    @Override
    public void hardStop(int domain) throws IOException {
        if (!ddi.canHardStop()) {
            throw new UnsupportedOperationException("hard stop is not offered by " + description()
                    + ": the library does not export vsd_hard_stop");
        }
        Lock held = enter("vsd_hard_stop", "domain " + domain);
        try {
            ddi.hardStop(domain);
        } finally {
            held.unlock();
        }
    }

    /**
     * Stops the watcher, waits for calls in flight and closes the library. If the watcher is stuck
     * in a native wait that ignores its time-out, the library is left open: a leak is better than
     * closing it under a running call.
     */
    void close() {
        boolean watcherEnded;
        try {
            watcherEnded = watcher.stop(STOP_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watcherEnded = false;
        }
        if (!watcherEnded) {
            // the stuck watcher holds the read lock: taking the write lock would hang the deactivation
            stopped = "the provider has been stopped; its library was left open because vsd_wait did not "
                    + "return within its time-out";
            LOG.error("vsd_wait of the ddi library {} did not return within its time-out; the library is "
                    + "left open (vsd_close under a running call is not safe)", ddi.display());
            return;
        }
        lock.writeLock().lock();
        try {
            if (stopped == null) {
                stopped = "the provider has been stopped and its library closed";
                ddi.close();
                LOG.info("The ddi library {} is closed", ddi.display());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private Optional<DdiLibrary.Change> await(long seq, int timeoutMillis) throws DdiException {
        Lock held = enter("vsd_wait", null);
        try {
            return ddi.await(seq, timeoutMillis);
        } finally {
            held.unlock();
        }
    }

    private Lock enter(String call, String property) throws DdiException {
        Lock read = lock.readLock();
        read.lock();
        String refusal = stopped;
        if (refusal != null) {
            read.unlock();
            throw DdiException.failed(ddi.display(), call, property, DdiException.E_STATE, refusal);
        }
        return read;
    }
}
