package com.example.vshutdown.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A domain as the vproperties show it; a request is pending while {@code requested > running}. */
class DomainInfoTest {

    private static DomainInfo info(DomainState state, OptionalLong running, OptionalLong requested) {
        return new DomainInfo(3, state, running, requested, "raw", Optional.empty(), false);
    }

    @ParameterizedTest
    @CsvSource({
        "5, 6, true",
        "5, 7, true",
        "0, 1, true",
        "5, 5, false",
        "6, 6, false",
        "7, 6, false",
        "6, 5, false"})
    void pendingWhileRequestedIsAhead(long running, long requested, boolean expected) {
        DomainState state = running % 2 == 1 ? DomainState.RUNNING : DomainState.STOPPED;
        assertEquals(expected, info(state, OptionalLong.of(running), OptionalLong.of(requested)).pendingRequest());
    }

    @Test
    void noRequestWrittenIsNotPending() {
        assertFalse(info(DomainState.RUNNING, OptionalLong.of(5), OptionalLong.empty()).pendingRequest());
        assertFalse(info(DomainState.STOPPED, OptionalLong.of(0), OptionalLong.empty()).pendingRequest());
    }

    /** An invalid running counter is left alone, whatever the requested counter says. */
    @Test
    void invalidRunningIsNeverPending() {
        DomainInfo invalid = new DomainInfo(3, DomainState.INVALID, OptionalLong.empty(), OptionalLong.of(6),
                "0x1f", Optional.of("counter value '0x1f' is not an unsigned decimal integer"), false);
        assertFalse(invalid.pendingRequest());
        assertFalse(info(DomainState.INVALID, OptionalLong.empty(), OptionalLong.empty()).pendingRequest());
    }

    @Test
    void pendingAtTheTopOfTheRange() {
        assertTrue(info(DomainState.RUNNING, OptionalLong.of(Long.MAX_VALUE - 2), OptionalLong.of(Long.MAX_VALUE))
                .pendingRequest());
        assertFalse(info(DomainState.RUNNING, OptionalLong.of(Long.MAX_VALUE), OptionalLong.of(Long.MAX_VALUE))
                .pendingRequest());
    }

    @Test
    void componentsAreKept() {
        DomainInfo info = new DomainInfo(9, DomainState.RUNNING, OptionalLong.of(5), OptionalLong.of(4), "5\n",
                Optional.of("stale request"), true);
        assertEquals(9, info.id());
        assertEquals(DomainState.RUNNING, info.state());
        assertEquals(OptionalLong.of(5), info.running());
        assertEquals(OptionalLong.of(4), info.requested());
        assertEquals("5\n", info.rawRunning());
        assertEquals(Optional.of("stale request"), info.problem());
        assertTrue(info.master());
    }

    @Test
    void requiredComponentsAreChecked() {
        OptionalLong five = OptionalLong.of(5);
        Optional<String> none = Optional.empty();
        assertThrows(NullPointerException.class, () -> new DomainInfo(1, null, five, five, "5", none, false));
        assertThrows(NullPointerException.class,
                () -> new DomainInfo(1, DomainState.RUNNING, null, five, "5", none, false));
        assertThrows(NullPointerException.class,
                () -> new DomainInfo(1, DomainState.RUNNING, five, null, "5", none, false));
        assertThrows(NullPointerException.class,
                () -> new DomainInfo(1, DomainState.RUNNING, five, five, "5", null, false));
    }

    @Test
    void aDomainIsRealUnlessMarkedSimulatedAndThePolicyKeepsTheMark() {
        DomainInfo real = info(DomainState.RUNNING, OptionalLong.of(1), OptionalLong.empty());
        assertFalse(real.simulated());
        DomainInfo simulated = real.onSimulatedPlatform(true);
        assertTrue(simulated.simulated());
        assertTrue(simulated.withPolicy(OptionalInt.of(2), Optional.empty()).simulated());
        assertEquals(OptionalInt.of(2),
                simulated.withPolicy(OptionalInt.of(2), Optional.empty()).group());
    }
}
