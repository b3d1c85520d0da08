package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.Withdrawal;

/**
 * A master that starts as a service ({@code resume}) and finds a shutdown recorded by a master that
 * died resumes it: its standing requests are awaited from when they were written, until its
 * original deadline, and it ends as it was asked (cancelled with its withdrawals, completed with
 * the master's own step, or forced).
 */
class ResumeTest {
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    ResumeTest() {
        fixture.configuration.put("resume", Boolean.TRUE);
        platform.domain(1, "1").domain(2, "1").domain(3, "1");
    }

    private Coordinator resumed() {
        Coordinator coordinator = fixture.coordinator();
        coordinator.resumeRecorded();
        fixture.scheduler.runDue();
        return coordinator;
    }

    private Optional<ShutdownResult> result() {
        return fixture.events.stream().filter(e -> e.type() == Type.FINISHED).findFirst()
                .flatMap(ShutdownEvent::result);
    }

    @Test
    void itIsAwaitedUntilItsOriginalDeadlineAndThenCancelledAsAsked() throws Exception {
        new Records(fixture).request(ShutdownRequest.systemWide().withTimeout(Duration.ofMillis(1000)))
                .startedAgo(Duration.ofMillis(400)).wrote(1, 2, 1, 0).wrote(2, 2, 1, 0).leave();
        fixture.scheduler.schedule(() -> platform.setRunning(1, 2), 100, TimeUnit.MILLISECONDS);

        resumed();

        assertEquals(List.of("resuming the system-wide shutdown recorded on this machine: started "
                + "2030-01-01T08:00:00.600Z by pid 999999999, deadline 2030-01-01T08:00:01.600Z; 2 requests of it "
                + "still standing, waiting at most 1000 ms"), fixture.messages(Type.STARTED));
        assertEquals(ProcessHandle.current().pid(), Records.read(fixture).orElseThrow().pid(), "it coordinates it now");
        fixture.scheduler.advance(Duration.ofMillis(599));
        assertEquals(Optional.empty(), result(), "not before the recorded deadline");
        fixture.scheduler.advance(Duration.ofMillis(1));

        ShutdownResult result = result().orElseThrow();
        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(WaitEnd.TIMED_OUT, result.waitEnd());
        assertEquals(List.of(Status.ACKNOWLEDGED, Status.NOT_ACKNOWLEDGED),
                result.domains().stream().map(DomainOutcome::status).toList());
        assertEquals(Duration.ofMillis(500), result.domains().get(0).elapsed().orElseThrow(),
                "from when its request was written");
        assertEquals(List.of(Withdrawal.Result.WITHDRAWN), result.withdrawals().stream().map(Withdrawal::result)
                .toList());
        assertEquals("1", platform.requested(2));
        assertEquals(List.of(), fixture.nativeShutdown.calls);
        assertTrue(Records.read(fixture).isEmpty());
        assertEquals("", Records.lockHolder(fixture));
    }

    @Test
    void itGoesOnAsItWasAskedToTheMastersOwnStep() throws Exception {
        fixture.configuration.put("stop.order", "*;1");
        new Slaves(fixture, Duration.ofMillis(10)).cooperate(1, 2, 3);
        new Records(fixture).stopOrder("*;3").wrote(1, 2, 1, 0).recordedOnly(2, 2, 1, 0).leave();
        fixture.scheduler.schedule(() -> platform.setRunning(1, 2), 5, TimeUnit.MILLISECONDS);

        resumed();
        fixture.scheduler.advance(Duration.ofMillis(5));
        fixture.scheduler.advance(Duration.ofMillis(10));
        fixture.scheduler.advance(Duration.ofMillis(10));

        ShutdownResult result = result().orElseThrow(() -> new AssertionError(fixture.events));
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(MasterAction.SHUTDOWN, result.masterAction());
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
        assertEquals(List.of("write nk.2.vm.state.requested=2", "write nk.3.vm.state.requested=2"), platform.writes(),
                "the one never written is asked now, then the recorded order's last group");
        assertTrue(fixture.messages(Type.GROUP).get(0).startsWith("group 1 done: asking group 2 of 2 (domain 3)"),
                () -> fixture.messages(Type.GROUP).toString());
        assertTrue(Records.read(fixture).isEmpty());
    }

