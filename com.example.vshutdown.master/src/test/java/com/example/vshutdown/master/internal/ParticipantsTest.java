package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.osgi.util.function.Function;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;

import com.example.vshutdown.api.ParticipantOutcome;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownParticipant;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;

/**
 * ShutdownParticipants on the manual scheduler: called one after another, in the order given, once
 * every slave is down and before the master's native command; they may postpone, bounded by
 * participant.max.ms; one that fails, throws or overruns is named and the shutdown goes on; they
 * are told when the master does not go down after all.
 */
class ParticipantsTest {
    private static final Duration DELAY = Duration.ofMillis(10);
    private static final Duration MAX = Duration.ofMillis(200);
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;
    /** Every call of every participant, and the master's native command, in order. */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final PromiseFactory promises = new PromiseFactory(fixture.scheduler, fixture.scheduler);

    ParticipantsTest() {
        fixture.frameworkProperties.put("vshutdown.master.participant.max.ms", Long.toString(MAX.toMillis()));
        platform.domain(1, "1");
        new Slaves(fixture, DELAY).cooperate(1);
    }

    /** A participant that records its calls and does what {@code prepare} says. */
    private final class Recording implements ShutdownParticipant {
        final String name;
        final Function<Preparation, Promise<?>> prepare;
        volatile Preparation given;

        Recording(String name, Function<Preparation, Promise<?>> prepare) {
            this.name = name;
            this.prepare = prepare;
            fixture.participants.add(new Bindings.Participant(name, this));
        }

        @Override
        public Promise<?> prepare(Preparation preparation) throws Exception {
            given = preparation;
            calls.add(name + " prepare (master: " + fixture.nativeShutdown.calls + ")");
            return prepare.apply(preparation);
        }

        @Override
        public void cancelled(Preparation preparation, String reason) {
            calls.add(name + " cancelled: " + reason);
        }
    }

    @Test
    void eachIsCalledInTurnOnceTheSlavesAreDownAndMayPostponeTheMaster() throws Exception {
        Deferred<Void> saving = promises.deferred();
        new Recording("a", p -> saving.getPromise());
        new Recording("b", p -> null);
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide());

        fixture.scheduler.advance(DELAY);
        assertEquals(List.of("a prepare (master: [])"), calls, "b waits for a; the master waits for both");
        fixture.scheduler.advance(Duration.ofMillis(150));
        assertFalse(promise.isDone());
        assertTrue(fixture.nativeShutdown.calls.isEmpty());

        saving.resolve(null);
        ShutdownResult result = fixture.finish(promise);

