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

import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.ShutdownVetoedException;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The guest OS of one simulated slave domain ({@code ok} or {@code block}), seen from inside the
 * domain as its native shutdown and reboot: whoever plays the agent (the built-in one or the shipped
 * agent) calls it, and it writes no status, because that is the agent's job.
 *
 * <p>{@code ok}: the call returns at once and the guest halts after the domain's delay (a reboot
 * then boots at once), each through the {@link Hypervisor}, as a real guest advances its counter only
 * by halting. {@code block}: the call throws {@link ShutdownVetoedException} with the reason.
 *
 * <p>A second call while a halt or boot is pending is refused with an {@link IOException} saying what
 * is under way, and changes nothing: the pending action goes on as first asked. A guest that is going
 * down has already let go of its services, as a real one has; and turning a shutdown into a reboot half
 * way would make the counter tell a story that no real guest tells. The agent reports it as
 * {@code failed}, which is what an operator would see on a real guest.
 *
 * <p>Threads: the halt and boot run on the scheduler. A hard stop cancels through
 * {@link #cancelPending()}, which takes no lock because the platform calls it with its own lock held;
 * the epoch it advances makes a halt or boot that already started a no-op.
 */
final class GuestOs implements NativeShutdown, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuestOs.class);

    private final DomainSpec spec;
    private final VPropertyProvider properties;
    private final Hypervisor hypervisor;
    private final ScheduledExecutorService scheduler;
    private final String runningName;

    /** Advanced by every cancellation; an action runs only while the epoch it was scheduled in lasts. */
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicReference<Future<?>> pending = new AtomicReference<>();
    private volatile boolean closed;

    // Guarded by this.
    private long busyEpoch = -1;
    private String underWay = "";

    GuestOs(DomainSpec spec, VPropertyProvider properties, Hypervisor hypervisor, ScheduledExecutorService scheduler) {
        if (spec.behaviour() != DomainSpec.Behaviour.OK && spec.behaviour() != DomainSpec.Behaviour.BLOCK) {
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
        return spec.behaviour() == DomainSpec.Behaviour.BLOCK
                ? "simulated guest OS of domain " + spec.id() + ": refuses to go down (" + spec.reason() + ")"
                : "simulated guest OS of domain " + spec.id() + ": goes down " + spec.delayMillis()
                        + " ms after it is asked";
    }

    @Override
    public void shutdown() throws IOException {
        begin(false);
    }

    @Override
    public void reboot() throws IOException {
        begin(true);
    }

    /** Whether a halt or boot is pending: the guest is going down (or coming back) already. */
    synchronized boolean busy() {
        return busyEpoch == epoch.get();
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
    }

    private synchronized void begin(boolean reboot) throws IOException {
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
        if (spec.behaviour() == DomainSpec.Behaviour.BLOCK) {
            LOG.info("Domain {}: the guest refuses the {}: {}", spec.id(), what, spec.reason());
            throw new ShutdownVetoedException(spec.reason());
        }
        if (busy()) {
            LOG.info("Domain {}: {} refused, the guest is already going down ({} under way)", spec.id(), what,
                    underWay);
            throw new IOException("the guest is already going down (" + underWay + " under way); this " + what
                    + " is not started");
        }
        long scheduledIn = epoch.get();
        busyEpoch = scheduledIn;
        underWay = what;
        LOG.info("Domain {}: the guest starts its {}, going down in {} ms", spec.id(), what, spec.delayMillis());
        schedule(() -> halt(reboot, running, scheduledIn), spec.delayMillis(), scheduledIn);
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

    private synchronized void halt(boolean reboot, long running, long scheduledIn) {
        boolean stopped = hypervisor.advance(spec.id(), running, () -> epoch.get() == scheduledIn);
        if (stopped && reboot) {
            // A reboot is a stop and a start: two changes of the counter, each notified.
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
