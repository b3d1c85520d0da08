package com.example.vshutdown.simulator.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The agent and the guest OS of one simulated slave domain ({@code ok} or {@code block}): it sees a
 * new request as the shutdown agent of 004 does and then behaves as its spec says.
 *
 * <p>It reaches the vproperties only through the SPI, as a real agent does, and the running counter
 * only through the {@link Hypervisor}, as a real guest does by halting; so it can be replaced by the
 * real agent over a simulated native shutdown without touching the platform.
 *
 * <p>Threads: it checks on the notifier thread (a check is a few in-memory reads and one write, and
 * doing it there means its status write is queued before any later notification is delivered); the
 * halt and boot run on the scheduler. A hard stop cancels through {@link #cancelPending()}, which
 * takes no lock because the platform calls it with its own lock held.
 */
final class SimulatedGuest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedGuest.class);

    private final DomainSpec spec;
    private final VPropertyProvider properties;
    private final Hypervisor hypervisor;
    private final ScheduledExecutorService scheduler;
    private final String requestedName;
    private final String runningName;
    private final String statusName;

    /** Advanced by every cancellation; an action runs only while the epoch it was scheduled in lasts. */
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicReference<Future<?>> pending = new AtomicReference<>();
    private volatile boolean closed;
    private VPropertyProvider.Subscription subscription;

    // Guarded by this.
    private long lastActedOn;
    private long busyEpoch = -1;
    private String lastMalformed;

    SimulatedGuest(DomainSpec spec, VPropertyProvider properties, Hypervisor hypervisor,
            ScheduledExecutorService scheduler) {
        if (spec.behaviour() != DomainSpec.Behaviour.OK && spec.behaviour() != DomainSpec.Behaviour.BLOCK) {
            throw new IllegalArgumentException("no guest acts for a domain that is " + spec.behaviour().word());
        }
        this.spec = spec;
        this.properties = properties;
        this.hypervisor = hypervisor;
        this.scheduler = scheduler;
        requestedName = VProperties.requested(spec.id());
        runningName = VProperties.running(spec.id());
        statusName = VProperties.status(spec.id());
    }

    /** Subscribes, then looks once: a request written before the agent started is still new. */
    synchronized void start() {
        subscription = properties.subscribe(this::changed);
        check();
    }

    /** Forgets the pending halt or boot: the power is gone. Lock-free, see the class comment. */
    void cancelPending() {
        epoch.incrementAndGet();
        Future<?> action = pending.getAndSet(null);
        if (action != null) {
            action.cancel(false);
            LOG.debug("Domain {}: pending action cancelled", spec.id());
        }
    }

    @Override
    public void close() {
        closed = true;
        cancelPending();
        synchronized (this) {
            if (subscription != null) {
                subscription.close();
            }
        }
    }

    private void changed(Optional<String> name) {
        if (name.isEmpty() || name.get().equals(requestedName)) {
            check();
        }
    }

    private synchronized void check() {
        if (closed) {
            return;
        }
        Optional<String> rawRequested;
        Optional<String> rawRunning;
        try {
            rawRequested = properties.read(requestedName);
            rawRunning = properties.read(runningName);
        } catch (IOException e) {
            LOG.debug("Domain {}: cannot read its vproperties: {}", spec.id(), e.getMessage());
            return;
        }
        if (rawRequested.isEmpty() || rawRunning.isEmpty()) {
            return;
        }
        long requested;
        try {
            requested = Values.parseCounter(rawRequested.get());
        } catch (InvalidValueException e) {
            // Never guess at a request; say so once per malformed value, not at every notification.
            if (!rawRequested.get().equals(lastMalformed)) {
                lastMalformed = rawRequested.get();
                LOG.warn("Domain {}: request ignored: {}", spec.id(), e.getMessage());
            }
            return;
        }
        long running;
        try {
            running = Values.parseCounter(rawRunning.get());
        } catch (InvalidValueException e) {
            LOG.warn("Domain {}: request {} ignored, the running {}", spec.id(), requested, e.getMessage());
            return;
        }
        if (!Counters.isNewRequest(requested, running) || requested <= lastActedOn) {
            return;
        }
        if (!Counters.isRunning(running)) {
            LOG.debug("Domain {} is stopped: nobody in it sees request {}", spec.id(), requested);
            return;
        }
        if (busyEpoch == epoch.get()) {
            LOG.info("Domain {}: request {} arrives while the guest is already going down; not picked up",
                    spec.id(), requested);
            return;
        }
        lastActedOn = requested;
        if (spec.behaviour() == DomainSpec.Behaviour.BLOCK) {
            writeStatus(AgentStatus.blocked(requested, spec.reason()));
            LOG.info("Domain {}: the guest refuses request {}: {}", spec.id(), requested, spec.reason());
            return;
        }
        writeStatus(AgentStatus.pickedUp(requested));
        LOG.info("Domain {}: the guest picks up request {} ({}), going down in {} ms", spec.id(), requested,
                Counters.isRebootRequest(requested) ? "reboot" : "shutdown", spec.delayMillis());
        long scheduledIn = epoch.get();
        busyEpoch = scheduledIn;
        schedule(() -> halt(requested, running, scheduledIn), spec.delayMillis(), scheduledIn);
    }

    private synchronized void halt(long requested, long running, long scheduledIn) {
        boolean stopped = hypervisor.advance(spec.id(), running, () -> epoch.get() == scheduledIn);
        if (stopped && Counters.isRebootRequest(requested)) {
            // A reboot is a stop and a start: two changes of the counter, each notified.
            schedule(() -> boot(running + 1, scheduledIn), 0, scheduledIn);
            return;
        }
        if (!stopped) {
            LOG.debug("Domain {}: halt for request {} dropped (cancelled or counter moved)", spec.id(), requested);
        }
        done(scheduledIn);
    }

    private synchronized void boot(long stoppedAt, long scheduledIn) {
        if (!hypervisor.advance(spec.id(), stoppedAt, () -> epoch.get() == scheduledIn)) {
            LOG.debug("Domain {}: boot dropped (cancelled or counter moved)", spec.id());
        }
        done(scheduledIn);
    }

    /** The action of that epoch is over; a cancelled one was already forgotten by the cancellation. */
    private void done(long scheduledIn) {
        if (epoch.get() == scheduledIn) {
            busyEpoch = -1;
            pending.set(null);
        }
    }

    private void schedule(Runnable action, long delayMillis, long scheduledIn) {
        try {
            Future<?> future = scheduler.schedule(action, delayMillis, TimeUnit.MILLISECONDS);
            pending.set(future);
            // A hard stop between scheduling and publishing found nothing to cancel: cancel here.
            if (epoch.get() != scheduledIn) {
                future.cancel(false);
            }
        } catch (RejectedExecutionException e) {
            LOG.debug("Domain {}: the simulator is closing, action not scheduled", spec.id());
            done(scheduledIn);
        }
    }

    private void writeStatus(AgentStatus status) {
        try {
            properties.write(statusName, status.format());
        } catch (IOException e) {
            LOG.warn("Domain {}: cannot write its status: {}", spec.id(), e.getMessage());
        }
    }
}
