package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRefusedException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.Withdrawal;
import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.VProperties;

/**
 * {@code vshutdown --cancel}: a shutdown in progress here is cancelled as Ctrl-C would; a shutdown
 * recorded by a master that is gone is withdrawn by the cancel rule (what no agent picked up is
 * taken back) and its record removed; a shutdown whose master still runs is that master's.
 */
class WithdrawRecordedTest {
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    WithdrawRecordedTest() {
        platform.domain(1, "1").domain(2, "1").domain(3, "2").domain(4, "1");
    }

    @Test
    void theRequestsNoAgentPickedUpAreWithdrawnAndTheRecordGoes() throws Exception {
        new Records(fixture).startedAgo(Duration.ofSeconds(30)).wrote(1, 2, 1, 0).wrote(2, 2, 1, 0)
                .wrote(3, 2, 1, 0).recordedOnly(4, 2, 1, 0).leave();
        platform.properties.put(VProperties.status(2), AgentStatus.pickedUp(2).format());

        ShutdownResult result = fixture.coordinator().withdraw().orElseThrow();

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(WaitEnd.CANCELLED, result.waitEnd());
        assertEquals(Duration.ofSeconds(30), result.elapsed());
        assertEquals(List.of(Status.NOT_ACKNOWLEDGED, Status.NOT_ACKNOWLEDGED, Status.ACKNOWLEDGED, Status.NOT_ASKED),
                result.domains().stream().map(DomainOutcome::status).toList());
        assertEquals(Diagnosis.NEVER_PICKED_UP, result.domains().get(0).reason());
        assertEquals("request 2 was recorded, but requested holds nothing (it was never written, or the platform "
                + "started afresh); left alone", result.domains().get(3).reason());
        assertEquals(List.of(
                new Withdrawal(1, 2, Withdrawal.Result.WITHDRAWN, OptionalLong.of(1), ""),
                new Withdrawal(2, 2, Withdrawal.Result.ALREADY_PICKED_UP, OptionalLong.empty(),
                        "agent status 'picked-up 2'")), result.withdrawals());
        assertEquals("1", platform.requested(1));
        assertEquals("2", platform.requested(2));
        assertEquals(null, platform.requested(4), "never written: not this shutdown's to touch");
        assertEquals("cancelled the shutdown recorded on this machine (shutdown of the system started "
                + "2030-01-01T07:59:31Z by pid 999999999; its master is gone); withdrawn: domain 1; NOT withdrawn: "
                + "domain 2 (it may still go down)", result.message());
        assertTrue(Records.read(fixture).isEmpty());
        assertEquals("", Records.lockHolder(fixture));
        fixture.coordinator().submit(ShutdownRequest.selective(4).withTimeout(Duration.ZERO));
    }

    @Test
    void withNothingRunningOrRecordedThereIsNothingToCancel() throws Exception {
        assertEquals(Optional.empty(), fixture.coordinator().withdraw());
        assertEquals(List.of(), platform.writes());
    }

    @Test
    void aShutdownWhoseMasterStillRunsIsThatMastersToCancel() throws Exception {
        Coordinator running = fixture.coordinator();
        Promise<ShutdownResult> promise = running.submit(ShutdownRequest.selective(1));
        fixture.scheduler.runDue();

        ShutdownRefusedException e = assertThrows(ShutdownRefusedException.class,
                () -> fixture.coordinator().withdraw());

        assertTrue(e.getMessage().startsWith("refused: another vshutdown coordinates a shutdown on this machine (pid "
                + ProcessHandle.current().pid()), e::getMessage);
        assertEquals("2", platform.requested(1));
        running.cancel();
        fixture.finish(promise);
    }

    @Test
    void theShutdownInProgressHereIsCancelledAsCtrlCWouldAndAwaited() throws Exception {
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.selective(1));
        fixture.scheduler.runDue();
        AtomicReference<Optional<ShutdownResult>> withdrawn = new AtomicReference<>();
        Thread cancelling = new Thread(() -> {
            try {
                withdrawn.set(coordinator.withdraw());
            } catch (ShutdownException e) {
                throw new IllegalStateException(e);
            }
            fixture.scheduler.execute(() -> { }); // wakes the loop below
        });
        cancelling.start();

        fixture.scheduler.runUntil(() -> withdrawn.get() != null, Fixture.BOUND);

        assertEquals(Outcome.CANCELLED, withdrawn.get().orElseThrow().outcome());
        assertEquals(WaitEnd.CANCELLED, withdrawn.get().orElseThrow().waitEnd());
        assertEquals(withdrawn.get().orElseThrow(), promise.getValue());
        assertEquals("1", platform.requested(1), "withdrawn");
        cancelling.join(Fixture.BOUND.toMillis());
    }

    @Test
    void aCorruptRecordIsNeverWithdrawnByGuessing() throws Exception {
        String text = new Records(fixture).wrote(1, 2, 1, 0).record().format().replace("format 1", "format 9");
        Records.write(fixture, text);

        ShutdownException e = assertThrows(ShutdownException.class, () -> fixture.coordinator().withdraw());

        assertEquals(ExitStatus.ERROR, e.status());
        assertTrue(e.getMessage().contains("is corrupt (format '9' is not 1)"), e::getMessage);
        assertEquals("2", platform.requested(1));
        assertTrue(java.nio.file.Files.exists(fixture.record()));
    }

    @Test
    void aSimulatedPlatformHasNoRecordToWithdraw() throws Exception {
        new Records(fixture).wrote(1, 2, 1, 0).leave();
        fixture.simulatedPlatform = true;

        assertEquals(Optional.empty(), fixture.coordinator().withdraw());
        assertEquals("2", platform.requested(1));
    }
}
