package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;

/**
 * The lead's refusal policy: while any provider has registered a ConfigurationFault (it was
 * configured explicitly, and its settings are malformed), the master refuses every operation that
 * needs the platform, whatever provider is bound, so that a lower-ranked one (a simulator) never
 * silently serves in its place.
 */
class ConfigurationFaultTest {
    private static final String FAULT = "vshutdown.linux.netlink.group: '0' is not a multicast group (1-32)";
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    @Test
    void aShutdownIsRefusedAsBadInputEvenThoughAProviderIsBound() {
        platform.domain(1, "1");
        fixture.fault = FAULT;

        ShutdownException e = assertThrows(ShutdownException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertEquals(ExitStatus.BAD_INPUT, e.status());
        assertEquals("the platform is misconfigured: " + FAULT, e.getMessage());
        assertTrue(platform.writes().isEmpty());
        assertTrue(platform.log.isEmpty(), "nothing was even read");
    }

    @Test
    void domainsIsRefusedToo() {
        fixture.fault = FAULT;

        ShutdownException e = assertThrows(ShutdownException.class, () -> fixture.coordinator().domains());

        assertEquals(ExitStatus.BAD_INPUT, e.status());
        assertEquals("the platform is misconfigured: " + FAULT, e.getMessage());
    }

    @Test
    void withoutAnyProviderTheFaultIsStillWhatIsSaid() {
        fixture.providerPresent = false;
        fixture.fault = FAULT;

        ShutdownException e = assertThrows(ShutdownException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.selective(1)));

        assertEquals(ExitStatus.BAD_INPUT, e.status());
    }

    @Test
    void onceTheFaultIsGoneTheBoundProviderServesAgain() throws Exception {
        platform.domain(1, "2");
        fixture.fault = FAULT;
        Coordinator coordinator = fixture.coordinator();
        assertThrows(ShutdownException.class, coordinator::domains);

        fixture.fault = null;

        assertEquals(2, coordinator.domains().size());
        assertFalse(fixture.finish(coordinator.submit(ShutdownRequest.selective(1))).domains().isEmpty());
    }
}
