package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.WaitBound;
import com.example.vshutdown.api.Withdrawal;

/**
 * stop.order on the manual scheduler: a group is asked only once every domain of the one before it
 * is done, all its requests at once; cancel, time-out and force never reach the groups not asked;
 * force hard-stops only the asked ones that did not answer and goes on with the next group.
 */
class StopOrderShutdownTest {
    private static final Duration DELAY = Duration.ofMillis(10);
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    private Promise<ShutdownResult> submit(String order, ShutdownRequest request) throws Exception {
        fixture.frameworkProperties.put("vshutdown.master.stop.order", order);
        return fixture.coordinator().submit(request);
    }

    @Test
    void eachGroupIsAskedOnceTheOneBeforeItIsDoneAndNotBefore() throws Exception {
        platform.domain(1, "1").domain(2, "1").domain(5, "1").domain(3, "1");
        new Slaves(fixture, DELAY).cooperate(1, 5, 3).cooperate(Duration.ofMillis(50), 2);

        Promise<ShutdownResult> promise = submit("*;5;3", ShutdownRequest.systemWide());
        fixture.scheduler.runDue();
        assertEquals(List.of("write nk.1.vm.state.requested=2", "write nk.2.vm.state.requested=2"), platform.writes());

        fixture.scheduler.advance(DELAY);
        assertNull(platform.requested(5), "domain 2 of the first group has not acknowledged yet");

        fixture.scheduler.advance(Duration.ofMillis(40));
        assertEquals("2", platform.requested(5));
        assertNull(platform.requested(3));
        assertEquals(at(Type.ACKNOWLEDGED, 2), at(Type.REQUESTED, 5), "asked in the step that saw the last answer");

        ShutdownResult result = fixture.after(DELAY.multipliedBy(2), promise);
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
        assertEquals(List.of(
                "stop order *;5;3: asking group 1 of 3 (domains 1, 2); group 2 (domain 5), group 3 (domain 3) wait, "
                        + "each until the group before it is done",
                "group 1 done: asking group 2 of 3 (domain 5); group 3 (domain 3) waits until group 2 is done",
                "group 2 done: asking group 3 of 3 (domain 3), the last"), fixture.messages(Type.GROUP));
        assertEquals(List.of(1, 1, 3, 2), result.domains().stream().map(d -> d.group().getAsInt()).toList());
        assertEquals("  domain 3    acknowledged after 10 ms (group 3; bound: no time-out)",
                TextFormat.summary(result).get(3));
    }

    @Test
    void aCancelMidWayWithdrawsOnlyWhatWasAskedAndNeverAsksTheLaterGroups() throws Exception {
        platform.domain(1, "1").domain(2, "1").domain(5, "1").domain(3, "1");
        new Slaves(fixture, DELAY).cooperate(1, 5, 3);
        fixture.frameworkProperties.put("vshutdown.master.stop.order", "*;5;3");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.systemWide());
        fixture.scheduler.advance(DELAY);

