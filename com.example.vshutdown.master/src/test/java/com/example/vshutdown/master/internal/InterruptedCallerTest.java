package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;

/**
 * A caller whose interrupt status is already set when it calls {@code run} (a Ctrl-C that came
 * before the command reached the master): nothing may be written. Through a file channel, as the
 * Linux provider writes, a write by an interrupted thread is torn off ({@code ClosedByInterruptException}),
 * so a shutdown that began would ask some domains and fail to ask, or to clear the status of, others.
 */
class InterruptedCallerTest {
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    @Test
    void aCallerInterruptedBeforeItCallsRunCancelsBeforeAnythingIsWritten() throws Exception {
        platform.domain(1, "1").domain(2, "1");
        platform.interruptibleWrites = true;
        Coordinator coordinator = fixture.coordinator();

        Outcome<ShutdownResult> call = callInterrupted(() -> coordinator.run(ShutdownRequest.systemWide()));

        ShutdownException e = assertInstanceOf(ShutdownException.class, call.failure(), call::toString);
        assertEquals(ExitStatus.CANCELLED, e.status());
        assertEquals("cancelled before it started: the caller was interrupted (a Ctrl-C came first); nothing was "
                + "asked", e.getMessage());
        assertTrue(call.interruptKept(), "the caller's interrupt status is kept");
        assertEquals(List.of(), platform.log.stream().filter(l -> l.contains("write")).toList());
        assertFalse(coordinator.current().isPresent());
        assertTrue(fixture.events.isEmpty(), () -> "no shutdown began: " + fixture.events);
    }

    @Test
    void theNextCallerIsServedAsUsual() throws Exception {
        platform.domain(1, "1");
        new Slaves(fixture, Duration.ofMillis(10)).cooperate(1);
        Coordinator coordinator = fixture.coordinator();
        callInterrupted(() -> coordinator.run(ShutdownRequest.selective(1)));

        ShutdownResult result = fixture.after(Duration.ofMillis(10), coordinator.submit(ShutdownRequest.selective(1)));

        assertEquals(ShutdownResult.Outcome.COMPLETED, result.outcome());
    }

    /** What a call made on a thread of its own, with its interrupt status set first, returned or threw. */
    private record Outcome<T>(T value, Throwable failure, boolean interruptKept) {
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    /** Makes the call interrupted on a thread of its own, while this thread runs the coordinator's scheduler. */
    private <T> Outcome<T> callInterrupted(Call<T> call) throws InterruptedException {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean kept = new AtomicBoolean();
        AtomicBoolean returned = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                value.set(call.call());
            } catch (Throwable t) {
                failure.set(t);
            }
            kept.set(Thread.currentThread().isInterrupted());
            returned.set(true);
            fixture.scheduler.execute(() -> { }); // wakes the scheduler's loop: the condition holds now
        });
        caller.start();
        fixture.scheduler.runUntil(returned::get, Fixture.BOUND);
        caller.join(Fixture.BOUND.toMillis());
        return new Outcome<>(value.get(), failure.get(), kept.get());
    }
}
