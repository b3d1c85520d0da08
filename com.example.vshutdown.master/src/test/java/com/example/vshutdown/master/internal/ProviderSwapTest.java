package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;

/**
 * A wait outlives the provider it started with: it follows a swap, holds on for the provider grace
 * while none is bound (a provider bundle being updated), and ends cleanly when none comes back.
 */
class ProviderSwapTest {
    private static final Duration GRACE = Duration.ofMillis(5000);
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

    /** The QNX finding: the only provider bundle updated under a waiting shutdown must not cancel it. */
    @Test
    void aProviderThatComesBackWithinTheGraceLosesNothing() throws Exception {
        first.domain(1, "1").domain(2, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.systemWide());
        fixture.scheduler.runDue();

        fixture.providerPresent = false;
        coordinator.providerChanged();
        fixture.scheduler.advance(GRACE.minusMillis(1));
        assertFalse(promise.isDone(), () -> "ended while waiting for a provider: " + fixture.events);
        assertEquals(List.of("no vproperty provider is bound (fake platform went away: its bundle may be being "
                + "updated); waiting up to 5000 ms for one"), fixture.messages(ShutdownEvent.Type.PROVIDER_WAIT));

        FakePlatform updated = new FakePlatform(first);
        fixture.bound = updated;
        fixture.providerPresent = true;
        coordinator.providerChanged();
        fixture.scheduler.runDue();
        updated.setRunning(1, 2);
        updated.setRunning(2, 2);

        ShutdownResult result = fixture.after(GRACE, promise);
        assertEquals(Outcome.COMPLETED, result.outcome(), result::toString);
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
        assertEquals("a vproperty provider is bound again (fake platform): the wait goes on",
                fixture.messages(ShutdownEvent.Type.PROVIDER_WAIT).get(1));
    }

    @Test
    void whenNoProviderComesBackWithinTheGraceTheShutdownIsCancelledAndTheMasterStaysUp() throws Exception {
        first.domain(1, "1").domain(2, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.systemWide().withForce(true)
                .withTimeout(Duration.ofHours(1)));
        fixture.scheduler.runDue();

        fixture.providerPresent = false;
        coordinator.providerChanged();
        fixture.scheduler.advance(GRACE.minusMillis(1));
        assertFalse(promise.isDone());

        ShutdownResult result = fixture.after(Duration.ofMillis(1), promise);
        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(WaitEnd.PROVIDER_LOST, result.waitEnd());
        assertEquals("cancelled (the vproperty provider went away during the wait and none was bound again within "
                + "5000 ms); domains 1, 2 did not acknowledge; nothing was forced; the master was NOT shut down; "
                + "NOT withdrawn: domains 1, 2 (they may still go down)", result.message());
        assertTrue(result.domains().stream().allMatch(d -> d.status() == Status.NOT_ACKNOWLEDGED));
        // the reasons are not read from the gone provider: it is not asked to explain anything
        assertTrue(result.domains().stream().allMatch(d -> d.reason().startsWith("unknown: ")), result::toString);
        assertTrue(fixture.nativeShutdown.calls.isEmpty(), "the master is not shut down");
        assertTrue(first.hardStopped.isEmpty(), "force cannot act without a provider");
        assertEquals(0, fixture.scheduler.pending(), "the deadline an hour away is not left behind");
    }

    @Test
    void theGraceNeverOutlastsTheShutdownsDeadline() throws Exception {
        first.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.selective(1)
                .withTimeout(Duration.ofMillis(1000)));
        fixture.scheduler.advance(Duration.ofMillis(900));
        fixture.providerPresent = false;
        coordinator.providerChanged();

        ShutdownResult result = fixture.after(Duration.ofMillis(100), promise);

        assertEquals(WaitEnd.PROVIDER_LOST, result.waitEnd());
        assertEquals(Duration.ofMillis(1000), result.elapsed());
    }

    @Test
    void aGraceOfZeroEndsTheWaitAtOnce() throws Exception {
        fixture.configuration.put("provider.grace.ms", "0");
        first.domain(1, "1");
        Coordinator coordinator = fixture.coordinator();
        Promise<ShutdownResult> promise = coordinator.submit(ShutdownRequest.selective(1));
        fixture.scheduler.runDue();

        fixture.providerPresent = false;
        coordinator.providerChanged();

        assertEquals(WaitEnd.PROVIDER_LOST, fixture.finish(promise).waitEnd());
    }
}
