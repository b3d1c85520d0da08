package com.example.vshutdown.qnx.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.listeners.VPropertyListeners;
import com.example.vshutdown.support.offer.ProviderOffer;

/**
 * vproperties through the ddi library, as a service: an instance of a factory component that only
 * {@link QnxProviderComponent} creates, with the library it bound and opened ({@link QnxBinding}),
 * which this instance owns from then on.
 *
 * <p>The library is opened once, then used by any number of threads; closing it waits for the
 * calls in flight, because the master may still be inside a read of a provider it has just been
 * told is gone, and vsd_close under a running call is a crash in C, not an exception.
 */
@Component(factory = QnxVProperties.FACTORY, service = VPropertyProvider.class,
        configurationPolicy = ConfigurationPolicy.IGNORE)
public final class QnxVProperties implements VPropertyProvider {
    static final String FACTORY = "com.example.vshutdown.qnx.vproperties";

    private static final Logger LOG = LoggerFactory.getLogger(QnxVProperties.class);
    /** How much longer than one vsd_wait stopping the watcher may take before it is given up on. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final DdiLibrary ddi;
    private final VPropertyListeners listeners = new VPropertyListeners();
    private final ChangeWatcher watcher;
    // read lock: a call in flight; write lock: closing
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // null while open; once stopped, why calls are refused (callers may still hold this provider)
    private volatile String stopped;

    @Activate
    public QnxVProperties(Map<String, Object> properties) {
        this(ProviderOffer.settings(properties, QnxBinding.class));
    }

    QnxVProperties(QnxBinding binding) {
        ddi = binding.take();
        watcher = new ChangeWatcher(this::await, listeners, binding.settings().waitTimeout());
        watcher.start();
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
        return listeners.subscribe(listener);
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
     * Stops the watcher, waits for calls in flight and closes the library, and ends every
     * subscription. If the watcher is stuck in a native wait that ignores its time-out, the
     * library is left open: a leak is better than closing it under a running call.
     */
    @Deactivate
    void close() {
        listeners.close();
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
