package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.InvalidRequestException;
import com.example.vshutdown.api.ProviderUnavailableException;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.protocol.VProperties;

class SelectiveShutdownTest {
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;
    private static final Duration DELAY = Duration.ofMillis(5);

    @Test
    void onlyTheTargetShutsDownAndTheMasterIsNotTouched() throws Exception {
        platform.domain(1, "1").domain(2, "3");
        new Slaves(fixture, DELAY).cooperate(1, 2);

        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.selective(2)));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals("4", platform.requested(2));
        assertNull(platform.requested(1));
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
        assertEquals(MasterAction.NONE, result.masterAction());
        assertEquals("4", platform.properties.get(VProperties.running(2)));
    }

    @Test
    void aRebootWritesTheNextOddValueAndWaitsForTheRestart() throws Exception {
        platform.domain(3, "5");
        new Slaves(fixture, DELAY).cooperate(3);

        ShutdownResult result = fixture.after(DELAY,
                fixture.coordinator().submit(ShutdownRequest.selective(3).withReboot(true)));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals("7", platform.requested(3));
        assertEquals("7", platform.properties.get(VProperties.running(3)));
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
    }

    @Test
    void aStoppedTargetHasNothingToDoAndSaysSo() throws Exception {
        platform.domain(4, "2");

        ShutdownResult result = fixture.finish(fixture.coordinator().submit(ShutdownRequest.selective(4)));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(Status.NOT_RUNNING, result.domains().get(0).status());
        assertTrue(result.message().contains("already stopped"), result.message());
        assertTrue(platform.writes().isEmpty());
    }

    @Test
    void aRebootOfAStoppedTargetIsRefused() {
        platform.domain(4, "2");

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.selective(4).withReboot(true)));

        assertTrue(e.getMessage().contains("stopped"), e.getMessage());
        assertEquals(ExitStatus.BAD_INPUT, e.status());
        assertTrue(platform.writes().isEmpty());
    }

    @Test
    void anInvalidTargetIsRefusedAndLeftAlone() {
        platform.domain(5, "-3");

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.selective(5)));

        assertTrue(e.getMessage().contains("'-3'"), e.getMessage());
        assertTrue(platform.writes().isEmpty());
    }

    @Test
    void anUnknownTargetIsRefused() {
        platform.domain(1, "1");

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.selective(42)));

        assertTrue(e.getMessage().contains("42") && e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(platform.writes().isEmpty());
    }

    @Test
    void theMastersOwnDomainCannotBeTargeted() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.selective(0)));

        assertTrue(e.getMessage().contains("master"), e.getMessage());
        assertTrue(platform.writes().isEmpty());
    }

    @Test
    void aCounterWithNoRoomLeftIsRefusedRatherThanOverflowed() {
        platform.domain(6, Long.toString(Long.MAX_VALUE));

        assertThrows(InvalidRequestException.class, () -> fixture.coordinator().submit(ShutdownRequest.selective(6)));

        assertTrue(platform.writes().isEmpty());
    }

    @Test
    void withoutAProviderTheServiceSaysSo() {
        fixture.providerPresent = false;

        ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.selective(1)));

        assertTrue(e.getMessage().contains("no vproperty provider"), e.getMessage());
        assertEquals(ExitStatus.ERROR, e.status());
    }

    @Test
    void aMisconfiguredPlatformIsBadInput() {
        fixture.providerPresent = false;
        fixture.fault = "vshutdown.sim.domains: entry '2:sleep' has unknown behaviour 'sleep'";

        ShutdownException e = assertThrows(ShutdownException.class,
                () -> fixture.coordinator().domains());

        assertEquals(ExitStatus.BAD_INPUT, e.status());
        assertTrue(e.getMessage().contains("2:sleep"), e.getMessage());
    }

    @Test
    void aSystemWideShutdownWithoutNativeShutdownStartsNothing() {
        platform.domain(1, "1");
        fixture.boundNative = null;

        assertThrows(ProviderUnavailableException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertTrue(platform.writes().isEmpty());
    }

    @Test
    void domainsListsEveryDomainWithStateAndPendingRequest() throws Exception {
        platform.domain(1, "1").domain(2, "4").domain(3, "x");
        platform.properties.put(VProperties.requested(1), "2\n");

        var domains = fixture.coordinator().domains();

        assertEquals(List.of(0, 1, 2, 3), domains.stream().map(d -> d.id()).toList());
        assertTrue(domains.get(0).master());
        assertTrue(domains.get(1).pendingRequest());
        assertEquals("stopped", domains.get(2).state().word());
        assertEquals("invalid", domains.get(3).state().word());
    }
}
