package com.example.vshutdown.agent.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * A scriptable vproperty provider for the agent's tests. Notifications are delivered on the thread
 * that makes the change, before {@link #set} returns, so a test knows that whatever a notification
 * queued is queued by then. Every read and write is logged, to show which properties the agent touches.
 */
final class FakeProperties implements VPropertyProvider {
    private final String name;
    private final Map<String, String> properties = new ConcurrentHashMap<>();
    private final List<VPropertyListener> listeners = new CopyOnWriteArrayList<>();
    final List<String> reads = new CopyOnWriteArrayList<>();
    final List<String> writes = new CopyOnWriteArrayList<>();
    volatile boolean failReads;
    volatile boolean failWrites;
    /** Called on the reading thread after each read, with the property and the value read (or null). */
    volatile BiConsumer<String, String> afterRead = (property, value) -> { };
    private final CountDownLatch subscribed = new CountDownLatch(1);

    FakeProperties(String name) {
        this.name = name;
    }

    /** The hypervisor's or the master's side: changes a property and notifies. */
    void set(String property, String value) {
        properties.put(property, value);
        hint(Optional.of(property));
    }

    /** A change whose notification was lost. */
    void setSilently(String property, String value) {
        properties.put(property, value);
    }

    void remove(String property) {
        properties.remove(property);
        hint(Optional.of(property));
    }

    /** A notification without a change, or "something changed" when the name is empty. */
    void hint(Optional<String> property) {
        listeners.forEach(l -> l.changed(property));
    }

    String get(String property) {
        return properties.get(property);
    }

    int subscribers() {
        return listeners.size();
    }

    /** Waits, bounded, until somebody has subscribed: an agent subscribes at the start of its first check. */
    boolean awaitSubscribed() throws InterruptedException {
        return subscribed.await(AgentFixture.BOUND_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public String description() {
        return name;
    }

    @Override
    public Optional<String> read(String property) throws IOException {
        if (failReads) {
            throw new IOException("bus error");
        }
        reads.add(property);
        String value = properties.get(property);
        afterRead.accept(property, value);
        return Optional.ofNullable(value);
    }

    @Override
    public void write(String property, String value) throws IOException {
        if (failWrites) {
            throw new IOException("read-only file system");
        }
        writes.add(property + "=" + value);
        set(property, value);
    }

    @Override
    public Set<String> names() {
        return new TreeSet<>(properties.keySet());
    }

    @Override
    public Subscription subscribe(VPropertyListener listener) {
        listeners.add(listener);
        subscribed.countDown();
        return () -> listeners.remove(listener);
    }
}
