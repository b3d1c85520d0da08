package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.spi.NativeShutdown;

/**
 * Case 8 of the safety issue: whatever a ShutdownListener throws (an Error such as
 * NoClassDefFoundError from a bundle being updated too) is logged and never leaves the gate
 * closed, and a listener that blocks (a blocked stdout pipe) delays only itself: not the wait, not
 * its deadline, not the other listeners; the promise resolves once FINISHED reached every
 * listener, or the stated bound passed.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ListenerTest {
    private static final Duration DELAY = Duration.ofMillis(10);
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;
    private final CountDownLatch unblock = new CountDownLatch(1);
    private ExecutorService threads;

    @AfterEach
    void releaseTheBlockedListener() {
        unblock.countDown();
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    @Test
    void aListenerThatThrowsAnErrorBreaksNeitherThisShutdownNorTheNext() throws Exception {
        platform.domain(1, "1");
        new Slaves(fixture, DELAY).cooperate(1);
        List<Type> seen = new CopyOnWriteArrayList<>();
        fixture.listeners.add(0, event -> {
            seen.add(event.type());
            throw new NoClassDefFoundError("com/example/Gone");
        });
        fixture.listeners.add(event -> {
            throw new IllegalStateException("a listener bug");
        });
        Coordinator coordinator = fixture.coordinator();

        ShutdownResult first = fixture.after(DELAY, coordinator.submit(ShutdownRequest.selective(1)));
        ShutdownResult second = fixture.finish(coordinator.submit(ShutdownRequest.selective(1)));

        assertEquals(Outcome.COMPLETED, first.outcome());
        assertEquals(Outcome.COMPLETED, second.outcome(), "the gate was not left closed");
        assertEquals(List.of(Type.STARTED, Type.REQUESTED, Type.ACKNOWLEDGED, Type.FINISHED, Type.STARTED,
                Type.SKIPPED, Type.FINISHED), seen, "it is still told every step, in order");
        assertEquals(seen, fixture.eventTypes(), "and so is every other listener");
    }

    @Test
    void aBlockedListenerStallsNeitherTheWaitNorTheOtherListeners() throws Exception {
        platform.domain(1, "1");
        new Slaves(fixture, DELAY).cooperate(1);
        CountDownLatch finishedSeen = new CountDownLatch(1);
        List<Type> seen = new CopyOnWriteArrayList<>();
        fixture.listeners.add(event -> {
            seen.add(event.type());
            if (event.type() == Type.FINISHED) {
                finishedSeen.countDown();
            }
        });
        fixture.listeners.add(0, event -> awaitUninterruptibly(unblock));
        fixture.delivery = threads = Executors.newCachedThreadPool();
        Coordinator coordinator = fixture.coordinator();

        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.systemWide());
        fixture.scheduler.advance(DELAY);

        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls, "the shutdown went on to the master's step");
        assertTrue(finishedSeen.await(Fixture.BOUND.toMillis(), TimeUnit.MILLISECONDS), "others were told all");
        assertEquals(List.of(Type.STARTED, Type.REQUESTED, Type.ACKNOWLEDGED, Type.MASTER_ACTION, Type.FINISHED),
                seen, "in order");
        fixture.scheduler.runDue();
        assertFalse(promise.isDone(), "FINISHED has not reached the blocked listener, and the bound has not passed");

        fixture.scheduler.advance(EventDelivery.FINISHED_BOUND.minusMillis(1));
        assertFalse(promise.isDone());
        ShutdownResult result = fixture.after(Duration.ofMillis(1), promise);
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertFalse(coordinator.current().isPresent());
    }

    @Test
    void aBlockedListenerDoesNotStallTheDeadline() throws Exception {
        platform.domain(1, "1");
        fixture.listeners.add(event -> awaitUninterruptibly(unblock));
        fixture.delivery = threads = Executors.newCachedThreadPool();

        Promise<ShutdownResult> promise = fixture.coordinator()
                .submit(ShutdownRequest.selective(1).withTimeout(Duration.ofMillis(50)));
        fixture.scheduler.advance(Duration.ofMillis(50));

        assertEquals("1", platform.requested(1), "the deadline passed and the request was withdrawn");
        ShutdownResult result = fixture.after(EventDelivery.FINISHED_BOUND, promise);
        assertEquals(Outcome.CANCELLED, result.outcome());
    }

    @Test
    void thePromiseResolvesOnlyOnceFinishedReachedEveryListener() throws Exception {
        platform.domain(1, "2");
        Coordinator coordinator = fixture.coordinator();
        List<Boolean> doneWhenTold = new CopyOnWriteArrayList<>();
        @SuppressWarnings("unchecked")
        Promise<ShutdownResult>[] promise = new Promise[1];
        fixture.listeners.add(event -> {
            if (event.type() == Type.FINISHED) {
                doneWhenTold.add(promise[0].isDone());
            }
        });

        promise[0] = coordinator.submit(ShutdownRequest.selective(1));
        fixture.finish(promise[0]);

        assertEquals(List.of(false), doneWhenTold);
    }

    @Test
    void anErrorFromTheMastersNativeShutdownStillOpensTheGate() throws Exception {
        platform.domain(1, "2");
        fixture.boundNative = new NativeShutdown() {
            @Override
            public String description() {
                return "a native shutdown whose bundle is being updated";
            }

            @Override
            public void shutdown() throws IOException {
                throw new NoClassDefFoundError("com/example/Gone");
            }

            @Override
            public void reboot() throws IOException {
                throw new NoClassDefFoundError("com/example/Gone");
            }
        };
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> failed = coordinator.submit(ShutdownRequest.systemWide());
        fixture.scheduler.runDue();

        assertTrue(failed.isDone());
        Throwable failure = failed.getFailure();
        assertTrue(failure instanceof NoClassDefFoundError, String.valueOf(failure));
        assertFalse(coordinator.current().isPresent(), "the gate is open again");
        fixture.boundNative = fixture.nativeShutdown;
        assertEquals(Outcome.COMPLETED, fixture.finish(coordinator.submit(ShutdownRequest.systemWide())).outcome());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // a blocked pipe does not give up either
            }
        }
    }
}
