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
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.VProperties;

class CancelAndForceTest {
    /** The time-out of these tests; cooperative slaves go down well before it, in virtual time. */
    private static final Duration SHORT = Duration.ofMillis(50);
    private static final Duration DELAY = Duration.ofMillis(10);
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    /** Submits, checks that nothing ends before the deadline, and lets the deadline pass. */
    private ShutdownResult atTheDeadline(ShutdownRequest request) throws Exception {
        Promise<ShutdownResult> promise = fixture.coordinator().submit(request);
        fixture.scheduler.advance(request.timeout().orElseThrow().minusMillis(1));
        assertFalse(promise.isDone(), () -> "ended before its deadline: " + fixture.events);
        return fixture.after(Duration.ofMillis(1), promise);
    }

    @Test
    void anUnresponsiveSlaveCancelsAndTheMasterStaysUp() throws Exception {
        platform.domain(1, "1").domain(2, "1");
        new Slaves(fixture, DELAY).cooperate(1);

        ShutdownResult result = atTheDeadline(ShutdownRequest.systemWide().withTimeout(SHORT));

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(ExitStatus.CANCELLED, result.exitStatus());
        assertTrue(fixture.nativeShutdown.calls.isEmpty(), "the master must not be shut down");
        assertEquals(MasterAction.NONE, result.masterAction());
        DomainOutcome two = outcome(result, 2);
        assertEquals(Status.NOT_ACKNOWLEDGED, two.status());
        assertEquals(Diagnosis.NEVER_PICKED_UP, two.reason());
        assertEquals(Status.ACKNOWLEDGED, outcome(result, 1).status());
        assertTrue(result.message().contains("NOT shut down"), result.message());
    }

    @Test
    void theSummaryNamesABlockedSlavesReason() throws Exception {
        platform.domain(1, "1");
        new Slaves(fixture, DELAY).block(1);

        ShutdownResult result = atTheDeadline(ShutdownRequest.selective(1).withTimeout(SHORT));

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals("blocked: update in progress", outcome(result, 1).reason());
    }

    @Test
    void aPickedUpRequestThatDidNotStopTheDomainIsSaidSo() throws Exception {
        platform.domain(1, "1");
        platform.onWrite = (name, value) -> {
            if (name.equals(VProperties.requested(1))) {
                platform.set(VProperties.status(1), AgentStatus.pickedUp(Long.parseLong(value)).format());
            }
        };

        ShutdownResult result = atTheDeadline(ShutdownRequest.selective(1).withTimeout(SHORT));

        assertEquals("picked up but the domain did not stop", outcome(result, 1).reason());
    }

    @Test
    void aStatusAboutAnOlderRequestDoesNotCount() throws Exception {
        platform.domain(1, "5");
        platform.properties.put(VProperties.status(1), AgentStatus.blocked(2, "old news").format());

        ShutdownResult result = atTheDeadline(ShutdownRequest.selective(1).withTimeout(SHORT));

        assertEquals(Diagnosis.NEVER_PICKED_UP, outcome(result, 1).reason());
    }

    @Test
    void aRebootThatStoppedButDidNotStartAgainIsSaidSo() throws Exception {
        platform.domain(1, "1");
        platform.onWrite = (name, value) -> {
            if (name.equals(VProperties.requested(1))) {
                platform.setRunning(1, 2);
            }
        };

        ShutdownResult result = atTheDeadline(ShutdownRequest.selective(1).withReboot(true).withTimeout(SHORT));

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertTrue(outcome(result, 1).reason().startsWith("stopped but did not start again"),
                outcome(result, 1).reason());
    }

    @Test
    void aCounterTurnedMalformedDuringTheWaitIsNeverTakenForAnAcknowledgement() throws Exception {
        platform.domain(1, "1");
        platform.onWrite = (name, value) -> platform.set(VProperties.running(1), "2x");

        ShutdownResult result = atTheDeadline(ShutdownRequest.selective(1).withTimeout(SHORT));

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertTrue(outcome(result, 1).reason().contains("'2x'"), outcome(result, 1).reason());
    }

    @Test
    void forceHardStopsTheUnresponsiveSlaveAndTheMasterGoesDown() throws Exception {
        platform.domain(1, "1").domain(2, "3");
        new Slaves(fixture, DELAY).cooperate(1);

        ShutdownResult result = atTheDeadline(ShutdownRequest.systemWide().withTimeout(SHORT).withForce(true));

        assertEquals(Outcome.FORCED, result.outcome());
        assertEquals(ExitStatus.DONE, result.exitStatus());
        assertEquals(List.of(2), platform.hardStopped);
        assertEquals(Status.HARD_STOPPED, outcome(result, 2).status());
        assertTrue(outcome(result, 2).reason().contains("HARD-STOPPED"));
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
        assertTrue(result.message().startsWith("FORCED"), result.message());
    }

