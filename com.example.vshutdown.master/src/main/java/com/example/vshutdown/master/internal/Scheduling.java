package com.example.vshutdown.master.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The coordinator's executors and clock. A shutdown lives on {@code serial}: its state, its timers
 * (safety re-read, progress lines, deadline) and its promise callbacks, one task at a time, so the
 * run needs no locks. Listeners are called on {@code delivery}, never on {@code serial}, so a
 * listener that blocks cannot stall a wait or its deadline. Tests pass one manual scheduler on
 * virtual time for all three.
 *
 * @param serial one thread at a time; the run's home
 * @param delivery where listeners and the callbacks of the promises handed to callers run
 * @param nanoTime the monotonic clock every duration and deadline is measured with
 */
record Scheduling(ScheduledExecutorService serial, Executor delivery, LongSupplier nanoTime) {
    /** How long an idle thread lingers before it ends: nothing runs while no shutdown does. */
    private static final long IDLE_SECONDS = 5;

    /** One daemon thread for the runs and a pool for listeners, both without threads when idle. */
    static Scheduling ownThreads() {
        ScheduledThreadPoolExecutor serial = new ScheduledThreadPoolExecutor(1, daemon("vshutdown-coordinator"));
        serial.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        serial.allowCoreThreadTimeOut(true);
        serial.setRemoveOnCancelPolicy(true);
        // a listener that blocks holds one thread of its own; the others go on
        ThreadPoolExecutor delivery = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon("vshutdown-listener"));
        return new Scheduling(serial, delivery, System::nanoTime);
    }

    /** Stops taking work; a task already queued (a cancel under way) still runs. */
    void shutdown() {
        serial.shutdown();
        if (delivery instanceof ExecutorService pool) {
            pool.shutdown();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
