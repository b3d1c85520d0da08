package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.Withdrawal;
import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.VProperties;

/**
 * Case 3 of the safety issue: a shutdown that ends cancelled (time-out without -f, cancel, lost
 * provider) or forced but incomplete withdraws every request of it that no agent picked up, by
 * writing requested = running, so that an agent that starts later does nothing; it says what it
 * withdrew and what it could not.
 */
class WithdrawalTest {
    private static final Duration TIMEOUT = Duration.ofMillis(50);
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    @Test
    void aTimedOutRequestThatNobodyPickedUpIsWithdrawn() throws Exception {
        platform.domain(1, "1").domain(2, "1");
        new Slaves(fixture, Duration.ofMillis(10)).cooperate(1);

        ShutdownResult result = fixture.after(TIMEOUT,
                fixture.coordinator().submit(ShutdownRequest.systemWide().withTimeout(TIMEOUT)));

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals("1", platform.requested(2), "requested = running: no longer new");
        assertFalse(Counters.isNewRequest(Long.parseLong(platform.requested(2)), 1), "a later agent does nothing");
        assertEquals(List.of(new Withdrawal(2, 2, Withdrawal.Result.WITHDRAWN, OptionalLong.of(1), "")),
                result.withdrawals());
        assertEquals(List.of("request 2 of domain 2 withdrawn (requested set back to 1): an agent that starts "
                + "later does nothing"), fixture.messages(ShutdownEvent.Type.WITHDRAWN));
        assertTrue(result.message().endsWith("; the master was NOT shut down; withdrawn: domain 2"), result.message());
        assertEquals("  request 2 of domain 2 withdrawn (requested set back to 1): an agent that starts later does "
                + "nothing", TextFormat.summary(result).get(TextFormat.summary(result).size() - 1));
    }

    @Test
    void aCancelWithdrawsToo() throws Exception {
        platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.selective(1));
        fixture.scheduler.runDue();

        coordinator.cancel();