    @Test
    void forceWithoutHardStopStillTakesTheSystemDown() throws Exception {
        platform.domain(1, "1");
        platform.hardStopOffered = false;

        ShutdownResult result = atTheDeadline(ShutdownRequest.systemWide().withTimeout(SHORT).withForce(true));

        assertEquals(Outcome.FORCED, result.outcome());
        assertEquals(Status.NOT_ACKNOWLEDGED, outcome(result, 1).status());
        assertTrue(outcome(result, 1).reason().contains("no hard stop"));
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    @Test
    void aForcedSelectiveShutdownWithoutHardStopIsIncomplete() throws Exception {
        platform.domain(1, "1");
        platform.hardStopOffered = false;

        ShutdownResult result = atTheDeadline(ShutdownRequest.selective(1).withTimeout(SHORT).withForce(true));

        assertEquals(Outcome.INCOMPLETE, result.outcome());
        assertEquals(ExitStatus.CANCELLED, result.exitStatus());
        assertTrue(result.message().contains("still running"), result.message());
    }

    @Test
    void aForcedSelectiveShutdownHardStopsTheTarget() throws Exception {
        platform.domain(1, "1");

        ShutdownResult result = atTheDeadline(ShutdownRequest.selective(1).withTimeout(SHORT).withForce(true));

        assertEquals(Outcome.FORCED, result.outcome());
        assertEquals(List.of(1), platform.hardStopped);
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
    }

    /**
     * Case 12 of the safety issue: -r -f on a domain that did not answer hard-stops it, and the
     * platform offers no start: it is down, not rebooted. That is not what was asked: INCOMPLETE,
     * exit status 1, and the operator is told to start it by hand.
     */
    @Test
    void aForcedSelectiveRebootHardStopsButDoesNotRestartAndSaysSo() throws Exception {
        platform.domain(1, "1");

        ShutdownResult result = atTheDeadline(
                ShutdownRequest.selective(1).withReboot(true).withTimeout(SHORT).withForce(true));

        assertEquals(List.of(1), platform.hardStopped);
        assertEquals(Outcome.INCOMPLETE, result.outcome());
        assertEquals(ExitStatus.CANCELLED, result.exitStatus());
        assertEquals("forced (no acknowledgement within 50 ms): domain 1 was hard-stopped and NOT restarted "
                + "(the platform offers no start: start it by hand)", result.message());
        assertEquals(Status.HARD_STOPPED, outcome(result, 1).status());
        assertTrue(outcome(result, 1).reason().endsWith("HARD-STOPPED by force (unsaved work in it is lost) and NOT "
                + "restarted (the platform offers no start: start it by hand)"), outcome(result, 1).reason());
        assertEquals(List.of("FORCE: hard-stopped domain 1 (" + Diagnosis.NEVER_PICKED_UP + "); it is NOT restarted "
                + "(the platform offers no start: start it by hand)"), fixture.messages(ShutdownEvent.Type.HARD_STOP));
    }

    @Test
    void aRequestThatCannotBeWrittenEndsTheWaitWithoutATimeout() throws Exception {
        platform.domain(1, "1").domain(2, "1");
        new Slaves(fixture, DELAY).cooperate(1, 2);
        platform.failWritesOf = VProperties.requested(2);

        // no time-out: once domain 1 answered, nothing is left that could answer
        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(WaitEnd.REQUEST_NOT_WRITTEN, result.waitEnd());
        assertEquals(Status.ACKNOWLEDGED, outcome(result, 1).status());
        assertTrue(outcome(result, 2).reason().contains("could not be written: permission denied"));
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
    }

    @Test
    void aZeroTimeOutLooksOnceAndDoesNotWait() throws Exception {
        platform.domain(1, "1");

        ShutdownResult result = fixture.finish(
                fixture.coordinator().submit(ShutdownRequest.selective(1).withTimeout(Duration.ZERO)));

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(WaitEnd.TIMED_OUT, result.waitEnd());
        assertEquals(0, fixture.scheduler.pending(), "no timer was left behind");
    }

    @Test
    void aLongWaitReportsWhoIsStillPending() throws Exception {
        fixture.progressInterval = Duration.ofMillis(10);
        platform.domain(1, "1");
        new Slaves(fixture, DELAY).block(1);

        atTheDeadline(ShutdownRequest.selective(1).withTimeout(Duration.ofMillis(35)));

        // every 10 ms until the deadline at 35 ms: three lines, each naming the agent's word
        assertEquals(List.of("still waiting for 1 (blocked)", "still waiting for 1 (blocked)",
                "still waiting for 1 (blocked)"), fixture.messages(ShutdownEvent.Type.WAITING));
    }

    @Test
    void aProviderThatThrowsWhileExplainingDoesNotFailTheShutdown() throws Exception {
        fixture.progressInterval = Duration.ofMillis(10);
        platform.domain(1, "1");
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.selective(1).withTimeout(SHORT));
        platform.statusReadsThrow = true;

        ShutdownResult result = fixture.after(SHORT, promise);

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals("its vproperties could not be read: the provider is deactivated", outcome(result, 1).reason());
        assertTrue(fixture.messages(ShutdownEvent.Type.WAITING).contains("still waiting for 1 (status unreadable)"));
        assertEquals("its vproperties could not be read: the provider is deactivated",
                result.withdrawals().get(0).detail());
    }

    static DomainOutcome outcome(ShutdownResult result, int id) {
        return result.domains().stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }
}
