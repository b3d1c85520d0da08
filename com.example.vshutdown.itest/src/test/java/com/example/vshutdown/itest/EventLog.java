package com.example.vshutdown.itest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownListener;

/**
 * A whiteboard listener that keeps every step of every shutdown, in the order the master tells
 * them, and lets a test wait for a step: the event it judges, never a moment in time.
 */
final class EventLog implements ShutdownListener {
    private final long boundMillis;
    // Guarded by itself.
    private final List<ShutdownEvent> events = new ArrayList<>();

    EventLog(long boundMillis) {
        this.boundMillis = boundMillis;
    }

    @Override
    public void onEvent(ShutdownEvent event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    /** Whether a step of that type was told for that domain (any domain for -1). */
    boolean seen(Type type, int domain) {
        synchronized (events) {
            return events.stream().anyMatch(e -> matches(e, type, domain));
        }
    }

    /** Waits, bounded, until a step of that type has been told for that domain (any domain for -1). */
    void await(Type type, int domain) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMillis);
        synchronized (events) {
            while (!seen(type, domain)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type + (domain < 0 ? "" : " of domain " + domain) + " within "
                            + boundMillis + " ms; told: " + types());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(events, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + type, e);
                }
            }
        }
    }

    /** The first step of that type told, if any (any domain for -1). */
    ShutdownEvent first(Type type, int domain) {
        synchronized (events) {
            return events.stream().filter(e -> matches(e, type, domain)).findFirst().orElse(null);
        }
    }

    /** What was told so far, as type and domain: for a failure message. */
    List<String> types() {
        synchronized (events) {
            return events.stream().map(e -> e.type() + e.domain().stream().mapToObj(d -> " " + d)
                    .findFirst().orElse("")).toList();
        }
    }

    private static boolean matches(ShutdownEvent event, Type type, int domain) {
        return event.type() == type && (domain < 0 || event.domain().orElse(-1) == domain);
    }
}
