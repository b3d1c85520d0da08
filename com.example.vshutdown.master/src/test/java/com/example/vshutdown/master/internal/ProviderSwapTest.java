package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;

/** A wait outlives the provider it started with: it follows a swap, and ends cleanly without one. */
class ProviderSwapTest {
    private final Fixture fixture = new Fixture();
    private final FakePlatform first = fixture.platform;

    @Test
    void aShutdownWaitingAcrossASwapToTheSamePlatformCompletes() throws Exception {
        first.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.selective(1));
        fixture.scheduler.runDue();
        FakePlatform second = new FakePlatform(first);

        fixture.bound = second;
        coordinator.providerChanged();
        fixture.scheduler.runDue();
        assertEquals(1, second.subscribers(), "the wait moved to the new provider");
        assertEquals(0, first.subscribers(), "the old provider is left alone");
        // only the new provider notifies; the safety re-read is an hour away
        second.setRunning(1, 2);

        ShutdownResult result = fixture.finish(promise);
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(0, second.subscribers(), "the subscription ends with the shutdown");
    }

    @Test
    void whenTheLastProviderGoesAwayTheShutdownIsCancelledAndTheMasterStaysUp() throws Exception {
        first.domain(1, "1").domain(2, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.systemWide().withForce(true)
                .withTimeout(Duration.ofHours(1)));
        fixture.scheduler.runDue();
        assertFalse(promise.isDone());

        fixture.providerPresent = false;
        coordinator.providerChanged();

        ShutdownResult result = fixture.finish(promise);
        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(WaitEnd.PROVIDER_LOST, result.waitEnd());
        assertTrue(result.message().contains("provider went away"), result.message());
        assertTrue(result.domains().stream().allMatch(d -> d.status() == Status.NOT_ACKNOWLEDGED));
        // the reasons are not read from the gone provider: it is not asked to explain anything
        assertTrue(result.domains().stream().allMatch(d -> d.reason().startsWith("unknown: ")), result::toString);
        assertTrue(fixture.nativeShutdown.calls.isEmpty(), "the master is not shut down");
        assertTrue(first.hardStopped.isEmpty(), "force cannot act without a provider");
        assertEquals(0, fixture.scheduler.pending(), "the deadline an hour away is not left behind");
    }
}
