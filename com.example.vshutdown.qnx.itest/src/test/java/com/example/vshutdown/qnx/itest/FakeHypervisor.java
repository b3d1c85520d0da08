package com.example.vshutdown.qnx.itest;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Plays the slave side of 004 on the stub: it hears of changes only through the provider's
 * notifications (the real vsd_wait thread), reads requests through the provider, and advances the
 * running counters the way a hypervisor does when a cooperative slave acts, through the stub's
 * hypervisor-side setter. A slave in {@code ignoring} never acts (no agent, guest asleep).
 */
final class FakeHypervisor implements AutoCloseable {
    private final VPropertyProvider provider;
    private final StubControl stub;
    private final Set<Integer> ignoring;
    private final Semaphore changes = new Semaphore(0);
    private final VPropertyProvider.Subscription subscription;
    private final Thread thread;
    private volatile boolean stopped;
    /** What the slaves did, in order: "2 shutdown", "3 reboot". */
    final List<String> actions = new CopyOnWriteArrayList<>();
    /** Failures of the hypervisor's own thread, so a test fails instead of hanging on them. */
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    FakeHypervisor(VPropertyProvider provider, StubControl stub, Set<Integer> ignoring) {
        this.provider = provider;
        this.stub = stub;
        this.ignoring = Set.copyOf(ignoring);
        this.subscription = provider.subscribe(name -> changes.release());
        this.thread = new Thread(this::run, "fake-hypervisor");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!stopped) {
            try {
                // only a notification makes the slaves act: a broken notification path fails the test
                if (!changes.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                changes.drainPermits();
                actOnRequests();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        }
    }

    private void actOnRequests() throws IOException {
        for (String name : provider.names()) {
            OptionalInt id = VProperties.domainOfRunning(name);
            if (id.isEmpty() || ignoring.contains(id.getAsInt())) {
                continue;
            }
            Optional<String> requested = provider.read(VProperties.requested(id.getAsInt()));
            Optional<String> running = provider.read(name);
            if (requested.isEmpty() || running.isEmpty() || !running.get().matches("[0-9]+")
                    || !requested.get().matches("[0-9]+")) {
                continue;
            }
            long want = Long.parseLong(requested.get());
            long now = Long.parseLong(running.get());
            if (want <= now || now % 2 == 0) {
                continue;
            }
            // a reboot is a stop and then a start: the counter passes through the even value
            stub.set(name, Long.toString(now + 1));
            if (want % 2 == 1) {
                stub.set(name, Long.toString(now + 2));
                actions.add(id.getAsInt() + " reboot");
            } else {
                actions.add(id.getAsInt() + " shutdown");
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        subscription.close();
        thread.join(5000);
    }
}
