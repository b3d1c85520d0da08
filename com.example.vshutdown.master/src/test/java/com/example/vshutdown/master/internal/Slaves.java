package com.example.vshutdown.master.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.VProperties;

/**
 * Plays cooperative slaves on a {@link FakePlatform}: a domain in the set goes down (and, for a
 * reboot, up again) on its own thread after a delay, as a hypervisor would report it.
 */
final class Slaves implements AutoCloseable {
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final FakePlatform platform;
    private final Set<Integer> cooperative = ConcurrentHashMap.newKeySet();
    private final Set<Integer> blocking = ConcurrentHashMap.newKeySet();
    private volatile long delayMillis;

    Slaves(FakePlatform platform, long delayMillis) {
        this.platform = platform;
        this.delayMillis = delayMillis;
        platform.onWrite = this::onWrite;
    }

    Slaves cooperate(int... ids) {
        for (int id : ids) {
            cooperative.add(id);
        }
        return this;
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
                executor.schedule(() -> goDown(id, requested), delayMillis, TimeUnit.MILLISECONDS);
            }
        }
        for (int id : blocking) {
            if (name.equals(VProperties.requested(id))) {
                platform.set(VProperties.status(id), AgentStatus.blocked(Long.parseLong(value), "update in progress").format());
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

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
