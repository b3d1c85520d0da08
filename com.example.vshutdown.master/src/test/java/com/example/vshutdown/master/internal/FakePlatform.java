package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * A scriptable vproperty provider for the coordinator's tests. It logs every operation so that
 * tests can check their order, and lets a test play the slave side through a write hook.
 */
final class FakePlatform implements VPropertyProvider {
    final Map<String, String> properties;
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<Integer> hardStopped = new CopyOnWriteArrayList<>();
    private final List<VPropertyListener> listeners = new CopyOnWriteArrayList<>();
    volatile boolean hardStopOffered = true;
    volatile boolean notify = true;
    volatile String failWritesOf;
    /** While set, listing the properties fails, as an unreadable platform would. */
    volatile boolean failNames;
    /** While set, reading the agent status properties throws, as a provider being stopped may. */
    volatile boolean statusReadsThrow;
    /** While set, every read throws it: an Error, as a provider bundle being updated under a caller may. */
    volatile Error readsThrow;
    /**
     * While set, a write by a thread whose interrupt status is set fails as a write through a
     * {@link java.nio.channels.FileChannel} does (the Linux provider's): the channel is closed under
     * it and the write throws {@link ClosedByInterruptException}. Every such attempt is logged.
     */
    volatile boolean interruptibleWrites;
    /** Called after each successful write with the name and value: the slave side of a test. */
    volatile BiConsumer<String, String> onWrite = (n, v) -> { };

    FakePlatform() {
        properties = new ConcurrentHashMap<>();
    }

    /** A second provider of the same platform: the same properties, its own subscribers. */
    FakePlatform(FakePlatform samePlatform) {
        properties = samePlatform.properties;
    }

    FakePlatform domain(int id, String running) {
        properties.put(VProperties.running(id), running);
        return this;
    }

    /** The hypervisor's side: changes a property and notifies, unless notifications are off. */
    void set(String name, String value) {
        properties.put(name, value);
        if (notify) {
            listeners.forEach(l -> l.changed(Optional.of(name)));
        }
    }

    void setRunning(int id, long value) {
        set(VProperties.running(id), Long.toString(value));
    }

    String requested(int id) {
        return properties.get(VProperties.requested(id));
    }

    int subscribers() {
        return listeners.size();
    }

    @Override
    public String description() {
        return "fake platform";
    }

    @Override
    public Optional<String> read(String name) {
        if (readsThrow != null) {
            throw readsThrow;
        }
        if (statusReadsThrow && name.endsWith(".vm.shutdown.status")) {
            throw new IllegalStateException("the provider is deactivated");
        }
        log.add("read " + name);
        return Optional.ofNullable(properties.get(name));
    }

    @Override
    public void write(String name, String value) throws IOException {
        if (interruptibleWrites && Thread.currentThread().isInterrupted()) {
            log.add("torn write " + name + "=" + value);
            throw new ClosedByInterruptException();
        }
        if (name.equals(failWritesOf)) {
            throw new IOException("permission denied");
        }
        log.add("write " + name + "=" + value);
        set(name, value);
        onWrite.accept(name, value);
    }

    @Override
    public Set<String> names() throws IOException {
        if (failNames) {
            throw new IOException("input/output error");
        }
        return new TreeSet<>(properties.keySet());
    }

    @Override
    public Subscription subscribe(VPropertyListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public boolean canHardStop() {
        return hardStopOffered;
    }

    @Override
    public void hardStop(int domain) {
        hardStopped.add(domain);
        long running = Long.parseLong(properties.get(VProperties.running(domain)));
        setRunning(domain, running + 1);
    }

    List<String> writes() {
        List<String> writes = new ArrayList<>();
        log.stream().filter(l -> l.startsWith("write ")).forEach(writes::add);
        return writes;
    }

    /** A native shutdown that records what it was asked instead of stopping anything. */
    static final class RecordingNative implements NativeShutdown {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean fail;

        @Override
        public String description() {
            return "recording native shutdown";
        }

        @Override
        public void shutdown() throws IOException {
            calls.add("shutdown");
            if (fail) {
                throw new IOException("poweroff: command not found");
            }
        }

        @Override
        public void reboot() throws IOException {
            calls.add("reboot");
            if (fail) {
                throw new IOException("reboot: command not found");
            }
        }
    }
}
