package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.protocol.VProperties;

/**
 * Case 2 of the safety issue: just before its native command the master re-reads every slave,
 * asks any running slave it has not asked and waits for it within the same deadline; a pending
 * domain whose properties disappear is gone, not waited for.
 */
class RecheckTest {
    private static final Duration DELAY = Duration.ofMillis(10);
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    @Test
    void aSlaveThatWasMidRebootWhenPlannedIsAskedBeforeTheMasterGoesDown() throws Exception {
        platform.domain(1, "1").domain(2, "2");
        new Slaves(fixture, DELAY).cooperate(1, 2);
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide());
        fixture.scheduler.runDue();
        platform.setRunning(2, 3); // its reboot completes during the wait

        fixture.scheduler.advance(DELAY);
        assertFalse(promise.isDone(), "domain 2 runs and has just been asked");
        assertTrue(fixture.nativeShutdown.calls.isEmpty(), "the master must not go down under it");
        assertEquals(List.of("re-check before the master's native shutdown: domain 2 is running and was not asked "
                + "(it was stopped when the shutdown started); asking it"), fixture.messages(ShutdownEvent.Type.RECHECK));
        assertEquals("4", platform.requested(2));

        ShutdownResult result = fixture.after(DELAY, promise);
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(Status.ACKNOWLEDGED, outcome(result, 2).status());
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    @Test
    void aSlaveThatAppearsDuringTheWaitIsAskedAndTheReCheckRepeats() throws Exception {
        platform.domain(1, "1");
        new Slaves(fixture, DELAY).cooperate(1, 5, 6);
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide());
        fixture.scheduler.runDue();
        platform.setRunning(5, 1); // created during the wait
        fixture.scheduler.advance(DELAY);
        platform.setRunning(6, 1); // and another one while the master waits for the first newcomer

        ShutdownResult result = fixture.after(DELAY.multipliedBy(2), promise);

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(List.of(1, 5, 6), result.domains().stream().map(DomainOutcome::id).toList());
        assertTrue(result.domains().stream().allMatch(d -> d.status() == Status.ACKNOWLEDGED), result::toString);
        assertEquals(2, fixture.messages(ShutdownEvent.Type.RECHECK).size());
        assertTrue(fixture.messages(ShutdownEvent.Type.RECHECK).get(0).contains("(it appeared during the wait)"));
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    @Test
    void aSlaveThatCameBackUpAfterAcknowledgingIsAskedAgain() throws Exception {
        platform.domain(1, "1").domain(2, "1");
        new Slaves(fixture, DELAY).cooperate(1);
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide());
        fixture.scheduler.advance(DELAY);
        platform.setRunning(1, 3); // acknowledged at 2, started again while the master waits for 2
        platform.setRunning(2, 2);

        fixture.scheduler.runDue();
        assertFalse(promise.isDone());
        assertEquals(List.of("domain 1 came back up (running 3 after request 2): not acknowledged; asking it again"),
                fixture.messages(ShutdownEvent.Type.CAME_BACK_UP));

