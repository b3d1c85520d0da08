package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.VProperties;

/**
 * Plays slaves on a {@link FakePlatform}, on the test's virtual time: a cooperative domain picks a
 * request up at once and goes down (and, for a reboot, up again) {@code delay} later, as a
 * hypervisor would report it; a blocking one picks it up and refuses.
 */
final class Slaves {
    private final FakePlatform platform;
    private final ManualScheduler scheduler;
    private final Duration delay;
    private final Set<Integer> cooperative = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Duration> delays = new ConcurrentHashMap<>();
    private final Set<Integer> blocking = ConcurrentHashMap.newKeySet();

    Slaves(Fixture fixture, Duration delay) {
        this.platform = fixture.platform;
        this.scheduler = fixture.scheduler;
        this.delay = delay;
        platform.onWrite = this::onWrite;
    }

    Slaves cooperate(int... ids) {
        for (int id : ids) {
            cooperative.add(id);
        }
        return this;
    }

    /** Cooperative domains that take {@code took} to go down instead of the common delay. */
    Slaves cooperate(Duration took, int... ids) {
        for (int id : ids) {
            delays.put(id, took);
        }
        return cooperate(ids);
    }

    Slaves block(int... ids) {
        for (int id : ids) {
            blocking.add(id);
        }
        return this;
    }

    private void onWrite(String name, String value) {
        for (int id : cooperative) {
            if (name.equals(VProperties.requested(id))) {
                long requested = Long.parseLong(value);
                platform.set(VProperties.status(id), AgentStatus.pickedUp(requested).format());
                scheduler.schedule(() -> goDown(id, requested), delays.getOrDefault(id, delay).toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        }
        for (int id : blocking) {
            if (name.equals(VProperties.requested(id))) {
                platform.set(VProperties.status(id), AgentStatus.blocked(Long.parseLong(value), "update in progress")
                        .format());
            }
        }
    }

    private void goDown(int id, long requested) {
        long running = Long.parseLong(platform.properties.get(VProperties.running(id)));
        platform.setRunning(id, running + 1);
        if (Counters.isRebootRequest(requested)) {
            platform.setRunning(id, running + 2);
        }
    }
}
