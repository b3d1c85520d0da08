package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.protocol.VProperties;

/**
 * Case 11 of the safety issue: the gate is released before the result reaches the caller, so the
 * next shutdown may start at once; an interrupt of the first caller at that moment must cancel
 * its own (finished) shutdown, never the one another caller started after it. {@code cancel()}
 * cancels the one in progress, whoever started it.
 */
class OwnershipTest {
    /** The race is between two threads: it is run often enough to be met, and must never be lost. */
    private static final int ROUNDS = 200;

    @Test
    void anInterruptedCallerNeverCancelsTheShutdownStartedAfterItsOwn() throws Exception {
        Fixture fixture = new Fixture();
        FakePlatform platform = fixture.platform;
        platform.domain(1, "1").domain(2, "1");
        Coordinator coordinator = fixture.coordinator();
        for (int round = 0; round < ROUNDS; round++) {
            long running = 2L * round + 1;
            platform.properties.put(VProperties.running(1), Long.toString(running));
            CountDownLatch asked = new CountDownLatch(1);
            platform.onWrite = (name, value) -> {
                if (name.equals(VProperties.requested(1))) {
                    asked.countDown();
                }
            };
            AtomicReference<ShutdownResult> first = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    first.set(coordinator.run(ShutdownRequest.selective(1)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            caller.start();
            assertTrue(asked.await(Fixture.BOUND.toMillis(), TimeUnit.MILLISECONDS));

            platform.setRunning(1, running + 1); // the first shutdown is answered ...
            // ... and ends, once its caller has queued the wait: the gate opens, its result is published
            fixture.scheduler.runUntil(() -> coordinator.current().isEmpty(), Fixture.BOUND);
            Promise<ShutdownResult> second = coordinator.submit(ShutdownRequest.selective(2));
            caller.interrupt();
            caller.join(Fixture.BOUND.toMillis());
            fixture.scheduler.runDue();

            assertFalse(caller.isAlive());
            assertEquals(Outcome.COMPLETED, first.get().outcome());
            assertFalse(second.isDone(), "round " + round + ": the second shutdown was cancelled by the first caller");
            assertTrue(coordinator.cancel());
            assertEquals(WaitEnd.CANCELLED, fixture.finish(second).waitEnd());
        }
    }

    @Test
    void cancelCancelsTheShutdownInProgressWhoeverStartedIt() throws Exception {
        Fixture fixture = new Fixture();
        fixture.platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.selective(1));

        assertTrue(coordinator.cancel());

        assertEquals(WaitEnd.CANCELLED, fixture.finish(promise).waitEnd());
        assertFalse(coordinator.cancel(), "nothing in progress any more");
    }
}