    @Test
    void forcedPastItsDeadlineItHardStopsWhatDidNotAnswerAndTheMasterGoesDown() throws Exception {
        new Records(fixture).request(ShutdownRequest.systemWide().withForce(true).withTimeout(Duration.ofMillis(1000)))
                .startedAgo(Duration.ofSeconds(2)).wrote(1, 2, 1, 0).leave();
        platform.properties.remove("nk.2.vm.state.running");
        platform.properties.remove("nk.3.vm.state.running");

        resumed();

        ShutdownResult result = result().orElseThrow();
        assertEquals(Outcome.FORCED, result.outcome());
        assertEquals(List.of(1), platform.hardStopped);
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    @Test
    void aResumedSlavesOnlyShutdownLeavesTheMasterAlone() throws Exception {
        new Slaves(fixture, Duration.ofMillis(10)).cooperate(1, 2, 3);
        new Records(fixture).request(ShutdownRequest.systemWide().withSlavesOnly(true)).wrote(1, 2, 1, 0).leave();
        fixture.scheduler.schedule(() -> platform.setRunning(1, 2), 5, TimeUnit.MILLISECONDS);

        resumed();
        fixture.scheduler.advance(Duration.ofMillis(5));
        fixture.scheduler.advance(Duration.ofMillis(10));

        ShutdownResult result = result().orElseThrow();
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(MasterAction.NONE, result.masterAction());
        assertEquals(List.of(), fixture.nativeShutdown.calls);
    }

    @Test
    void aRecordOfAnEarlierBootIsNotResumedButWithdrawnAndRemoved() throws Exception {
        new Records(fixture).boot("boot-0").wrote(1, 2, 1, 0).leave();
        platform.properties.remove("nk.1.vm.state.requested"); // the hypervisor started afresh

        resumed();

        assertEquals(List.of(), fixture.messages(Type.STARTED));
        assertEquals(List.of(), platform.writes());
        assertTrue(Records.read(fixture).isEmpty());
        assertEquals(List.of(), fixture.nativeShutdown.calls);
    }

    @Test
    void aOneShotMasterOnlyReportsTheRecord() throws Exception {
        fixture.configuration.put("resume", "false");
        new Records(fixture).wrote(1, 2, 1, 0).leave();

        resumed();

        assertEquals(List.of(), fixture.events);
        assertTrue(Records.read(fixture).isPresent());
    }

    @Test
    void itWaitsForAProviderAndThenResumesOnce() throws Exception {
        new Records(fixture).wrote(1, 2, 1, 0).leave();
        fixture.providerPresent = false;
        Coordinator coordinator = resumed();
        assertEquals(List.of(), fixture.events);

        fixture.providerPresent = true;
        coordinator.resumeRecorded();
        coordinator.resumeRecorded();
        fixture.scheduler.runDue();

        assertEquals(1, fixture.messages(Type.STARTED).size());
        assertTrue(coordinator.current().isPresent());
    }

    @Test
    void aSimulatedPlatformHasNothingToResumeButARealProviderBoundAfterItHas() throws Exception {
        new Records(fixture).wrote(1, 2, 1, 0).leave();
        fixture.simulatedPlatform = true;

        Coordinator coordinator = resumed();

        assertEquals(List.of(), fixture.events);
        assertTrue(Records.read(fixture).isPresent());

        fixture.simulatedPlatform = false;
        coordinator.resumeRecorded();
        fixture.scheduler.runDue();

        assertEquals(1, fixture.messages(Type.STARTED).size());
    }
}
