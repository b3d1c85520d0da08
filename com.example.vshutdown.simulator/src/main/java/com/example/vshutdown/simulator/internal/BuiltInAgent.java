package com.example.vshutdown.simulator.internal;

import java.io.IOException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.ShutdownVetoedException;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The simulator's own stand-in for the shutdown agent of one {@code ok} or {@code block} domain, used
 * where the shipped agent cannot run (no agent bundle, no ConfigurationAdmin, or {@code agents=builtin}).
 * It sees a new request as the agent of 004 does, writes the status, and calls the domain's
 * {@link GuestOs} as the shipped agent calls a native shutdown: {@code picked-up} before the call,
 * then {@code blocked} when the guest vetoes or {@code failed} when the call fails.
 *
 * <p>It reaches the vproperties only through the SPI, as a real agent does. Unlike the shipped agent it
 * does not pick up a request that arrives while its guest is going down (no status at all): it plays a
 * guest whose agent is already gone with its other services.
 *
 * <p>Threads: it checks on the notifier thread (a check is a few in-memory reads and one write, and
 * doing it there means its status write is queued before any later notification is delivered).
 */
final class BuiltInAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BuiltInAgent.class);

    private final int domain;
    private final GuestOs guest;
    private final VPropertyProvider properties;
    private final String requestedName;
    private final String runningName;
    private final String statusName;
    private volatile boolean closed;

    // Guarded by this.
    private VPropertyProvider.Subscription subscription;
    private long lastActedOn;
    private String lastMalformed;

    BuiltInAgent(GuestOs guest, VPropertyProvider properties) {
        this.domain = guest.spec().id();
        this.guest = guest;
        this.properties = properties;
        requestedName = VProperties.requested(domain);
        runningName = VProperties.running(domain);
        statusName = VProperties.status(domain);
    }

    /** Subscribes, then looks once: a request written before the agent started is still new. */
    synchronized void start() {
        subscription = properties.subscribe(this::changed);
        check();
    }

    @Override
    public void close() {
        closed = true;
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
            LOG.debug("Domain {}: cannot read its vproperties: {}", domain, e.getMessage());
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
                LOG.warn("Domain {}: request ignored: {}", domain, e.getMessage());
            }
            return;
        }
        long running;
        try {
            running = Values.parseCounter(rawRunning.get());
        } catch (InvalidValueException e) {
            LOG.warn("Domain {}: request {} ignored, the running {}", domain, requested, e.getMessage());
            return;
        }
        if (!Counters.isNewRequest(requested, running) || requested <= lastActedOn) {
            return;
        }
        if (!Counters.isRunning(running)) {
            LOG.debug("Domain {} is stopped: nobody in it sees request {}", domain, requested);
            return;
        }
        if (guest.busy()) {
            LOG.info("Domain {}: request {} arrives while the guest is already going down; not picked up",
                    domain, requested);
            return;
        }
        lastActedOn = requested;
        act(requested);
    }

    private void act(long requested) {
        boolean reboot = Counters.isRebootRequest(requested);
        writeStatus(AgentStatus.pickedUp(requested));
        LOG.info("Domain {}: the built-in agent picks up request {} ({})", domain, requested,
                reboot ? "reboot" : "shutdown");
        try {
            if (reboot) {
                guest.reboot();
            } else {
                guest.shutdown();
            }
        } catch (ShutdownVetoedException e) {
            writeStatus(AgentStatus.blocked(requested, e.getMessage()));
        } catch (IOException e) {
            LOG.warn("Domain {}: request {} failed: {}", domain, requested, e.getMessage());
            writeStatus(AgentStatus.failed(requested, e.getMessage()));
        }
    }

    private void writeStatus(AgentStatus status) {
        try {
            properties.write(statusName, status.format());
        } catch (IOException e) {
            LOG.warn("Domain {}: cannot write its status: {}", domain, e.getMessage());
        }
    }
}
