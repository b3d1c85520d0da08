package com.example.vshutdown.agent.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;
import com.example.vshutdown.support.follow.ProviderFollower;

/**
 * The shutdown agent of one slave domain, free of OSGi so that it can be tested against a fake
 * provider: it looks at its own domain's request when it starts, when a notification says the
 * request may have changed, and at a slow safety re-read (a notification can be lost), and acts on
 * what {@link RequestDecision} says. It reads and writes only its own domain's properties.
 *
 * <p>Threads: every check runs on the single thread of the checks executor, so checks never overlap
 * and the state they keep needs no lock. A listener only queues a check and returns, as the SPI
 * asks; notifications that arrive while a check is queued add nothing to the queue.
 *
 * <p>The providers, the native shutdown and the configuration faults are read once per check. The
 * subscription follows the provider ({@link ProviderFollower}, as the master's does): when a check
 * finds another one bound, it moves the subscription there before it reads.
 *
 * <p>Acting once per write: the status property is the record that decides (see {@link RequestDecision});
 * the agent remembers only a request it acted on without managing to write any status for it.
 */
final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    /** How long closing waits for a check in progress: deactivation must stay prompt. */
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(5);

    private final int domain;
    private final String requestedName;
    private final String runningName;
    private final String statusName;
    private final Supplier<VPropertyProvider> providers;
    private final Supplier<NativeShutdown> natives;
    private final Supplier<Optional<String>> faults;
    private final Duration safetyReread;
    private final Duration nativeTimeout;
    private final ScheduledExecutorService checks;
    private final AtomicBoolean checkQueued = new AtomicBoolean();
    private final ProviderFollower follower;
    private volatile boolean closed;

    // Confined to the check thread.
    /** The provider whose refusal to notify was logged last: said once per provider. */
    private VPropertyProvider refusedSubscription;
    /** The request acted on last, while no status could be written for it: the only record there is. */
    private OptionalLong unrecorded = OptionalLong.empty();
    private String lastReported;

    /**
     * @param providers the vproperty provider bound now, or null
     * @param natives the native shutdown bound now, or null
     * @param faults the line of every configuration fault registered now, or empty when there is none
     * @param checks a single-thread executor that the agent owns from now on and shuts down on close
     */
    Agent(int domain, Supplier<VPropertyProvider> providers, Supplier<NativeShutdown> natives,
            Supplier<Optional<String>> faults, Duration safetyReread, Duration nativeTimeout,
            ScheduledExecutorService checks) {
        this.domain = domain;
        this.requestedName = VProperties.requested(domain);
        this.runningName = VProperties.running(domain);
        this.statusName = VProperties.status(domain);
        this.providers = Objects.requireNonNull(providers, "providers");
        this.natives = Objects.requireNonNull(natives, "natives");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.safetyReread = requirePositive(safetyReread, "safety re-read");
        this.nativeTimeout = requirePositive(nativeTimeout, "native time-out");
        this.checks = Objects.requireNonNull(checks, "checks");
        this.follower = new ProviderFollower("Agent for domain " + domain, this::changed);
    }

    /** The agent's own check thread: named for thread dumps, a daemon so it never holds the JVM up. */
    static ScheduledExecutorService checkThread(int domain) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, threadName(domain));
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    static String threadName(int domain) {
        return "vshutdown-agent-" + domain;
    }

    /** Looks once at once (a request may be waiting from before the agent ran), then keeps watching. */
    void start() {
        checks.scheduleWithFixedDelay(this::check, safetyReread.toMillis(), safetyReread.toMillis(),
                TimeUnit.MILLISECONDS);
        recheck();
        LOG.info("Shutdown agent for domain {} started (safety re-read every {} ms, native commands bounded by {} ms)",
                domain, safetyReread.toMillis(), nativeTimeout.toMillis());
    }

    /** Whether a change notification may concern this agent: its own request, or "something changed". */
    boolean concerns(Optional<String> name) {
        return name.isEmpty() || name.get().equals(requestedName);
    }

    private void changed(Optional<String> name) {
        if (concerns(name)) {
            recheck();
        }
    }

    /**
     * Queues a look at the request, unless one is queued already: for a notification, and for a change
     * of the services the agent uses (a provider came, a fault went) that no notification reports.
     */
    void recheck() {
        if (closed || !checkQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            checks.execute(() -> {
                // cleared before reading, so that a change during this check queues the next one
                checkQueued.set(false);
                check();
            });
        } catch (RejectedExecutionException e) {
            checkQueued.set(false);
            LOG.debug("Agent for domain {} is closing: check not queued", domain);
        }
    }

    private void check() {
        if (closed) {
            return;
        }
        try {
            checkOnce();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: the safety re-read must outlive a provider's bug
            if (firstTime("unexpected " + e)) {
                LOG.error("Agent for domain {}: the check failed unexpectedly; trying again at the next one", domain, e);
            }
        }
    }

    private void checkOnce() {
        VPropertyProvider provider = providers.get();
        // followed even while refusing: the master's first write after the fault is corrected wakes the agent
        follow(provider);
        Optional<String> fault = faults.get();
        if (fault.isPresent()) {
            RequestDecision refused = RequestDecision.refused(fault.get());
            if (firstTime(refused.reason())) {
                LOG.error("Agent for domain {}: {}; no request is acted on until it is corrected", domain,
                        refused.reason());
            }
            return;
        }
        if (provider == null) {
            if (firstTime("no provider")) {
                LOG.warn("Agent for domain {}: no vproperty provider is bound; nothing done", domain);
            }
            return;
        }
        Optional<String> requested;
        Optional<String> running;
        Optional<String> status;
        try {
            requested = provider.read(requestedName);
            running = provider.read(runningName);
            status = provider.read(statusName);
        } catch (IOException e) {
            if (firstTime("unreadable " + e.getMessage())) {
                LOG.warn("Agent for domain {}: cannot read its vproperties ({}): {}; trying again at the next check",
                        domain, provider.description(), e.getMessage());
            }
            return;
        }
        RequestDecision decision = RequestDecision.decide(requested, running, status, unrecorded);
        switch (decision.kind()) {
        case SHUTDOWN, REBOOT -> act(provider, decision);
        case MALFORMED -> {
            if (firstTime(decision.reason())) {
                LOG.error("Agent for domain {}: {}; nothing is done until it is corrected", domain, decision.reason());
            }
        }
        case MISSING -> {
            if (firstTime(decision.reason())) {
                LOG.warn("Agent for domain {}: {} ({}); nothing done: is the domain id right?", domain,
                        decision.reason(), runningName);
            }
        }
        case NONE, REFUSED -> {
            if (firstTime(decision.reason())) {
                LOG.debug("Agent for domain {}: {}", domain, decision.reason());
            }
        }
        }
    }

    private void act(VPropertyProvider provider, RequestDecision decision) {
        NativeShutdown target = natives.get();
        if (target == null) {
            // not marked as acted on: the request is still there for the next check, once one is bound
            if (firstTime("no native")) {
                LOG.warn("Agent for domain {}: {} but no native shutdown is bound; trying again at the next check",
                        domain, decision.reason());
            }
            return;
        }
        lastReported = null;
        try {
            boolean recorded = RequestAction.run(domain, provider, target, decision, nativeTimeout);
            unrecorded = recorded ? OptionalLong.empty() : OptionalLong.of(decision.value());
        } catch (NativeCall.NeverStartedException e) {
            Thread.currentThread().interrupt();
            LOG.info("Agent for domain {} stopped before its native command for request {} began: nothing was "
                    + "recorded, so the next agent acts on it", domain, decision.value());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Agent for domain {} stopped while the native command for request {} ran; its outcome is not "
                    + "reported", domain, decision.value());
        }
    }

    /** Moves the subscription to the provider bound now; subscribing before reading loses no change. */
    private void follow(VPropertyProvider provider) {
        try {
            follower.follow(provider);
        } catch (RuntimeException e) {
            // tried again at every check; said once per provider
            if (refusedSubscription != provider) {
                refusedSubscription = provider;
                LOG.warn("Agent for domain {}: change notifications of {} are unavailable ({}); relying on the "
                        + "safety re-read every {} ms", domain, provider.description(), e.toString(),
                        safetyReread.toMillis());
            }
        }
    }

    /** Whether a state is new since the last check: each is logged when it begins, not at every re-read. */
    private boolean firstTime(String state) {
        if (state.equals(lastReported)) {
            return false;
        }
        lastReported = state;
        return true;
    }

    /** Stops the checks and the subscription; a check in progress is interrupted and waited for, bounded. */
    @Override
    public void close() {
        closed = true;
        checks.shutdownNow();
        follower.close();
        try {
            if (!checks.awaitTermination(CLOSE_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Agent for domain {}: its check did not end within {} ms of stopping; left to finish",
                        domain, CLOSE_BOUND.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Shutdown agent for domain {} stopped", domain);
    }

    private static Duration requirePositive(Duration duration, String what) {
        if (duration.isZero() || duration.isNegative() || duration.toMillis() < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 ms: " + duration);
        }
        return duration;
    }
}
