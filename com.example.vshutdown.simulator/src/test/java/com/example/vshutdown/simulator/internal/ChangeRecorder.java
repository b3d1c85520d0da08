package com.example.vshutdown.simulator.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Records every change a platform notifies, with its value, and waits for changes with a bound
 * instead of sleeping.
 */
final class ChangeRecorder implements Consumer<Change> {
    /** Generous: a change that takes this long is a failure, not a slow machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String FLUSH = "test.flush";

    private final LinkedBlockingQueue<Change> pending = new LinkedBlockingQueue<>();
    private final List<Change> all = new ArrayList<>();
    private int flushes;

    @Override
    public void accept(Change change) {
        synchronized (all) {
            all.add(change);
        }
        pending.add(change);
    }

    /** Waits for the next change that matches, skipping the others; fails after {@link #TIMEOUT}. */
    Change await(Predicate<Change> wanted, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            for (;;) {
                long left = deadline - System.nanoTime();
                Change change = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
                if (change == null) {
                    return fail("no change " + what + " within " + TIMEOUT + "; seen " + all());
                }
                if (wanted.test(change)) {
                    return change;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + what);
        }
    }

    Change await(String name, String value) {
        return await(c -> c.name().equals(name) && Objects.equals(c.value(), value), name + " = " + value);
    }

    /**
     * Returns once every change caused by a notification delivered before this call has itself
     * been delivered. Guests write their status while handling a notification, so what they write
     * is queued after the first sentinel; the second sentinel is queued after it.
     */
    void flush(SimulatedPlatform platform) {
        for (int phase = 0; phase < 2; phase++) {
            String value = Integer.toString(++flushes);
            try {
                platform.write(FLUSH, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            await(FLUSH, value);
        }
    }

    List<Change> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** The values a property was changed to, in order; null where it was removed. */
    List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (Change change : all()) {
            if (change.name().equals(name)) {
                values.add(change.value());
            }
        }
        return values;
    }
}