        ShutdownResult result = fixture.after(DELAY, promise);
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(4, outcome(result, 1).requested().getAsLong());
    }

    @Test
    void aNewcomerThatDoesNotAnswerCancelsAtTheDeadlineAndTheMasterStaysUp() throws Exception {
        platform.domain(1, "1");
        new Slaves(fixture, DELAY).cooperate(1);
        Promise<ShutdownResult> promise = fixture.coordinator()
                .submit(ShutdownRequest.systemWide().withTimeout(Duration.ofMillis(100)));
        fixture.scheduler.runDue();
        platform.setRunning(7, 1);

        ShutdownResult result = fixture.after(Duration.ofMillis(100), promise);

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(Status.NOT_ACKNOWLEDGED, outcome(result, 7).status());
        assertEquals(Diagnosis.NEVER_PICKED_UP, outcome(result, 7).reason());
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
    }

    @Test
    void withForceANewcomerThatDoesNotAnswerIsHardStoppedAndTheMasterGoesDown() throws Exception {
        platform.domain(1, "1");
        new Slaves(fixture, DELAY).cooperate(1);
        Promise<ShutdownResult> promise = fixture.coordinator()
                .submit(ShutdownRequest.systemWide().withTimeout(Duration.ofMillis(100)).withForce(true));
        fixture.scheduler.runDue();
        platform.setRunning(7, 1);

        ShutdownResult result = fixture.after(Duration.ofMillis(100), promise);

        assertEquals(Outcome.FORCED, result.outcome());
        assertEquals(List.of(7), platform.hardStopped);
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    @Test
    void invalidAndStoppedSlavesDoNotHoldTheMasterUp() throws Exception {
        platform.domain(1, "1").domain(2, "4").domain(3, "x");
        new Slaves(fixture, DELAY).cooperate(1);

        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertTrue(fixture.messages(ShutdownEvent.Type.RECHECK).isEmpty());
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    @Test
    void aSelectiveShutdownDoesNotReCheckOtherDomains() throws Exception {
        platform.domain(1, "1").domain(2, "2");
        new Slaves(fixture, DELAY).cooperate(1);
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.selective(1));
        fixture.scheduler.runDue();
        platform.setRunning(2, 3);

        assertEquals(Outcome.COMPLETED, fixture.after(DELAY, promise).outcome());
        assertEquals(null, platform.requested(2));
    }

    @Test
    void aPendingDomainWhosePropertiesDisappearIsGoneAndNotWaitedFor() throws Exception {
        platform.domain(1, "1").domain(2, "1");
        new Slaves(fixture, DELAY).cooperate(1);
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide()); // no -t
        fixture.scheduler.runDue();
        platform.properties.remove(VProperties.requested(2));
        platform.properties.remove(VProperties.running(2));
        platform.setRunning(1, 1); // any notification: the properties of 2 are gone without one

        ShutdownResult result = fixture.after(DELAY, promise);

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(Status.GONE, outcome(result, 2).status());
        assertEquals("its vproperties disappeared during the wait (the domain was destroyed); not waited for",
                outcome(result, 2).reason());
        assertEquals(List.of("domain 2 is gone: its vproperties disappeared during the wait (the domain was "
                + "destroyed); not waited for; pending: 1"), fixture.messages(ShutdownEvent.Type.GONE));
        assertEquals("1 domain acknowledged, 1 gone; master shutdown started", result.message());
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    @Test
    void aSelectiveRebootOfADomainThatIsGoneIsIncomplete() throws Exception {
        platform.domain(3, "1");
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.selective(3).withReboot(true));
        fixture.scheduler.runDue();
        platform.properties.remove(VProperties.requested(3));
        platform.properties.remove(VProperties.running(3));

        // nothing notifies a removal here: the safety re-read finds it
        ShutdownResult result = fixture.after(fixture.safetyReread, promise);

        assertEquals(Outcome.INCOMPLETE, result.outcome());
        assertEquals("domain 3 is gone (its vproperties disappeared during the wait): it was not restarted",
                result.message());
    }

    @Test
    void aReCheckThatCannotReadTheSlavesKeepsTheMasterUp() throws Exception {
        platform.domain(1, "1");
        new Slaves(fixture, DELAY).cooperate(1);
        Promise<ShutdownResult> promise = fixture.coordinator()
                .submit(ShutdownRequest.systemWide().withTimeout(Duration.ofMillis(100)));
        platform.failNames = true;

        ShutdownResult result = fixture.after(Duration.ofMillis(100), promise);

        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("the re-check of the slaves before the master's native shutdown could not read them: "
                + "input/output error; the master was NOT shut down", result.message());
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
    }

    @Test
    void aReCheckThatFailedIsTriedAgainByTheSafetyReread() throws Exception {
        fixture.safetyReread = Duration.ofMillis(50);
        platform.domain(1, "1");
        new Slaves(fixture, DELAY).cooperate(1);
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide());
        platform.failNames = true;
        fixture.scheduler.advance(DELAY);
        assertFalse(promise.isDone());

        platform.failNames = false;
        ShutdownResult result = fixture.after(Duration.ofMillis(50), promise);

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    @Test
    void aPendingDomainWhoseCounterTurnsMalformedIsNeverCountedAsStopped() throws Exception {
        platform.domain(1, "1");
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide());
        fixture.scheduler.runDue();
        platform.set(VProperties.running(1), "2x");

        fixture.scheduler.advance(Duration.ofHours(3));
        assertFalse(promise.isDone(), "still awaited");
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
        platform.setRunning(1, 2);
        assertEquals(Outcome.COMPLETED, fixture.finish(promise).outcome());
    }

    private static DomainOutcome outcome(ShutdownResult result, int id) {
        return result.domains().stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }
}
