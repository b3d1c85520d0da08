package com.example.vshutdown.agent.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Agents for domain 1 on a fake platform with a recording native shutdown, each on its real check
 * thread. A test knows a check has run by queueing a no-op behind it on that thread ({@link #settle}).
 */
final class AgentFixture implements AutoCloseable {
    /** Bound for every wait: generous, it only keeps a broken test from hanging. */
    static final long BOUND_MILLIS = 10_000;

    static final String REQUESTED = VProperties.requested(1);
    static final String RUNNING = VProperties.running(1);
    static final String STATUS = VProperties.status(1);

    final FakeProperties platform = new FakeProperties("fake platform");
    final RecordingNative nativeShutdown = new RecordingNative();
    /** What the agent finds bound at its next check; a test swaps or clears them. */
    volatile VPropertyProvider bound = platform;
    volatile NativeShutdown boundNative = nativeShutdown;
    /** The line of the configuration faults registered now, as the agent's component gives it. */
    volatile Optional<String> fault = Optional.empty();
    private final List<Agent> agents = new ArrayList<>();
    private ScheduledExecutorService checks;

    Agent start(Duration safetyReread, Duration nativeTimeout) {
        checks = Agent.checkThread(1);
        Agent agent = new Agent(1, () -> bound, () -> boundNative, () -> fault, safetyReread, nativeTimeout, checks);
        agents.add(agent);
        agent.start();
        return agent;
    }

    /** An agent whose safety re-read never comes during a test, so every check is one the test caused. */
    Agent start() {
        return start(Duration.ofHours(1), Duration.ofMillis(BOUND_MILLIS));
    }

    /** The check thread of the agent started last. */
    ScheduledExecutorService checks() {
        return checks;
    }

    /** Waits until every check queued so far has run: the agent's single thread runs its tasks in order. */
    void settle() throws Exception {
        checks.submit(() -> { }).get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Sets the domain's counters without a notification: as they were before the agent started. */
    void domain(String running, String requested) {
        platform.setSilently(RUNNING, running);
        if (requested != null) {
            platform.setSilently(REQUESTED, requested);
        }
    }

    @Override
    public void close() {
        nativeShutdown.release.countDown();
        CountDownLatch gate = nativeShutdown.gate;
        if (gate != null) {
            gate.countDown();
        }
        agents.forEach(Agent::close);
    }
}
