package com.example.vshutdown.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The request of DESIGN.md "The command": system-wide or selective, -r, -f, -t ms. */
class ShutdownRequestTest {

    @Test
    void systemWideDefaults() {
        ShutdownRequest request = ShutdownRequest.systemWide();
        assertTrue(request.isSystemWide());
        assertEquals(OptionalInt.empty(), request.domain());
        assertFalse(request.reboot());
        assertFalse(request.force());
        assertEquals(Optional.empty(), request.timeout(), "without -t: wait until every domain answers");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, Integer.MAX_VALUE})
    void selectiveDefaults(int domain) {
        ShutdownRequest request = ShutdownRequest.selective(domain);
        assertFalse(request.isSystemWide());
        assertEquals(OptionalInt.of(domain), request.domain());
        assertFalse(request.reboot());
        assertFalse(request.force());
        assertEquals(Optional.empty(), request.timeout());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -7, Integer.MIN_VALUE})
    void negativeDomainIsRefused(int domain) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShutdownRequest.selective(domain));
        assertTrue(e.getMessage().contains(Integer.toString(domain)), e::getMessage);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, -1000, Long.MIN_VALUE})
    void negativeTimeoutIsRefused(long millis) {
        ShutdownRequest request = ShutdownRequest.systemWide();
        assertThrows(IllegalArgumentException.class, () -> request.withTimeout(Duration.ofMillis(millis)));
        assertThrows(IllegalArgumentException.class, () -> request.withTimeout(Duration.ofNanos(-1)));
    }

    @Test
    void aTimeoutUpToTheMaximumIsAcceptedAndNoLonger() {
        ShutdownRequest request = ShutdownRequest.systemWide();
        assertEquals(Optional.of(ShutdownRequest.MAX_TIMEOUT), request.withTimeout(ShutdownRequest.MAX_TIMEOUT).timeout());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> request.withTimeout(ShutdownRequest.MAX_TIMEOUT.plusMillis(1)));
        assertTrue(e.getMessage().contains("at most 31536000000 ms"), e::getMessage);
        assertThrows(IllegalArgumentException.class, () -> request.withTimeout(Duration.ofMillis(9223372037000L)));
    }

    /** The deadline is a nanosecond clock plus the time-out: the maximum leaves that sum far from overflowing. */
    @Test
    void theMaximumTimeoutCannotOverflowANanosecondDeadline() {
        long clockAtItsWorst = Long.MAX_VALUE / 2;
        assertTrue(ShutdownRequest.MAX_TIMEOUT.toNanos() < Long.MAX_VALUE - clockAtItsWorst);
    }

    @Test
    void zeroTimeoutIsAllowed() {
        assertEquals(Optional.of(Duration.ZERO), ShutdownRequest.systemWide().withTimeout(Duration.ZERO).timeout());
    }

    @Test
    void nullTimeoutIsRefused() {
        assertThrows(NullPointerException.class, () -> ShutdownRequest.systemWide().withTimeout(null));
    }

    @Test
    void withRebootKeepsOtherFields() {
        ShutdownRequest base = ShutdownRequest.selective(4).withForce(true).withTimeout(Duration.ofSeconds(3));
        ShutdownRequest copy = base.withReboot(true);
        assertTrue(copy.reboot());
        assertEquals(OptionalInt.of(4), copy.domain());
        assertTrue(copy.force());
        assertEquals(Optional.of(Duration.ofSeconds(3)), copy.timeout());
        assertFalse(copy.withReboot(false).reboot());
    }

    @Test
    void withForceKeepsOtherFields() {
        ShutdownRequest base = ShutdownRequest.selective(5).withReboot(true).withTimeout(Duration.ofMillis(250));
        ShutdownRequest copy = base.withForce(true);
        assertTrue(copy.force());
        assertEquals(OptionalInt.of(5), copy.domain());
        assertTrue(copy.reboot());
        assertEquals(Optional.of(Duration.ofMillis(250)), copy.timeout());
        assertFalse(copy.withForce(false).force());
    }

    @Test
    void withTimeoutKeepsOtherFields() {
        ShutdownRequest base = ShutdownRequest.systemWide().withReboot(true).withForce(true);
        ShutdownRequest copy = base.withTimeout(Duration.ofMillis(1500));
        assertEquals(Optional.of(Duration.ofMillis(1500)), copy.timeout());
        assertTrue(copy.isSystemWide());
        assertTrue(copy.reboot());
        assertTrue(copy.force());
    }

    @Test
    void withoutTimeoutKeepsOtherFieldsAndClearsTheTimeout() {
        ShutdownRequest base = ShutdownRequest.selective(2).withReboot(true).withForce(true)
                .withTimeout(Duration.ofMillis(10));
        ShutdownRequest copy = base.withoutTimeout();
        assertEquals(Optional.empty(), copy.timeout());
        assertEquals(OptionalInt.of(2), copy.domain());
        assertTrue(copy.reboot());
        assertTrue(copy.force());
    }

    /** Requests are shared between threads and listeners: a with* call never changes the original. */
    @Test
    void copiesLeaveTheOriginalUnchanged() {
        ShutdownRequest original = ShutdownRequest.selective(3);
        ShutdownRequest changed = original.withReboot(true).withForce(true).withTimeout(Duration.ofSeconds(1));
        assertNotSame(original, changed);
        assertFalse(original.reboot());
        assertFalse(original.force());
        assertEquals(Optional.empty(), original.timeout());
        assertEquals(OptionalInt.of(3), original.domain());

        ShutdownRequest timed = ShutdownRequest.systemWide().withTimeout(Duration.ofSeconds(9));
        timed.withoutTimeout();
        timed.withTimeout(Duration.ofSeconds(1));
        assertEquals(Optional.of(Duration.ofSeconds(9)), timed.timeout());
    }

    @Test
    void isSystemWideFollowsTheDomain() {
        assertTrue(ShutdownRequest.systemWide().withReboot(true).withForce(true).isSystemWide());
        assertFalse(ShutdownRequest.selective(0).isSystemWide(), "domain 0 is still a selective target");
        assertFalse(ShutdownRequest.selective(0).withReboot(true).withoutTimeout().isSystemWide());
    }

    @ParameterizedTest
    @CsvSource({
        "false, false, -1, shutdown",
        "true, false, -1, reboot",
        "false, true, -1, shutdown",
        "true, true, 1500, reboot",
        "false, false, 0, shutdown"})
    void toStringMentionsRebootForceAndTimeout(boolean reboot, boolean force, long timeoutMillis, String verb) {
        ShutdownRequest request = ShutdownRequest.selective(6).withReboot(reboot).withForce(force);
        if (timeoutMillis >= 0) {
            request = request.withTimeout(Duration.ofMillis(timeoutMillis));
        }
        String text = request.toString();
        assertTrue(text.startsWith(verb), text);
        assertEquals(!reboot, text.contains("shutdown"), text);
        assertEquals(reboot, text.contains("reboot"), text);
        assertEquals(force, text.contains("forced"), text);
        assertEquals(timeoutMillis >= 0, text.contains("time-out"), text);
        if (timeoutMillis >= 0) {
            assertTrue(text.contains("time-out " + timeoutMillis + " ms"), text);
        }
        assertTrue(text.contains("domain 6"), text);
    }

    @Test
    void toStringDistinguishesSystemFromDomain() {
        String system = ShutdownRequest.systemWide().toString();
        String selective = ShutdownRequest.selective(12).toString();
        assertTrue(system.contains("system"), system);
        assertFalse(system.contains("domain"), system);
        assertTrue(selective.contains("domain 12"), selective);
        assertFalse(selective.contains("system"), selective);
        assertEquals(1, ShutdownRequest.systemWide().withReboot(true).withForce(true)
                .withTimeout(Duration.ofSeconds(2)).toString().lines().count());
    }

    @Test
    void slavesOnlyIsASystemWideShutdownAndKeepsTheOtherFields() {
        ShutdownRequest request = ShutdownRequest.systemWide().withForce(true).withTimeout(Duration.ofMillis(500))
                .withSlavesOnly(true);
        assertTrue(request.slavesOnly());
        assertTrue(request.isSystemWide());
        assertTrue(request.force());
        assertFalse(request.reboot());
        assertEquals(Optional.of(Duration.ofMillis(500)), request.timeout());
        assertTrue(request.withForce(false).withoutTimeout().slavesOnly(), "the other builders keep it");
        assertFalse(request.withSlavesOnly(false).slavesOnly());
        assertFalse(ShutdownRequest.systemWide().slavesOnly(), "not unless asked for");
        assertEquals("shutdown of the slaves only, forced, time-out 500 ms", request.toString());
    }

    @Test
    void aSelectiveRequestCannotBeSlavesOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShutdownRequest.selective(3).withSlavesOnly(true));
        assertEquals("slaves-only is system-wide: it takes no vmid (domain 3 given)", e.getMessage());
        assertFalse(ShutdownRequest.selective(3).withSlavesOnly(false).slavesOnly());
    }

    @Test
    void aSlavesOnlyRequestRebootsNothingInWhicheverOrderItIsBuilt() {
        String expected = "reboot and slaves-only do not go together: a slaves-only shutdown runs no native "
                + "command of the master, so nothing would reboot";
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> ShutdownRequest.systemWide().withReboot(true).withSlavesOnly(true)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class,
                () -> ShutdownRequest.systemWide().withSlavesOnly(true).withReboot(true)).getMessage());
        assertFalse(ShutdownRequest.systemWide().withSlavesOnly(true).withReboot(false).reboot());
    }
}
