package com.example.vshutdown.simulator.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.simulator.internal.DomainSpec.Behaviour;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.ShutdownVetoedException;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The guest OS of one simulated slave domain that has somebody in it, seen from inside the domain as
 * its native shutdown and reboot: the agent calls it, and it writes no status, because that is the
 * agent's job. What a call does is the domain's behaviour ({@link Behaviour}):
 * <ul>
 * <li>{@code ok}, {@code late}, {@code appear}: returns at once; the guest halts after the delay (a
 * reboot then boots at once), through the {@link Hypervisor}, as a real guest advances its counter only
 * by halting.</li>
 * <li>{@code bounce}: as a reboot, whatever was asked: it halts, and the hypervisor starts it again.</li>
 * <li>{@code vanish}: returns at once; after the delay the hypervisor destroys the domain.</li>
 * <li>{@code block}: throws {@link ShutdownVetoedException} with the reason. {@code fail}: throws an
 * {@link IOException} with the reason. {@code hang}: does not return until its thread is interrupted
 * (the agent giving up on it) or the platform closes, then throws.</li>
 * </ul>
 *
 * <p>A second call while a halt, boot or destruction is pending is refused with an {@link IOException}
 * saying what is under way, and changes nothing: a guest that is going down has already let go of its
 * services, as a real one has. The agent reports it as {@code failed}.
 *
 * <p>Threads: what is pending runs on the scheduler. A hard stop cancels through {@link #cancelPending()},
 * which takes no lock because the platform calls it with its own lock held; the epoch it advances
 * makes a pending action that already started a no-op. Nothing holds this guest's lock while it waits
 * (a hanging call) or while the platform tells the host about a destruction.
 */
final class GuestOs implements NativeShutdown, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuestOs.class);

    private final DomainSpec spec;
    private final VPropertyProvider properties;
    private final Hypervisor hypervisor;
    private final ScheduledExecutorService scheduler;
    private final String runningName;
    /** Released when the platform closes: a hanging call must not outlive it. */
    private final CountDownLatch closing = new CountDownLatch(1);

    /** Advanced by every cancellation; an action runs only while the epoch it was scheduled in lasts. */
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicReference<Future<?>> pending = new AtomicReference<>();
    private volatile boolean closed;

    // Guarded by this.
    private long busyEpoch = -1;
    private String underWay = "";

    GuestOs(DomainSpec spec, VPropertyProvider properties, Hypervisor hypervisor, ScheduledExecutorService scheduler) {
        if (!spec.behaviour().hasGuest()) {
            throw new IllegalArgumentException("no guest acts for a domain that is " + spec.behaviour().word());
        }
        this.spec = spec;
        this.properties = properties;
        this.hypervisor = hypervisor;
        this.scheduler = scheduler;
        runningName = VProperties.running(spec.id());
    }

    DomainSpec spec() {
        return spec;
    }

    @Override
    public String description() {
        String guest = "simulated guest OS of domain " + spec.id() + ": ";
        return guest + switch (spec.behaviour()) {
        case BLOCK -> "refuses to go down (" + spec.reason() + ")";
        case FAIL -> "its native command fails (" + spec.reason() + ")";
        case HANG -> "its native command hangs";
        case BOUNCE -> "goes down " + spec.haltMillis() + " ms after it is asked, then is started again";
        case VANISH -> "is destroyed " + spec.haltMillis() + " ms after it is asked";
        default -> "goes down " + spec.haltMillis() + " ms after it is asked";
        };
    }

    @Override
    public void shutdown() throws IOException {
        begin(false);
    }

    @Override
    public void reboot() throws IOException {
        begin(true);
    }

    /** Whether a halt, boot or destruction is pending: the guest is going down (or coming back) already. */
    synchronized boolean busy() {
        return busyEpoch == epoch.get();
    }

    /** Forgets the pending action: the power is gone. Lock-free, see the class comment. */
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
        closing.countDown();
        cancelPending();
    }

    private void begin(boolean reboot) throws IOException {
        String what = reboot ? "reboot" : "shutdown";
        if (closed) {
            throw new IOException("the simulated platform has been closed");
        }
        long running = running();
        if (!Counters.isRunning(running)) {
            // only an agent hosted outside its domain can call this; a real one would not be running
            throw new IOException("domain " + spec.id() + " is stopped (running " + running + "): no guest is there to "
                    + (reboot ? "reboot" : "shut down"));
        }
        switch (spec.behaviour()) {
        case BLOCK -> {
            LOG.info("Domain {}: the guest refuses the {}: {}", spec.id(), what, spec.reason());
            throw new ShutdownVetoedException(spec.reason());
        }
        case FAIL -> {
            LOG.info("Domain {}: the guest's native {} fails: {}", spec.id(), what, spec.reason());
            throw new IOException(spec.reason());
        }
        case HANG -> hang(what);
        default -> start(what, reboot || spec.behaviour() == Behaviour.BOUNCE, running);
        }
    }

    private void hang(String what) throws IOException {
        LOG.info("Domain {}: the guest's native {} hangs", spec.id(), what);
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the native " + what + " hung and was interrupted");
        }
        throw new IOException("the native " + what + " hung until the simulated platform closed");
    }

    private synchronized void start(String what, boolean comesBack, long running) throws IOException {
        if (busy()) {
            LOG.info("Domain {}: {} refused, the guest is already going down ({} under way)", spec.id(), what,
                    underWay);
            throw new IOException("the guest is already going down (" + underWay + " under way); this " + what
                    + " is not started");
        }
        long scheduledIn = epoch.get();
        busyEpoch = scheduledIn;
        underWay = what;
        if (spec.behaviour() == Behaviour.VANISH) {
            LOG.info("Domain {}: the guest starts its {}; the domain is destroyed in {} ms", spec.id(), what,
                    spec.haltMillis());
            schedule(() -> destroy(scheduledIn), spec.haltMillis(), scheduledIn);
            return;
        }
        LOG.info("Domain {}: the guest starts its {}, going down in {} ms", spec.id(), what, spec.haltMillis());
        schedule(() -> halt(comesBack, running, scheduledIn), spec.haltMillis(), scheduledIn);
    }

    private long running() throws IOException {
        Optional<String> raw = properties.read(runningName);
        if (raw.isEmpty()) {
            throw new IOException("domain " + spec.id() + " has no running counter");
        }
        try {
            return Values.parseCounter(raw.get());
        } catch (InvalidValueException e) {
            throw new IOException("domain " + spec.id() + ": running " + e.getMessage());
        }
    }

    private synchronized void halt(boolean comesBack, long running, long scheduledIn) {
        boolean stopped = hypervisor.advance(spec.id(), running, () -> epoch.get() == scheduledIn);
        if (stopped && comesBack) {
            // Stopped and started again: two changes of the counter, each notified.
            try {
                schedule(() -> boot(running + 1, scheduledIn), 0, scheduledIn);
            } catch (IOException e) {
                LOG.debug("Domain {}: boot not scheduled: {}", spec.id(), e.getMessage());
            }
            return;
        }
        if (!stopped) {
            LOG.debug("Domain {}: halt dropped (cancelled or counter moved)", spec.id());
        }
        done(scheduledIn);
    }

    private synchronized void boot(long stoppedAt, long scheduledIn) {
        if (!hypervisor.advance(spec.id(), stoppedAt, () -> epoch.get() == scheduledIn)) {
            LOG.debug("Domain {}: boot dropped (cancelled or counter moved)", spec.id());
        }
        done(scheduledIn);
    }

    /** Not synchronized: destroying the domain ends its agent, which may be waiting for this guest. */
    private void destroy(long scheduledIn) {
        if (!hypervisor.destroy(spec.id(), () -> epoch.get() == scheduledIn)) {
            LOG.debug("Domain {}: destruction dropped (cancelled)", spec.id());
        }
        synchronized (this) {
            done(scheduledIn);
        }
    }

    /** The action of that epoch is over; a cancelled one was already forgotten by the cancellation. */
    private void done(long scheduledIn) {
        if (epoch.get() == scheduledIn) {
            busyEpoch = -1;
            pending.set(null);
        }
    }

    /** Called with this guest's lock held. */
    private void schedule(Runnable action, long delayMillis, long scheduledIn) throws IOException {
        try {
            Future<?> future = scheduler.schedule(action, delayMillis, TimeUnit.MILLISECONDS);
            pending.set(future);
            // A hard stop between scheduling and publishing found nothing to cancel: cancel here.
            if (epoch.get() != scheduledIn) {
                future.cancel(false);
            }
        } catch (RejectedExecutionException e) {
            done(scheduledIn);
            throw new IOException("the simulated platform is closing: nothing started", e);
        }
    }
}
