package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.Withdrawal;

/** The renderings the README shows and scripts grep: the live line and the summary. */
class TextFormatTest {
    private static final ShutdownRequest REQUEST = ShutdownRequest.systemWide().withTimeout(Duration.ofMillis(500));

    @Test
    void aLiveLineIsTheTimeSinceTheStartThenTheMessage() {
        ShutdownEvent event = new ShutdownEvent(ShutdownEvent.Type.REQUESTED, REQUEST, OptionalInt.of(1),
                OptionalLong.of(2), Duration.ofMillis(13), new TreeSet<>(List.of(1)),
                TextFormat.requested(1, 2, 1, Optional.empty()), Optional.empty());

        assertEquals("[    13 ms] asked domain 1 to shut down (requested 2, running 1)", TextFormat.progressLine(event));
    }

    @Test
    void theSummaryHasTheOutcomeThenADomainPerLineThenTheWithdrawals() {
        ShutdownResult result = new ShutdownResult(REQUEST, Outcome.CANCELLED, WaitEnd.TIMED_OUT, List.of(
                new DomainOutcome(1, Status.ACKNOWLEDGED, OptionalLong.of(2), Optional.of(Duration.ofMillis(111)), ""),
                new DomainOutcome(2, Status.NOT_ACKNOWLEDGED, OptionalLong.of(2), Optional.empty(),
                        Diagnosis.NEVER_PICKED_UP),
                new DomainOutcome(3, Status.GONE, OptionalLong.of(2), Optional.empty(), TextFormat.GONE_REASON),
                new DomainOutcome(4, Status.NOT_RUNNING, OptionalLong.empty(), Optional.empty(),
                        "already stopped (running counter 2)"),
                new DomainOutcome(5, Status.INVALID, OptionalLong.empty(), Optional.empty(),
                        "running counter value '1x' is not an unsigned decimal integer; left alone")),
                List.of(new Withdrawal(2, 2, Withdrawal.Result.WITHDRAWN, OptionalLong.of(1), "")),
                MasterAction.NONE, "cancelled (no acknowledgement within 500 ms): …", Duration.ofMillis(534));

        assertEquals(List.of(
                "CANCELLED in 534 ms: cancelled (no acknowledgement within 500 ms): …",
                "  domain 1    acknowledged after 111 ms",
                "  domain 2    NOT acknowledged: " + Diagnosis.NEVER_PICKED_UP,
                "  domain 3    gone: its vproperties disappeared during the wait (the domain was destroyed); "
                        + "not waited for",
                "  domain 4    not involved: already stopped (running counter 2)",
                "  domain 5    invalid: running counter value '1x' is not an unsigned decimal integer; left alone",
                "  request 2 of domain 2 withdrawn (requested set back to 1): an agent that starts later does nothing"),
                TextFormat.summary(result));
    }

    @Test
    void theMessageNamesWhatWasAndWasNotWithdrawn() {
        List<Withdrawal> withdrawals = List.of(
                new Withdrawal(2, 2, Withdrawal.Result.WITHDRAWN, OptionalLong.of(1), ""),
                new Withdrawal(3, 2, Withdrawal.Result.ALREADY_PICKED_UP, OptionalLong.empty(), "picked-up 2"),
                new Withdrawal(4, 2, Withdrawal.Result.WITHDRAWN, OptionalLong.of(1), ""),
                new Withdrawal(5, 2, Withdrawal.Result.NOT_WRITTEN, OptionalLong.empty(), "x"));

        assertEquals("; withdrawn: domains 2, 4; NOT withdrawn: domains 3, 5 (they may still go down)",
                TextFormat.withdrawals(withdrawals));
        assertEquals("", TextFormat.withdrawals(List.of()));
    }

    @Test
    void everyOutcomeHasItsHeadline() {
        for (Outcome outcome : Outcome.values()) {
            ShutdownResult result = new ShutdownResult(REQUEST, outcome, WaitEnd.ANSWERED, List.of(), List.of(),
                    MasterAction.NONE, "m", Duration.ofMillis(7));
            String expected = switch (outcome) {
                case COMPLETED -> "Done";
                case FORCED -> "Done by FORCE";
                case CANCELLED -> "CANCELLED";
                case INCOMPLETE -> "INCOMPLETE";
                case FAILED -> "FAILED";
            };
            assertEquals(List.of(expected + " in 7 ms: m"), TextFormat.summary(result));
        }
    }
}
