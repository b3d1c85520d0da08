package com.example.vshutdown.linux.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.example.vshutdown.spi.VPropertyListener;

/** A listener that records the hints it is given, for tests that wait for them with a bound. */
final class Hints implements VPropertyListener {
    private final LinkedBlockingQueue<Optional<String>> received = new LinkedBlockingQueue<>();

    @Override
    public void changed(Optional<String> name) {
        received.add(name);
    }

    /** The next hint, or null when none comes within the bound. */
    Optional<String> next(Duration bound) throws InterruptedException {
        return received.poll(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits, within the bound, for this hint; the others before it are skipped. */
    boolean await(Optional<String> hint, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> next = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (hint.equals(next)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return received.isEmpty();
    }
}