        ShutdownResult result = fixture.finish(promise);
        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(Withdrawal.Result.WITHDRAWN, result.withdrawals().get(0).result());
        assertEquals("1", platform.requested(1));
    }

    @Test
    void aRequestAlreadyPickedUpIsNotWithdrawnAndTheSummarySaysItMayStillGoDown() throws Exception {
        platform.domain(1, "1");
        platform.onWrite = (name, value) -> {
            if (name.equals(VProperties.requested(1)) && value.equals("2")) {
                platform.set(VProperties.status(1), AgentStatus.pickedUp(2).format());
            }
        };

        ShutdownResult result = fixture.after(TIMEOUT,
                fixture.coordinator().submit(ShutdownRequest.selective(1).withTimeout(TIMEOUT)));

        assertEquals("2", platform.requested(1), "left as it is: its agent is acting on it");
        Withdrawal kept = result.withdrawals().get(0);
        assertEquals(Withdrawal.Result.ALREADY_PICKED_UP, kept.result());
        assertTrue(kept.mayStillGoDown());
        assertEquals(List.of("request 2 of domain 1 NOT withdrawn: already picked up (agent status 'picked-up 2'): "
                + "the domain may still go down"), fixture.messages(ShutdownEvent.Type.WITHDRAWN));
        assertTrue(result.message().endsWith("; NOT withdrawn: domain 1 (it may still go down)"), result.message());
    }

    @Test
    void blockedAndFailedRequestsAreFinishedWithAndWithdrawn() throws Exception {
        platform.domain(1, "1").domain(2, "1");
        platform.onWrite = (name, value) -> {
            if (name.equals(VProperties.requested(1)) && value.equals("2")) {
                platform.set(VProperties.status(1), AgentStatus.blocked(2, "an update is being installed").format());
            }
            if (name.equals(VProperties.requested(2)) && value.equals("2")) {
                platform.set(VProperties.status(2), AgentStatus.failed(2, "poweroff exited with 1").format());
            }
        };

        ShutdownResult result = fixture.after(TIMEOUT,
                fixture.coordinator().submit(ShutdownRequest.systemWide().withTimeout(TIMEOUT)));

        assertEquals(List.of(Withdrawal.Result.WITHDRAWN, Withdrawal.Result.WITHDRAWN),
                result.withdrawals().stream().map(Withdrawal::result).toList());
        assertEquals("1", platform.requested(1));
        assertEquals("1", platform.requested(2));
    }

    @Test
    void aStatusAboutAnotherRequestOrUnreadableIsNoRecordOfThisOne() throws Exception {
        platform.domain(1, "5").domain(2, "1");
        platform.properties.put(VProperties.status(1), AgentStatus.pickedUp(4).format());
        platform.properties.put(VProperties.status(2), "0");

        ShutdownResult result = fixture.after(TIMEOUT,
                fixture.coordinator().submit(ShutdownRequest.systemWide().withTimeout(TIMEOUT)));

        assertEquals(List.of(Withdrawal.Result.WITHDRAWN, Withdrawal.Result.WITHDRAWN),
                result.withdrawals().stream().map(Withdrawal::result).toList());
        assertEquals("5", platform.requested(1));
    }

    @Test
    void anAgentThatPicksItUpAtTheSameMomentIsReported() throws Exception {
        platform.domain(1, "1");
        // the agent reads the request just before the master writes it back, and records it
        platform.onWrite = (name, value) -> {
            if (name.equals(VProperties.requested(1)) && value.equals("1")) {
                platform.set(VProperties.status(1), AgentStatus.pickedUp(2).format());
            }
        };

        ShutdownResult result = fixture.after(TIMEOUT,
                fixture.coordinator().submit(ShutdownRequest.selective(1).withTimeout(TIMEOUT)));

        Withdrawal raced = result.withdrawals().get(0);
        assertEquals(Withdrawal.Result.WITHDRAWN_TOO_LATE, raced.result());
        assertEquals(List.of("request 2 of domain 1 withdrawn (requested set back to 1), but picked up at the same "
                + "moment: the domain may still go down"), fixture.messages(ShutdownEvent.Type.WITHDRAWN));
    }

    @Test
    void withoutAProviderNothingIsWrittenAndTheSummarySaysSo() throws Exception {
        platform.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.selective(1));
        fixture.scheduler.runDue();
        List<String> writes = platform.writes();

        fixture.providerPresent = false;
        coordinator.providerChanged();

        ShutdownResult result = fixture.after(fixture.settings().policy().providerGrace(), promise);
        assertEquals(writes, platform.writes(), "the gone provider is not called");
        assertEquals(List.of(new Withdrawal(1, 2, Withdrawal.Result.NOT_WRITTEN, OptionalLong.empty(),
                "the vproperty provider is gone")), result.withdrawals());
        assertEquals(List.of("request 2 of domain 1 NOT withdrawn: the vproperty provider is gone: "
                + "the domain may still go down"), fixture.messages(ShutdownEvent.Type.WITHDRAWN));
    }

    @Test
    void aWithdrawalThatCannotBeWrittenIsReported() throws Exception {
        platform.domain(1, "1");
        platform.onWrite = (name, value) -> platform.failWritesOf = VProperties.requested(1);

        ShutdownResult result = fixture.after(TIMEOUT,
                fixture.coordinator().submit(ShutdownRequest.selective(1).withTimeout(TIMEOUT)));

        assertEquals(Withdrawal.Result.NOT_WRITTEN, result.withdrawals().get(0).result());
        assertEquals("could not be written: permission denied", result.withdrawals().get(0).detail());
        assertEquals("2", platform.requested(1));
    }

    @Test
    void aForcedSelectiveShutdownThatEndsIncompleteWithdraws() throws Exception {
        platform.domain(1, "1");
        platform.hardStopOffered = false;

        ShutdownResult result = fixture.after(TIMEOUT,
                fixture.coordinator().submit(ShutdownRequest.selective(1).withTimeout(TIMEOUT).withForce(true)));

        assertEquals(Outcome.INCOMPLETE, result.outcome());
        assertEquals(Withdrawal.Result.WITHDRAWN, result.withdrawals().get(0).result());
        assertEquals("1", platform.requested(1));
    }

    @Test
    void aCompletedOrForcedShutdownWithdrawsNothing() throws Exception {
        platform.domain(1, "1").domain(2, "1");
        platform.hardStopOffered = false;
        new Slaves(fixture, Duration.ofMillis(10)).cooperate(1);

        ShutdownResult result = fixture.after(TIMEOUT,
                fixture.coordinator().submit(ShutdownRequest.systemWide().withTimeout(TIMEOUT).withForce(true)));

        assertEquals(Outcome.FORCED, result.outcome());
        assertEquals(List.of(), result.withdrawals());
        assertEquals("2", platform.requested(2), "the master goes down regardless: nothing to take back");
    }
}
