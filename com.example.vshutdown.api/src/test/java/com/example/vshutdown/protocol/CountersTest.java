package com.example.vshutdown.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The even/odd counter rules of DESIGN.md "The protocol". */
class CountersTest {

    @ParameterizedTest
    @CsvSource({
        "0, false",
        "1, true",
        "2, false",
        "3, true",
        "42, false",
        "43, true",
        "9223372036854775806, false",
        "9223372036854775807, true"})
    void oddIsRunningEvenIsStopped(long running, boolean expected) {
        assertEquals(expected, Counters.isRunning(running));
    }

    @ParameterizedTest
    @CsvSource({"1, 2", "3, 4", "41, 42", "999, 1000", "9223372036854775805, 9223372036854775806"})
    void shutdownValueIsNextEven(long running, long expected) {
        long value = Counters.shutdownValue(running);
        assertEquals(expected, value);
        assertFalse(Counters.isRunning(value), "a shutdown request must be even");
        assertTrue(Counters.isNewRequest(value, running), "the request must be new for the agent");
    }

    @ParameterizedTest
    @CsvSource({"1, 3", "3, 5", "41, 43", "999, 1001", "9223372036854775805, 9223372036854775807"})
    void rebootValueIsNextOdd(long running, long expected) {
        long value = Counters.rebootValue(running);
        assertEquals(expected, value);
        assertTrue(Counters.isRunning(value), "a reboot request must be odd");
        assertTrue(Counters.isNewRequest(value, running), "the request must be new for the agent");
    }

    /** A stopped domain has nobody in it to act on a request. */
    @ParameterizedTest
    @ValueSource(longs = {0, 2, 42, 9223372036854775806L})
    void stoppedDomainCannotBeAsked(long running) {
        assertThrows(IllegalArgumentException.class, () -> Counters.shutdownValue(running));
        assertThrows(IllegalArgumentException.class, () -> Counters.rebootValue(running));
        assertThrows(IllegalArgumentException.class, () -> Counters.requestValue(running, false));
        assertThrows(IllegalArgumentException.class, () -> Counters.requestValue(running, true));
    }

    /** -1 and other negative odd numbers have the low bit set, but are never a running counter. */
    @ParameterizedTest
    @ValueSource(longs = {-1, -2, -3, -43, Long.MIN_VALUE, Long.MIN_VALUE + 1})
    void negativeCounterIsRefused(long running) {
        assertThrows(IllegalArgumentException.class, () -> Counters.shutdownValue(running));
        assertThrows(IllegalArgumentException.class, () -> Counters.rebootValue(running));
        assertThrows(IllegalArgumentException.class, () -> Counters.requestValue(running, false));
        assertThrows(IllegalArgumentException.class, () -> Counters.requestValue(running, true));
    }

    @Test
    void rebootValueRefusesOverflow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Counters.rebootValue(Long.MAX_VALUE));
        assertTrue(e.getMessage().contains(Long.toString(Long.MAX_VALUE)), e::getMessage);
        assertThrows(IllegalArgumentException.class, () -> Counters.requestValue(Long.MAX_VALUE, true));
    }

    @Test
    void rebootValueReachesLongMaxWithoutOverflow() {
        assertEquals(Long.MAX_VALUE, Counters.rebootValue(Long.MAX_VALUE - 2));
    }

    /**
     * Long.MAX_VALUE is a counter Values.parseCounter accepts, and odd (running): its shutdown value
     * would wrap around to Long.MIN_VALUE, a negative request. Regression test: the committed
     * version (7f5170d) returned Long.MIN_VALUE here.
     */
    @Test
    void shutdownValueRefusesOverflowAtLongMax() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Counters.shutdownValue(Long.MAX_VALUE));
        assertTrue(e.getMessage().contains(Long.toString(Long.MAX_VALUE)), e::getMessage);
        assertThrows(IllegalArgumentException.class, () -> Counters.requestValue(Long.MAX_VALUE, false));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 3, 7, 12345})
    void requestValuePicksByFlag(long running) {
        assertEquals(Counters.shutdownValue(running), Counters.requestValue(running, false));
        assertEquals(Counters.rebootValue(running), Counters.requestValue(running, true));
        assertEquals(running + 1, Counters.requestValue(running, false));
        assertEquals(running + 2, Counters.requestValue(running, true));
    }

    @ParameterizedTest
    @CsvSource({
        "6, 5, true",
        "7, 5, true",
        "1, 0, true",
        "5, 5, false",
        "4, 5, false",
        "0, 0, false",
        "6, 7, false"})
    void newRequestIsStrictlyAhead(long requested, long running, boolean expected) {
        assertEquals(expected, Counters.isNewRequest(requested, running));
    }

    @ParameterizedTest
    @CsvSource({
        "6, 6, true",
        "6, 7, true",
        "6, 8, true",
        "7, 7, true",
        "6, 5, false",
        "7, 6, false",
        "7, 5, false",
        "0, 0, true"})
    void acknowledgedWhenRunningReachedRequested(long requested, long running, boolean expected) {
        assertEquals(expected, Counters.isAcknowledged(requested, running));
    }

    /**
     * Why acknowledgement is {@code running >= requested} and not only {@code ==}: a domain asked to
     * shut down may stop and be started again (by the hypervisor or an operator) before the master
     * re-reads its counter — notifications are hints and a re-read can miss the exact moment. It
     * went through the requested value, so it did acknowledge; an equality check would wait forever.
     */
    @Test
    void domainThatStoppedAndRestartedBeforeBeingLookedAtCounts() {
        long running = 5;
        long requested = Counters.shutdownValue(running);
        assertFalse(Counters.isAcknowledged(requested, running), "not yet: still running");

        long stoppedThenStarted = running + 2; // stop (6), then start (7), seen only now
        assertTrue(Counters.isRunning(stoppedThenStarted));
        assertTrue(Counters.isAcknowledged(requested, stoppedThenStarted));
        // and the restarted domain's agent does not see the old request as new again
        assertFalse(Counters.isNewRequest(requested, stoppedThenStarted));
    }

    @Test
    void rebootIsAcknowledgedOnlyOnceStartedAgain() {
        long running = 9;
        long requested = Counters.rebootValue(running);
        assertFalse(Counters.isAcknowledged(requested, running + 1), "stopped, not yet started again");
        assertTrue(Counters.isNewRequest(requested, running + 1));
        assertTrue(Counters.isAcknowledged(requested, running + 2));
    }

    @ParameterizedTest
    @CsvSource({"0, false", "2, false", "42, false", "1, true", "3, true", "43, true"})
    void oddRequestIsReboot(long requested, boolean expected) {
        assertEquals(expected, Counters.isRebootRequest(requested));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 3, 101})
    void requestKindRoundTrips(long running) {
        assertFalse(Counters.isRebootRequest(Counters.shutdownValue(running)));
        assertTrue(Counters.isRebootRequest(Counters.rebootValue(running)));
    }
}
