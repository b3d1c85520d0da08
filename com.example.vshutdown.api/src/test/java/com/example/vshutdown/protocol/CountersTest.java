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
        "6, 5, PENDING",
        "6, 4, PENDING",
        "6, 6, ACKNOWLEDGED",
        "6, 8, ACKNOWLEDGED",
        "6, 7, CAME_BACK_UP",
        "6, 9, CAME_BACK_UP",
        "7, 5, PENDING",
        "7, 6, PENDING",
        "7, 7, ACKNOWLEDGED",
        "7, 8, ACKNOWLEDGED",
        "7, 9, ACKNOWLEDGED",
        "0, 0, ACKNOWLEDGED",
        "0, 1, CAME_BACK_UP",
        "1, 0, PENDING",
        "9223372036854775806, 9223372036854775805, PENDING",
        "9223372036854775806, 9223372036854775806, ACKNOWLEDGED",
        "9223372036854775806, 9223372036854775807, CAME_BACK_UP",
        "9223372036854775807, 9223372036854775807, ACKNOWLEDGED"})
    void answerOfTheRunningCounter(long requested, long running, Counters.Answer expected) {
        assertEquals(expected, Counters.answer(requested, running));
    }

    /** Every pair of small counters: a shutdown is pending below, acknowledged when even, came back up when odd. */
    @Test
    void everyShutdownRequestAgainstEveryLaterCounter() {
        for (long requested = 0; requested <= 40; requested += 2) {
            for (long running = 0; running <= 50; running++) {
                Counters.Answer expected = running < requested ? Counters.Answer.PENDING
                        : running % 2 == 0 ? Counters.Answer.ACKNOWLEDGED : Counters.Answer.CAME_BACK_UP;
                assertEquals(expected, Counters.answer(requested, running), requested + "/" + running);
            }
        }
    }

    /** Every pair of small counters: a reboot is pending below and acknowledged at or above, odd or even. */
    @Test
    void everyRebootRequestAgainstEveryLaterCounter() {
        for (long requested = 1; requested <= 41; requested += 2) {
            for (long running = 0; running <= 50; running++) {
                Counters.Answer expected = running < requested ? Counters.Answer.PENDING : Counters.Answer.ACKNOWLEDGED;
                assertEquals(expected, Counters.answer(requested, running), requested + "/" + running);
            }
        }
    }

    /**
     * Case 1 of the safety issue: a slave asked to shut down (R+1) that the hypervisor starts again
     * (R+2, odd) before the master looks must not count as acknowledged, or the master would power
     * the machine off under a running guest. It came back up and is asked again.
     */
    @Test
    void aDomainThatStoppedAndCameBackUpBeforeBeingLookedAtIsNotAcknowledged() {
        long running = 5;
        long requested = Counters.shutdownValue(running);
        assertEquals(Counters.Answer.PENDING, Counters.answer(requested, running), "not yet: still running");

        long stoppedThenStarted = running + 2; // stop (6), then start (7), seen only now
        assertTrue(Counters.isRunning(stoppedThenStarted));
        assertEquals(Counters.Answer.CAME_BACK_UP, Counters.answer(requested, stoppedThenStarted));
        // its agent does not see the old request as new again: the master must write a new one
        assertFalse(Counters.isNewRequest(requested, stoppedThenStarted));
        assertTrue(Counters.isNewRequest(Counters.shutdownValue(stoppedThenStarted), stoppedThenStarted));
        // went down once more before the master looked: acknowledged
        assertEquals(Counters.Answer.ACKNOWLEDGED, Counters.answer(requested, stoppedThenStarted + 1));
    }

    @Test
    void rebootIsAcknowledgedOnlyOnceStartedAgain() {
        long running = 9;
        long requested = Counters.rebootValue(running);
        assertEquals(Counters.Answer.PENDING, Counters.answer(requested, running + 1), "stopped, not yet started again");
        assertTrue(Counters.isNewRequest(requested, running + 1));
        assertEquals(Counters.Answer.ACKNOWLEDGED, Counters.answer(requested, running + 2));
        // it rebooted and then stopped (or rebooted again) before the master looked: it passed through the request
        assertEquals(Counters.Answer.ACKNOWLEDGED, Counters.answer(requested, running + 3));
        assertEquals(Counters.Answer.ACKNOWLEDGED, Counters.answer(requested, running + 4));
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
