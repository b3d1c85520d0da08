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

import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

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
 * <p>The providers are read once per check. The subscription follows the provider: when a check
 * finds another one bound, it moves the subscription there before it reads.
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
    private final Duration safetyReread;
    private final Duration nativeTimeout;
    private final ScheduledExecutorService checks;
    private final AtomicBoolean checkQueued = new AtomicBoolean();
    private volatile boolean closed;

    // Guarded by this: a check moves the subscription, close() ends it from another thread.
    private VPropertyProvider subscribedTo;
    private VPropertyProvider.Subscription subscription;
    private VPropertyProvider refusedSubscription;

    // Confined to the check thread.
    private OptionalLong lastActed = OptionalLong.empty();
    /** Set by a named notification of the request property, taken by the next check. */
    private final AtomicBoolean askedAgain = new AtomicBoolean();
    private String lastReported;

    /**
     * @param providers the vproperty provider bound now, or null
     * @param natives the native shutdown bound now, or null
     * @param checks a single-thread executor that the agent owns from now on and shuts down on close
     */
    Agent(int domain, Supplier<VPropertyProvider> providers, Supplier<NativeShutdown> natives,
            Duration safetyReread, Duration nativeTimeout, ScheduledExecutorService checks) {
        this.domain = domain;
        this.requestedName = VProperties.requested(domain);
        this.runningName = VProperties.running(domain);
        this.statusName = VProperties.status(domain);
        this.providers = Objects.requireNonNull(providers, "providers");
        this.natives = Objects.requireNonNull(natives, "natives");
        this.safetyReread = requirePositive(safetyReread, "safety re-read");
        this.nativeTimeout = requirePositive(nativeTimeout, "native time-out");
        this.checks = Objects.requireNonNull(checks, "checks");
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
        requestCheck();
        LOG.info("Shutdown agent for domain {} started (safety re-read every {} ms, native commands bounded by {} ms)",
                domain, safetyReread.toMillis(), nativeTimeout.toMillis());
    }

    /** Whether a change notification may concern this agent: its own request, or "something changed". */
    boolean concerns(Optional<String> name) {
        return name.isEmpty() || name.get().equals(requestedName);
    }

    private void changed(Optional<String> name) {
        if (concerns(name)) {
            if (name.isPresent()) {
                // a write of the request itself: the master asking, perhaps again (see RequestDecision)
                askedAgain.set(true);
            }
            requestCheck();
        }
    }

    private void requestCheck() {
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
        if (provider == null) {
            if (firstTime("no provider")) {
                LOG.warn("Agent for domain {}: no vproperty provider is bound; nothing done", domain);
            }
            return;
        }
        follow(provider);
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
        RequestDecision decision = RequestDecision.decide(requested, running, status, lastActed,
                askedAgain.getAndSet(false));
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
        case NONE -> {
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
        long request = decision.value();
        boolean reboot = decision.kind() == RequestDecision.Kind.REBOOT;
        String what = reboot ? "reboot" : "shutdown";
        lastActed = OptionalLong.of(request);
        // Written before the command: once it runs, the domain may go down before anything else is written,
        // and this record is what keeps a restarted agent from acting on the same request again.
        writeStatus(provider, AgentStatus.pickedUp(request));
        LOG.info("Agent for domain {}: request {} picked up; starting the native {} ({})", domain, request, what,
                target.description());
        Optional<AgentStatus> outcome;
        try {
            outcome = NativeCall.run(target, reboot, request, nativeTimeout, threadName(domain) + "-native");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Agent for domain {} stopped while the native {} for request {} ran; its outcome is not reported",
                    domain, what, request);
            return;
        }
        if (outcome.isEmpty()) {
            LOG.info("Agent for domain {}: native {} started for request {}", domain, what, request);
            return;
        }
        AgentStatus status = outcome.get();
        if (status.state() == AgentStatus.State.BLOCKED) {
            LOG.warn("Agent for domain {}: the guest refuses request {}: {}", domain, request, status.reason());
        } else {
            LOG.error("Agent for domain {}: the native {} for request {} failed: {}; retried only if the request is written again", domain, what,
                    request, status.reason());
        }
        writeStatus(provider, status);
    }

    /** The status is diagnosis for the master: failing to write it must not stop the shutdown itself. */
    private void writeStatus(VPropertyProvider provider, AgentStatus status) {
        try {
            provider.write(statusName, status.format());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Agent for domain {}: cannot write its status '{}': {}", domain, status.format(), e.toString());
        }
    }

    /** Moves the subscription to the provider bound now; subscribing before reading loses no change. */
    private synchronized void follow(VPropertyProvider provider) {
        if (closed || provider == subscribedTo) {
            return;
        }
        if (subscription != null) {
            subscription.close();
            LOG.info("Agent for domain {}: now following {}", domain, provider.description());
        }
        subscription = null;
        subscribedTo = null;
        try {
            subscription = provider.subscribe(this::changed);
            subscribedTo = provider;
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
        synchronized (this) {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
            subscribedTo = null;
        }
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
