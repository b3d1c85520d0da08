package com.example.vshutdown.itest;

import java.io.IOException;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * A second provider of the same platform, as a provider bundle update or a better-fitting provider
 * would be: it passes every call through and counts who subscribes to it.
 */
final class RecordingProvider implements VPropertyProvider {
    final AtomicInteger subscriptions = new AtomicInteger();
    /** Opens when the first listener subscribes: a test waits for it instead of polling the count. */
    final CountDownLatch subscribed = new CountDownLatch(1);
    /** The names read through this provider, in order. */
    final List<String> reads = new CopyOnWriteArrayList<>();
    private final VPropertyProvider platform;

    RecordingProvider(VPropertyProvider platform) {
        this.platform = platform;
    }

    @Override
    public String description() {
        return "test provider over " + platform.description();
    }

    @Override
    public Optional<String> read(String name) throws IOException {
        reads.add(name);
        return platform.read(name);
    }

    @Override
    public void write(String name, String value) throws IOException {
        platform.write(name, value);
    }

    @Override
    public Set<String> names() throws IOException {
        return platform.names();
    }

    @Override
    public Subscription subscribe(VPropertyListener listener) {
        subscriptions.incrementAndGet();
        Subscription inner = platform.subscribe(listener);
        subscribed.countDown();
        return () -> {
            subscriptions.decrementAndGet();
            inner.close();
        };
    }

    @Override
    public boolean canHardStop() {
        return platform.canHardStop();
    }

    @Override
    public void hardStop(int domain) throws IOException {
        platform.hardStop(domain);
    }
}
