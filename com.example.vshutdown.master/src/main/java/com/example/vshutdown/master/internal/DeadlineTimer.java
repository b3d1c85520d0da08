package com.example.vshutdown.master.internal;

import java.util.OptionalLong;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One timer for the earliest bound a run waits with. Each domain has its own bound (the shutdown's
 * deadline, its own time-out, or the group grace), so the run re-arms this after every step for
 * the earliest pending one; the timer fires on the run's serial executor, at that very time.
 */
final class DeadlineTimer {
    private final ScheduledExecutorService serial;
    private final LongSupplier nanoTime;
    private final Runnable passed;
    private OptionalLong armedAt = OptionalLong.empty();
    private Future<?> timer;

    /** @param passed what runs when the armed time comes, on the serial executor */
    DeadlineTimer(ScheduledExecutorService serial, LongSupplier nanoTime, Runnable passed) {
        this.serial = serial;
        this.nanoTime = nanoTime;
        this.passed = passed;
    }

    /** Fires at {@code at} (at once if it has passed); empty disarms. Re-arming at the same time keeps the timer. */
    void arm(OptionalLong at) {
        if (at.equals(armedAt) && timer != null) {
            return;
        }
        stop();
        if (at.isEmpty()) {
            return;
        }
        armedAt = at;
        long delay = Math.max(0, at.getAsLong() - nanoTime.getAsLong());
        timer = serial.schedule(() -> {
            timer = null;
            armedAt = OptionalLong.empty();
            passed.run();
        }, delay, TimeUnit.NANOSECONDS);
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        armedAt = OptionalLong.empty();
    }
}
