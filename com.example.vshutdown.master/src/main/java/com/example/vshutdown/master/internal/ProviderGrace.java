package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.example.vshutdown.api.ShutdownEvent.Type;

/**
 * The grace a wait gives a lost vproperty provider. Updating the only provider bundle leaves no
 * provider bound for a moment; DESIGN.md says a provider may be updated "without losing a shutdown
 * that is under way", so the wait holds on (saying so) until one is bound again, for the grace at
 * most and never past the run's bounds, before the run ends as "provider lost".
 */
final class ProviderGrace {
    private final ScheduledExecutorService serial;
    private final Duration grace;
    private final Progress progress;
    private final Runnable look;
    private Future<?> timer;
    private boolean waiting;
    private boolean over;

    /** @param look what runs on the serial executor when the grace is over: the run's next look */
    ProviderGrace(ScheduledExecutorService serial, Duration grace, Progress progress, Runnable look) {
        this.serial = serial;
        this.grace = grace;
        this.progress = progress;
        this.look = look;
    }

    Duration grace() {
        return grace;
    }

    /** Whether the wait is holding on for a provider now. */
    boolean waiting() {
        return waiting;
    }

    /**
     * No provider is bound: starts the grace the first time.
     *
     * @param gone the provider that went away, as the line names it
     * @return whether the grace is over, so the wait ends as "provider lost"
     */
    boolean lost(String gone, Collection<Integer> pending) {
        if (!waiting && !over) {
            waiting = true;
            progress.general(Type.PROVIDER_WAIT, pending, PolicyText.providerWaiting(gone, grace));
            timer = serial.schedule(() -> {
                timer = null;
                over = true;
                look.run();
            }, grace.toNanos(), TimeUnit.NANOSECONDS);
        }
        return over;
    }

    /** A provider is bound: the wait goes on, and a later loss gets a grace of its own. */
    void found(String description, Collection<Integer> pending) {
        if (waiting) {
            stop();
            progress.general(Type.PROVIDER_WAIT, pending, PolicyText.providerBack(description));
        }
        waiting = false;
        over = false;
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
