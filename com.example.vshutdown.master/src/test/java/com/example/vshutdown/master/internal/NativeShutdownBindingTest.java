package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ProviderUnavailableException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;

/**
 * Case 9 of the safety issue: the master's native shutdown is the one bound when the master's step
 * comes, not the one bound when the request was submitted; a submit is still refused early when
 * none is bound at all.
 */
class NativeShutdownBindingTest {
    private static final Duration DELAY = Duration.ofMillis(10);
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    @Test
    void aNativeShutdownSwappedDuringTheWaitIsTheOneCalled() throws Exception {
        platform.domain(1, "1");
        new Slaves(fixture, DELAY).cooperate(1);
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide());
        fixture.scheduler.runDue();
        FakePlatform.RecordingNative updated = new FakePlatform.RecordingNative();

        fixture.boundNative = updated;
        ShutdownResult result = fixture.after(DELAY, promise);

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(List.of("shutdown"), updated.calls);
        assertTrue(fixture.nativeShutdown.calls.isEmpty(), "the stale instance is not called");
    }

    @Test
    void aNativeShutdownGoneDuringTheWaitFailsTheMastersStepAndSaysSo() throws Exception {
        platform.domain(1, "1");
        new Slaves(fixture, DELAY).cooperate(1);
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide().withReboot(true));
        fixture.scheduler.runDue();

        fixture.boundNative = null;
        ShutdownResult result = fixture.after(DELAY, promise);

        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals(MasterAction.NONE, result.masterAction());
        assertTrue(result.message().endsWith("no native shutdown service is available: the master was not shut down"),
                result.message());
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
    }

    @Test
    void aSystemWideShutdownWithoutAnyNativeShutdownIsRefusedBeforeAnythingIsWritten() {
        platform.domain(1, "1");
        fixture.boundNative = null;

        assertThrows(ProviderUnavailableException.class,
                () -> fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertTrue(platform.writes().isEmpty());
    }
}