        coordinator.cancel();
        ShutdownResult result = fixture.finish(promise);

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertNull(platform.requested(5), "never asked");
        assertNull(platform.requested(3), "never asked");
        assertEquals(List.of(new Withdrawal(2, 2, Withdrawal.Result.WITHDRAWN, OptionalLong.of(1), "")),
                result.withdrawals());
        assertEquals(Status.NOT_ASKED, outcome(result, 5).status());
        assertEquals(OptionalInt.of(2), outcome(result, 5).group());
        assertEquals("the shutdown ended before its group (3) was asked", outcome(result, 3).reason());
        assertTrue(result.message().endsWith("; withdrawn: domain 2; never asked: domains 3, 5 (their group was not "
                + "reached)"), result.message());
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
        assertTrue(TextFormat.summary(result).contains("  domain 5    NOT asked: the shutdown ended before its group "
                + "(2) was asked (group 2)"), () -> String.join("\n", TextFormat.summary(result)));
    }

    @Test
    void aTimeOutInAnEarlierGroupCancelsAndNeverAsksTheLaterOnes() throws Exception {
        platform.domain(1, "1").domain(2, "1").domain(5, "1");
        new Slaves(fixture, DELAY).cooperate(1, 5);

        ShutdownResult result = fixture.after(Duration.ofMillis(100),
                submit("*;5", ShutdownRequest.systemWide().withTimeout(Duration.ofMillis(100))));

        assertEquals(WaitEnd.TIMED_OUT, result.waitEnd());
        assertEquals(Outcome.CANCELLED, result.outcome());
        assertNull(platform.requested(5));
        assertEquals(Status.NOT_ASKED, outcome(result, 5).status());
    }

    @Test
    void forceHardStopsOnlyTheAskedThatDidNotAnswerThenGoesOnWithTheNextGroup() throws Exception {
        fixture.frameworkProperties.put("vshutdown.master.group.grace.ms", "1000");
        platform.domain(1, "1").domain(2, "1").domain(5, "1");
        new Slaves(fixture, DELAY).cooperate(1, 5);

        Promise<ShutdownResult> promise = submit("*;5", ShutdownRequest.systemWide()
                .withTimeout(Duration.ofMillis(100)).withForce(true));
        fixture.scheduler.advance(Duration.ofMillis(99));
        assertNull(platform.requested(5));
        assertTrue(platform.hardStopped.isEmpty());

        ShutdownResult result = fixture.after(Duration.ofMillis(1).plus(DELAY), promise);

        assertEquals(List.of(2), platform.hardStopped, "only the one asked that did not answer");
        assertEquals(Outcome.FORCED, result.outcome());
        assertEquals(WaitEnd.TIMED_OUT, result.waitEnd());
        assertEquals(Status.HARD_STOPPED, outcome(result, 2).status());
        assertEquals(Status.ACKNOWLEDGED, outcome(result, 5).status());
        assertEquals(WaitBound.of(WaitBound.Kind.GROUP_GRACE, Duration.ofMillis(1000)), outcome(result, 5).bound().get());
        List<Type> types = fixture.eventTypes();
        assertTrue(types.indexOf(Type.HARD_STOP) < types.lastIndexOf(Type.REQUESTED), types::toString);
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
        assertTrue(result.message().startsWith("FORCED (no acknowledgement within 100 ms): domain 2: "
                + Diagnosis.NEVER_PICKED_UP + "; HARD-STOPPED by force"), result.message());
    }

    /** The storage domain that goes last is asked softly, and given the group grace, before any hard stop. */
    @Test
    void aLastGroupAskedAfterTheDeadlineGetsTheGroupGraceBeforeItIsHardStopped() throws Exception {
        fixture.frameworkProperties.put("vshutdown.master.group.grace.ms", "1000");
        platform.domain(1, "1").domain(5, "1");

        Promise<ShutdownResult> promise = submit("*;5", ShutdownRequest.systemWide()
                .withTimeout(Duration.ofMillis(100)).withForce(true));
        fixture.scheduler.advance(Duration.ofMillis(100));
        assertEquals(List.of(1), platform.hardStopped);
        assertEquals("2", platform.requested(5), "asked softly first");

        fixture.scheduler.advance(Duration.ofMillis(999));
        assertEquals(List.of(1), platform.hardStopped, "not before its grace has passed");
        ShutdownResult result = fixture.after(Duration.ofMillis(1), promise);

        assertEquals(List.of(1, 5), platform.hardStopped);
        assertEquals(Outcome.FORCED, result.outcome());
        assertEquals("FORCED (no acknowledgement within 100 ms; no acknowledgement from domain 5 within the group "
                + "grace of 1000 ms): domain 1: " + Diagnosis.NEVER_PICKED_UP + "; HARD-STOPPED by force (unsaved work "
                + "in it is lost); domain 5: " + Diagnosis.NEVER_PICKED_UP + "; HARD-STOPPED by force (unsaved work in "
                + "it is lost); the master goes down regardless; master shutdown started", result.message());
    }

    @Test
    void forceWithoutAHardStopStillGoesOnWithTheNextGroup() throws Exception {
        platform.hardStopOffered = false;
        platform.domain(1, "1").domain(5, "1");
        new Slaves(fixture, DELAY).cooperate(5);

        ShutdownResult result = fixture.after(Duration.ofMillis(100).plus(DELAY),
                submit("*;5", ShutdownRequest.systemWide().withTimeout(Duration.ofMillis(100)).withForce(true)));

        assertEquals(Outcome.FORCED, result.outcome());
        assertEquals(Status.NOT_ACKNOWLEDGED, outcome(result, 1).status());
        assertEquals(Status.ACKNOWLEDGED, outcome(result, 5).status());
        assertEquals("2", platform.requested(1), "not asked again although it still runs");
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    @Test
    void aDomainOfAnEarlierGroupThatCameBackUpIsAskedAgainBeforeTheNextGroup() throws Exception {
        platform.domain(1, "1").domain(2, "1").domain(5, "1");
        new Slaves(fixture, DELAY).cooperate(1, 5).cooperate(Duration.ofMillis(20), 2);
        Promise<ShutdownResult> promise = submit("*;5", ShutdownRequest.systemWide());
        fixture.scheduler.advance(Duration.ofMillis(15));
        platform.setRunning(1, 3); // acknowledged at 10 ms, started again

        fixture.scheduler.advance(Duration.ofMillis(5));
        assertEquals(List.of("domain 1 came back up (running 3 after request 2): not acknowledged; asking it again"),
                fixture.messages(Type.CAME_BACK_UP));
        assertEquals("4", platform.requested(1));
        assertNull(platform.requested(5), "not while a domain of the group before it runs");

        ShutdownResult result = fixture.after(DELAY.multipliedBy(2), promise);
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals("2", platform.requested(5));
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    @Test
    void theReCheckBeforeTheMastersCommandStillAsksANewcomerAfterTheLastGroup() throws Exception {
        platform.domain(1, "1").domain(5, "1");
        new Slaves(fixture, DELAY).cooperate(1, 5, 7);
        Promise<ShutdownResult> promise = submit("*;5", ShutdownRequest.systemWide());
        fixture.scheduler.advance(DELAY.plus(Duration.ofMillis(5)));
        platform.setRunning(7, 1); // created while group 2 is awaited

        ShutdownResult result = fixture.after(DELAY.multipliedBy(2), promise);

        assertEquals(List.of("re-check before the master's native shutdown: domain 7 is running and was not asked (it "
                + "appeared during the wait); asking it"), fixture.messages(Type.RECHECK));
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(Status.ACKNOWLEDGED, outcome(result, 7).status());
    }

    @Test
    void aNamedDomainThatDoesNotExistIsReportedAndAnEmptyGroupSkipped() throws Exception {
        platform.domain(1, "1").domain(5, "1");
        new Slaves(fixture, DELAY).cooperate(1, 5);

        ShutdownResult result = fixture.after(DELAY.multipliedBy(2), submit("*;9;5", ShutdownRequest.systemWide()));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(List.of("domain 9 not involved: named in the stop order (group 2), but it does not exist; nothing "
                + "asked"), fixture.messages(Type.SKIPPED));
        assertEquals(List.of(
                "stop order *;9;5: asking group 1 of 3 (domain 1); group 3 (domain 5) waits until group 1 is done",
                "group 2 of 3: nothing to ask (none of its domains runs)",
                "group 1 done: asking group 3 of 3 (domain 5), the last"), fixture.messages(Type.GROUP));
        assertEquals(Status.ABSENT, outcome(result, 9).status());
        assertEquals(OptionalInt.of(2), outcome(result, 9).group());
    }

    @Test
    void aDomainThatStoppedBeforeItsGroupIsReachedIsNotAsked() throws Exception {
        platform.domain(1, "1").domain(5, "1");
        new Slaves(fixture, DELAY).cooperate(1);
        Promise<ShutdownResult> promise = submit("*;5", ShutdownRequest.systemWide());
        fixture.scheduler.runDue();
        platform.setRunning(5, 2);

        ShutdownResult result = fixture.after(DELAY, promise);

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertNull(platform.requested(5));
        assertEquals("stopped before its group was asked (running counter 2)", outcome(result, 5).reason());
        assertEquals(Status.NOT_RUNNING, outcome(result, 5).status());
    }

    @Test
    void aSelectiveShutdownIgnoresTheOrder() throws Exception {
        platform.domain(1, "1").domain(5, "1");
        new Slaves(fixture, DELAY).cooperate(1, 5);

        ShutdownResult result = fixture.after(DELAY, submit("*;5", ShutdownRequest.selective(5)));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(List.of("write nk.5.vm.state.requested=2"), platform.writes());
        assertTrue(fixture.messages(Type.GROUP).isEmpty());
        assertEquals(OptionalInt.empty(), outcome(result, 5).group());
    }

    @Test
    void withoutAnOrderNothingChangesInTheOutput() throws Exception {
        platform.domain(1, "1").domain(2, "1");
        new Slaves(fixture, DELAY).cooperate(1, 2);

        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertTrue(fixture.messages(Type.GROUP).isEmpty());
        assertEquals("  domain 1    acknowledged after 10 ms", TextFormat.summary(result).get(1));
    }

    private long at(Type type, int domain) {
        return fixture.events.stream().filter(e -> e.type() == type && e.domain().equals(OptionalInt.of(domain)))
                .map(ShutdownEvent::elapsed).findFirst().orElseThrow().toNanos();
    }

    private static DomainOutcome outcome(ShutdownResult result, int id) {
        return result.domains().stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }
}
