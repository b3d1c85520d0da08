package com.example.vshutdown.master.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

import org.osgi.util.promise.PromiseFactory;

/**
 * What every run of one coordinator shares.
 *
 * @param policy the stop order, the domains' own time-outs and the graces
 * @param internal promises of a run's own phases: callbacks and time-outs on the serial executor
 * @param results the promises handed to callers: their callbacks run off the serial executor, so a
 *        caller's slow callback cannot hold up the next shutdown
 */
record RunContext(Bindings bindings, int masterDomain, Timing timing, Policy policy, Scheduling scheduling,
        PromiseFactory internal, PromiseFactory results, EventDelivery events) {

    ScheduledExecutorService serial() {
        return scheduling.serial();
    }

    LongSupplier nanoTime() {
        return scheduling.nanoTime();
    }
}
