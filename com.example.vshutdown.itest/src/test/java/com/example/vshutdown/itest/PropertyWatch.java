package com.example.vshutdown.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Records every change notification of a vproperty provider, in order, and waits for them with a
 * bound: what the test sees of the platform is what an agent or the master sees.
 */
final class PropertyWatch implements AutoCloseable {
    private static final String FLUSH = "test.flush";

    private final VPropertyProvider provider;
    private final long boundMillis;
    // Guarded by itself.
    private final List<String> notified = new ArrayList<>();
    private final VPropertyProvider.Subscription subscription;
    private int flushes;

    PropertyWatch(VPropertyProvider provider, long boundMillis) {
        this.provider = provider;
        this.boundMillis = boundMillis;
        subscription = provider.subscribe(this::changed);
    }

    private void changed(Optional<String> name) {
        synchronized (notified) {
            notified.add(name.orElse("*"));
            notified.notifyAll();
        }
    }

    /** How many times a property was notified as changed so far. */
    int count(String name) {
        synchronized (notified) {
            return (int) notified.stream().filter(name::equals).count();
        }
    }

    /** Waits until a property has been notified at least {@code times} times. */
    void await(String name, int times) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMillis);
        synchronized (notified) {
            while (count(name) < times) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + " not notified " + times + " times within " + boundMillis
                            + " ms; notified: " + notified);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(notified, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + name, e);
                }
            }
        }
    }

    /**
     * Returns once every change written before this call has been notified: the platform notifies
     * in the order of the writes, so a change written now is notified after all of them.
     */
    void flush() {
        int flush;
        synchronized (notified) {
            flush = ++flushes;
        }
        try {
            provider.write(FLUSH, Integer.toString(flush));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await(FLUSH, flush);
    }

    /** The value a property holds now, or null. */
    String value(String name) {
        try {
            return provider.read(name).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
