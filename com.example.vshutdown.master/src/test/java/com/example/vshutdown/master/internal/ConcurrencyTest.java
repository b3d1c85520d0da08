package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import com.example.vshutdown.api.ShutdownResult.WaitEnd;

class ConcurrencyTest {
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    @Test
    void aSecondShutdownWhileOneRunsIsRefusedAndChangesNothing() throws Exception {
        platform.domain(1, "1").domain(2, "3");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> first = coordinator.submit(ShutdownRequest.selective(1));
        fixture.scheduler.runDue();
        List<String> writesBefore = platform.writes();

        ShutdownRefusedException e = assertThrows(ShutdownRefusedException.class,
                () -> coordinator.submit(ShutdownRequest.selective(2)));

        assertEquals(ExitStatus.REFUSED, e.status());
        assertEquals("refused: a shutdown is already in progress (shutdown of domain 1)", e.getMessage());
        assertEquals(writesBefore, platform.writes());
        assertTrue(coordinator.cancel());
        assertEquals(Outcome.CANCELLED, fixture.finish(first).outcome());
    }

    @Test
    void whoeverSeesTheResultMayStartTheNextShutdownAtOnce() throws Exception {
        platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> first = coordinator.submit(ShutdownRequest.selective(1));
        AtomicReference<Promise<ShutdownResult>> next = new AtomicReference<>();
        first.onResolve(() -> {
            try {
                next.set(coordinator.submit(ShutdownRequest.selective(1).withTimeout(Duration.ZERO)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        coordinator.cancel();
        fixture.finish(first);

        assertEquals(Outcome.CANCELLED, fixture.finish(next.get()).outcome());
        assertEquals(WaitEnd.TIMED_OUT, next.get().getValue().waitEnd());
        assertFalse(coordinator.current().isPresent());
    }

    @Test
    void interruptingTheWaitingCallerCancelsWithoutShuttingTheMasterDown() throws Exception {
        platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        CountDownLatch requested = new CountDownLatch(1);
        platform.onWrite = (name, value) -> requested.countDown();
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
        caller.start();
        assertTrue(requested.await(Fixture.BOUND.toMillis(), TimeUnit.MILLISECONDS));

        caller.interrupt();
        fixture.scheduler.runUntil(() -> fixture.eventTypes().contains(ShutdownEvent.Type.FINISHED), Fixture.BOUND);
        caller.join(Fixture.BOUND.toMillis());

        assertFalse(caller.isAlive());
        assertEquals(Outcome.CANCELLED, result.get().outcome());
        assertEquals(WaitEnd.CANCELLED, result.get().waitEnd());
        assertTrue(interruptKept.get(), "the caller's interrupt status is restored");
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
        assertTrue(fixture.eventTypes().contains(ShutdownEvent.Type.WAIT_ENDED));
    }

    @Test
    void forceDoesNotOverruleACancel() throws Exception {
        platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.systemWide().withForce(true));

        coordinator.cancel();

        assertEquals(Outcome.CANCELLED, fixture.finish(promise).outcome());
        assertTrue(platform.hardStopped.isEmpty());
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
    }

    @Test
    void aCancelBeforeTheWaitBeginsIsNotLost() throws Exception {
        platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        // the request is written, the wait is queued but has not run yet
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.selective(1));
        coordinator.cancel();

        assertEquals(WaitEnd.CANCELLED, fixture.finish(promise).waitEnd());
    }

    @Test
    void manyConcurrentSubmitsAdmitExactlyOne() throws Exception {
        platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<CompletableFuture<Boolean>> admitted = new ArrayList<>();
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
                }, threads));
            }
            start.countDown();

            long count = 0;
            for (CompletableFuture<Boolean> f : admitted) {
                count += f.get(Fixture.BOUND.toMillis(), TimeUnit.MILLISECONDS) ? 1 : 0;
            }

            assertEquals(1, count);
            assertEquals(1, platform.writes().size());
        } finally {
            threads.shutdownNow();
        }
        coordinator.cancel();
        fixture.scheduler.runDue();
        assertFalse(coordinator.current().isPresent());
    }
}