        assertEquals(List.of("a prepare (master: [])", "b prepare (master: [])"), calls);
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(List.of("a ready after 150 ms", "b ready after 0 ms"), result.participants().stream()
                .map(o -> o.name() + " " + o.status().name().toLowerCase() + " after " + o.elapsed().get().toMillis()
                        + " ms").toList());
        assertEquals("1 domain acknowledged; master shutdown started", result.message());
        assertEquals(List.of(
                "every slave is down: asking 2 participants to prepare for the master's native shutdown, one after "
                        + "another",
                "participant a: preparing for the master's native shutdown (waiting at most 200 ms)",
                "participant a ready after 150 ms",
                "participant b: preparing for the master's native shutdown (waiting at most 200 ms)",
                "participant b ready after 0 ms"), fixture.messages(Type.PARTICIPANT));
    }

    @Test
    void theyAreToldTheRequestAndWhatComesNext() throws Exception {
        Recording a = new Recording("a", p -> null);
        ShutdownRequest request = ShutdownRequest.systemWide().withReboot(true);

        fixture.after(DELAY, fixture.coordinator().submit(request));

        assertEquals(new ShutdownParticipant.Preparation(request, MasterAction.REBOOT, MAX), a.given);
        assertEquals(List.of("reboot"), fixture.nativeShutdown.calls);
    }

    @Test
    void oneThatThrowsOrFailsIsNamedAndTheShutdownGoesOn() throws Exception {
        new Recording("thrower", p -> {
            throw new IllegalStateException("bus busy");
        });
        new Recording("failer", p -> promises.failed(new IOException("disk full")));
        new Recording("fine", p -> null);

        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
        assertEquals(List.of(ParticipantOutcome.Status.FAILED, ParticipantOutcome.Status.FAILED,
                ParticipantOutcome.Status.READY), result.participants().stream().map(ParticipantOutcome::status).toList());
        assertEquals("1 domain acknowledged; participants not ready: thrower (failed), failer (failed); master "
                + "shutdown started", result.message());
        List<String> summary = TextFormat.summary(result);
        assertTrue(summary.contains("  participant thrower: FAILED: threw IllegalStateException: bus busy"),
                summary::toString);
        assertTrue(summary.contains("  participant failer: FAILED: its promise failed: IOException: disk full"),
                summary::toString);
        assertTrue(fixture.messages(Type.PARTICIPANT).contains("participant thrower FAILED after 0 ms: threw "
                + "IllegalStateException: bus busy; going on (the slaves are down)"));
    }

    @Test
    void oneThatNeverAnswersIsGivenUpOnAtItsBoundAndTheNextIsCalled() throws Exception {
        new Recording("silent", p -> promises.deferred().getPromise());
        new Recording("next", p -> null);
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide());
        fixture.scheduler.advance(DELAY);

        fixture.scheduler.advance(MAX.minusMillis(1));
        assertEquals(List.of("silent prepare (master: [])"), calls);
        ShutdownResult result = fixture.after(Duration.ofMillis(1), promise);

        assertEquals(List.of("silent prepare (master: [])", "next prepare (master: [])"), calls);
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
        assertEquals(ParticipantOutcome.Status.TIMED_OUT, result.participants().get(0).status());
        assertTrue(TextFormat.summary(result).contains("  participant silent: NOT ready: did not answer within 200 ms"));
        assertTrue(fixture.messages(Type.PARTICIPANT).contains("participant silent not ready within 200 ms; going on "
                + "without it (the slaves are down)"));
    }

    @Test
    void oneThatBlocksItsThreadHoldsNeitherTheRunNorItsBound() throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        CountDownLatch release = new CountDownLatch(1);
        try {
            fixture.delivery = threads;
            new Recording("blocker", p -> {
                release.await();
                return null;
            });
            Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide());
            fixture.scheduler.advance(DELAY);
            fixture.scheduler.runUntil(() -> !calls.isEmpty(), Fixture.BOUND);

            fixture.scheduler.advance(MAX);
            fixture.scheduler.runUntil(promise::isDone, Fixture.BOUND);

            assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
            assertEquals(ParticipantOutcome.Status.TIMED_OUT, promise.getValue().participants().get(0).status());
        } finally {
            release.countDown();
            threads.shutdown();
        }
    }

    @Test
    void aCancelWhileTheyPrepareKeepsTheMasterUpAndTellsThoseCalled() throws Exception {
        Deferred<Void> saving = promises.deferred();
        new Recording("a", p -> null);
        new Recording("b", p -> saving.getPromise());
        new Recording("c", p -> null);
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.systemWide());
        fixture.scheduler.advance(DELAY);

        coordinator.cancel();
        ShutdownResult result = fixture.finish(promise);

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
        String message = "cancelled before the master's native shutdown: every slave is down, but the master was NOT "
                + "shut down";
        assertEquals(message, result.message());
        assertEquals(List.of("a prepare (master: [])", "b prepare (master: [])", "a cancelled: " + message,
                "b cancelled: " + message), calls);

        saving.resolve(null);
        fixture.scheduler.advance(MAX);
        assertEquals(4, calls.size(), () -> "c is never called once the shutdown ended: " + calls);
    }

    /** The last re-check needs a provider: without one the master must not go down on a guess. */
    @Test
    void aProviderLostWhileTheyPrepareKeepsTheMasterUp() throws Exception {
        fixture.frameworkProperties.put("vshutdown.master.provider.grace.ms", "100");
        Deferred<Void> saving = promises.deferred();
        new Recording("a", p -> saving.getPromise());
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.systemWide());
        fixture.scheduler.advance(DELAY);
        fixture.providerPresent = false;
        coordinator.providerChanged();

        saving.resolve(null);
        ShutdownResult result = fixture.after(Duration.ofMillis(100), promise);

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals("cancelled (the vproperty provider went away during the wait and none was bound again within "
                + "100 ms); nothing was forced; the master was NOT shut down", result.message());
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
        assertEquals(List.of("a prepare (master: [])", "a cancelled: " + result.message()), calls);
    }

    @Test
    void whenTheMastersNativeCommandFailsTheyAreToldToo() throws Exception {
        fixture.nativeShutdown.fail = true;
        new Recording("a", p -> null);

        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals(List.of("a prepare (master: [])", "a cancelled: " + result.message()), calls);
    }

    @Test
    void aSlaveThatStartsWhileTheyPrepareIsAskedBeforeTheMasterAndTheyAreNotCalledTwice() throws Exception {
        Deferred<Void> saving = promises.deferred();
        new Recording("a", p -> saving.getPromise());
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide());
        fixture.scheduler.advance(DELAY);
        platform.setRunning(1, 3);

        saving.resolve(null);
        fixture.scheduler.runDue();
        assertEquals("4", platform.requested(1), "the last re-check asked it again");
        assertTrue(fixture.nativeShutdown.calls.isEmpty());

        ShutdownResult result = fixture.after(DELAY, promise);
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(List.of("a prepare (master: [])"), calls);
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    @Test
    void theyAreNotCalledForASelectiveShutdownNorWhenTheSlavesDoNotGoDown() throws Exception {
        new Recording("a", p -> null);
        fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.selective(1)));
        platform.domain(2, "1");

        ShutdownResult result = fixture.after(Duration.ofMillis(100), fixture.coordinator()
                .submit(ShutdownRequest.systemWide().withTimeout(Duration.ofMillis(100))));

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(List.of(), calls, "neither called nor told");
        assertEquals(List.of(), result.participants());
        assertNull(fixture.messages(Type.PARTICIPANT).stream().findAny().orElse(null));
    }
}
