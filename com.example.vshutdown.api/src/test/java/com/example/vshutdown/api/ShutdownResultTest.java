package com.example.vshutdown.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;

/** The result of a shutdown and the exit status of DESIGN.md "Exit status of a one-shot command". */
class ShutdownResultTest {

    private static final ShutdownRequest REQUEST = ShutdownRequest.systemWide();

    private static ShutdownResult result(Outcome outcome) {
        return result(outcome, MasterAction.NONE);
    }

    private static ShutdownResult result(Outcome outcome, MasterAction action) {
        return new ShutdownResult(REQUEST, outcome, WaitEnd.ANSWERED, List.of(), List.of(), action, "summary",
                Duration.ZERO);
    }

    /**
     * 0 done (COMPLETED, or FORCED: -f completed what it could); 1 cancelled. INCOMPLETE (forced,
     * but a domain could not be hard-stopped and still runs) must "not exit 0"; the code maps it to 1.
     * FAILED (the master's own native command failed) is an error of the platform: 4.
     */
    @ParameterizedTest
    @CsvSource({
        "COMPLETED, DONE, 0, true",
        "FORCED, DONE, 0, true",
        "CANCELLED, CANCELLED, 1, false",
        "INCOMPLETE, CANCELLED, 1, false",
        "FAILED, ERROR, 4, false"})
    void exitStatusAndSuccessForEachOutcome(Outcome outcome, ExitStatus status, int code, boolean succeeded) {
        ShutdownResult result = result(outcome);
        assertEquals(status, result.exitStatus());
        assertEquals(code, result.exitStatus().code());
        assertEquals(succeeded, result.succeeded());
    }

    /** Scripts trust the exit status: it is 0 exactly when the shutdown did what was asked. */
    @ParameterizedTest
    @EnumSource(Outcome.class)
    void exitZeroExactlyWhenSucceeded(Outcome outcome) {
        ShutdownResult result = result(outcome);
        assertEquals(result.succeeded(), result.exitStatus().code() == 0, outcome::name);
        // a shutdown that ran never reports a usage error or "already in progress"
        assertNotEquals(ExitStatus.BAD_INPUT, result.exitStatus());
        assertNotEquals(ExitStatus.REFUSED, result.exitStatus());
    }

    @Test
    void exitCodesAreThoseOfTheDesignTable() {
        assertEquals(0, ExitStatus.DONE.code());
        assertEquals(1, ExitStatus.CANCELLED.code());
        assertEquals(2, ExitStatus.BAD_INPUT.code());
        assertEquals(3, ExitStatus.REFUSED.code());
    }

    @ParameterizedTest
    @EnumSource(MasterAction.class)
    void exitStatusDoesNotDependOnMasterAction(MasterAction action) {
        assertEquals(ExitStatus.DONE, result(Outcome.COMPLETED, action).exitStatus());
        assertEquals(ExitStatus.CANCELLED, result(Outcome.CANCELLED, action).exitStatus());
    }

    @Test
    void domainsAndWithdrawalsAreCopiedAndUnmodifiable() {
        DomainOutcome one = new DomainOutcome(1, DomainOutcome.Status.ACKNOWLEDGED, OptionalLong.of(6),
                Optional.of(Duration.ofMillis(20)), null);
        Withdrawal two = new Withdrawal(2, 6, Withdrawal.Result.WITHDRAWN, OptionalLong.of(5), null);
        List<DomainOutcome> domains = new ArrayList<>(List.of(one));
        List<Withdrawal> withdrawals = new ArrayList<>(List.of(two));
        ShutdownResult result = new ShutdownResult(REQUEST, Outcome.CANCELLED, WaitEnd.TIMED_OUT, domains,
                withdrawals, MasterAction.NONE, "cancelled", Duration.ofMillis(30));
        domains.clear();
        withdrawals.clear();
        assertEquals(List.of(one), result.domains());
        assertEquals(List.of(two), result.withdrawals());
        assertThrows(UnsupportedOperationException.class, () -> result.domains().clear());
        assertThrows(UnsupportedOperationException.class, () -> result.withdrawals().clear());
        assertEquals("", two.detail());
    }

    @Test
    void onlyAWithdrawnRequestCannotTakeItsDomainDownAnyMore() {
        for (Withdrawal.Result outcome : Withdrawal.Result.values()) {
            Withdrawal withdrawal = new Withdrawal(1, 2, outcome, OptionalLong.empty(), "");
            assertEquals(outcome != Withdrawal.Result.WITHDRAWN, withdrawal.mayStillGoDown(), outcome::name);
        }
    }

    @Test
    void nullMessageBecomesEmpty() {
        ShutdownResult result = new ShutdownResult(REQUEST, Outcome.COMPLETED, WaitEnd.ANSWERED, List.of(), List.of(),
                MasterAction.NONE, null, Duration.ZERO);
        assertEquals("", result.message());
    }

    @Test
    void requiredComponentsAreChecked() {
        List<DomainOutcome> none = List.of();
        List<Withdrawal> nothing = List.of();
        MasterAction noAction = MasterAction.NONE;
        Outcome done = Outcome.COMPLETED;
        WaitEnd answered = WaitEnd.ANSWERED;
        assertThrows(NullPointerException.class,
                () -> new ShutdownResult(null, done, answered, none, nothing, noAction, "", Duration.ZERO));
        assertThrows(NullPointerException.class,
                () -> new ShutdownResult(REQUEST, null, answered, none, nothing, noAction, "", Duration.ZERO));
        assertThrows(NullPointerException.class,
                () -> new ShutdownResult(REQUEST, done, null, none, nothing, noAction, "", Duration.ZERO));
        assertThrows(NullPointerException.class,
                () -> new ShutdownResult(REQUEST, done, answered, null, nothing, noAction, "", Duration.ZERO));
        assertThrows(NullPointerException.class,
                () -> new ShutdownResult(REQUEST, done, answered, none, null, noAction, "", Duration.ZERO));
        assertThrows(NullPointerException.class,
                () -> new ShutdownResult(REQUEST, done, answered, none, nothing, null, "", Duration.ZERO));
        assertThrows(NullPointerException.class,
                () -> new ShutdownResult(REQUEST, done, answered, none, nothing, noAction, "", null));
    }

    @Test
    void aResultIsOfARealPlatformUnlessMarkedSimulated() {
        ShutdownResult real = result(Outcome.COMPLETED, MasterAction.SHUTDOWN);
        assertFalse(real.simulated());
        ShutdownResult simulated = real.onSimulatedPlatform(true);
        assertTrue(simulated.simulated());
        assertEquals(real.message(), simulated.message());
        assertEquals(real.masterAction(), simulated.masterAction());
        assertFalse(simulated.onSimulatedPlatform(false).simulated());
    }
}
