package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownRefusedException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;

class ConcurrencyTest {
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    @Test
    void aSecondShutdownWhileOneRunsIsRefusedAndChangesNothing() throws Exception {
        platform.domain(1, "1").domain(2, "3");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> first = coordinator.submit(ShutdownRequest.selective(1));
        List<String> writesBefore = platform.writes();

        ShutdownRefusedException e = assertThrows(ShutdownRefusedException.class,
                () -> coordinator.submit(ShutdownRequest.selective(2)));

        assertEquals(ExitStatus.REFUSED, e.status());
        assertTrue(e.getMessage().contains("already in progress"), e.getMessage());
        assertEquals(writesBefore, platform.writes());
        assertTrue(coordinator.cancel(), () -> first.isDone() ? "ended: " + fixture.events : "not done");
        assertEquals(Outcome.CANCELLED, Fixture.await(first).outcome());
    }

    @Test
    void afterAShutdownEndsTheNextOneIsAdmitted() throws Exception {
        platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> first = coordinator.submit(ShutdownRequest.selective(1));
        coordinator.cancel();
        Fixture.await(first);
        awaitIdle(coordinator);

        Promise<ShutdownResult> second = coordinator.submit(ShutdownRequest.selective(1).withTimeout(java.time.Duration.ZERO));

        assertEquals(Outcome.CANCELLED, Fixture.await(second).outcome());
    }

    @Test
    void interruptingTheWaitingCallerCancelsWithoutShuttingTheMasterDown() throws Exception {
        platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        CountDownLatch requested = new CountDownLatch(1);
        fixture.events.clear();
        AtomicReference<ShutdownResult> result = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                result.set(coordinator.run(ShutdownRequest.systemWide()));
                interruptKept.set(Thread.currentThread().isInterrupted());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        platform.onWrite = (name, value) -> requested.countDown();
        caller.start();
        assertTrue(requested.await(Fixture.BOUND_MILLIS, TimeUnit.MILLISECONDS));

        caller.interrupt();
        caller.join(Fixture.BOUND_MILLIS);

        assertFalse(caller.isAlive());
        assertEquals(Outcome.CANCELLED, result.get().outcome());
        assertTrue(interruptKept.get(), "the caller's interrupt status is restored");
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
        assertTrue(fixture.eventTypes().contains(ShutdownEvent.Type.WAIT_ENDED));
    }

    @Test
    void forceDoesNotOverruleAnInterrupt() throws Exception {
        platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.systemWide().withForce(true));

        coordinator.cancel();

        assertEquals(Outcome.CANCELLED, Fixture.await(promise).outcome());
        assertTrue(platform.hardStopped.isEmpty());
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
    }

    @Test
    void manyConcurrentSubmitsAdmitExactlyOne() throws Exception {
        platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> admitted = new java.util.ArrayList<>();
        for (int i = 0; i < callers; i++) {
            admitted.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    coordinator.submit(ShutdownRequest.selective(1));
                    return true;
                } catch (ShutdownRefusedException e) {
                    return false;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, java.util.concurrent.Executors.newCachedThreadPool()));
        }
        start.countDown();

        long count = 0;
        for (CompletableFuture<Boolean> f : admitted) {
            count += f.get(Fixture.BOUND_MILLIS, TimeUnit.MILLISECONDS) ? 1 : 0;
        }

        assertEquals(1, count);
        assertEquals(1, platform.writes().size());
        coordinator.cancel();
    }

    private static void awaitIdle(Coordinator coordinator) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Fixture.BOUND_MILLIS);
        while (coordinator.current().isPresent()) {
            assertTrue(System.nanoTime() < deadline, "the coordinator did not become idle");
            Thread.onSpinWait();
        }
    }
}
