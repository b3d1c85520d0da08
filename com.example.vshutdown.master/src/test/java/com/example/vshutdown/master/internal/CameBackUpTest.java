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
import com.example.vshutdown.protocol.VProperties;

/**
 * Case 1 of the safety issue: a slave asked to shut down that the hypervisor starts again before
 * the master looks has not acknowledged. The master says it came back up and asks it again, with
 * its new running + 1, within the same wait and deadline.
 */
class CameBackUpTest {
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    @Test
    void aSlaveThatCameBackUpIsAskedAgainAndTheMasterWaitsForIt() throws Exception {
        platform.domain(1, "1");
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.systemWide());
        fixture.scheduler.runDue();

        // stopped (2) and started again (3) before the master looked
        platform.properties.put(VProperties.running(1), "2");
        platform.setRunning(1, 3);
        fixture.scheduler.runDue();

        assertFalse(promise.isDone(), "a running slave is not acknowledged");
        assertTrue(fixture.nativeShutdown.calls.isEmpty(), "the master must not go down under it");
        assertEquals(List.of("domain 1 came back up (running 3 after request 2): not acknowledged; asking it again"),
                fixture.messages(ShutdownEvent.Type.CAME_BACK_UP));
        assertEquals(List.of("asked domain 1 to shut down (requested 2, running 1)",
                "asked domain 1 to shut down (requested 4, running 3)"), fixture.messages(ShutdownEvent.Type.REQUESTED));
        assertEquals("4", platform.requested(1));

        fixture.scheduler.advance(Duration.ofMillis(7));
        platform.setRunning(1, 4);
        ShutdownResult result = fixture.finish(promise);

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(Status.ACKNOWLEDGED, result.domains().get(0).status());
        assertEquals(4, result.domains().get(0).requested().getAsLong());
        assertEquals(Duration.ofMillis(7), result.domains().get(0).elapsed().orElseThrow(),
                "counted from the first request");
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    @Test
    void aSlaveThatKeepsComingBackUpCancelsAtTheDeadline() throws Exception {
        platform.domain(1, "1");
        // a guest that the hypervisor restarts every time it goes down
        platform.onWrite = (name, value) -> {
            if (name.equals(VProperties.requested(1))) {
                long asked = Long.parseLong(value);
                fixture.scheduler.schedule(() -> {
                    platform.properties.put(VProperties.running(1), Long.toString(asked));
                    platform.setRunning(1, asked + 1);
                }, 10, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        };

        ShutdownResult result = fixture.after(Duration.ofMillis(45),
                fixture.coordinator().submit(ShutdownRequest.systemWide().withTimeout(Duration.ofMillis(45))));

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(4, fixture.messages(ShutdownEvent.Type.CAME_BACK_UP).size(), "at 10, 20, 30 and 40 ms");
        String requested = "write " + VProperties.requested(1) + "=";
        assertEquals(List.of(requested + "2", requested + "4", requested + "6", requested + "8", requested + "10",
                requested + "9"), platform.writes(), "asked five times, each with its new running + 1, then withdrawn");
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
    }

    @Test
    void aRebootThatPassedThroughItsValueIsAcknowledged() throws Exception {
        platform.domain(1, "1");
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.selective(1).withReboot(true));
        fixture.scheduler.runDue();

        // rebooted (3) and stopped again (4) before the master looked: it did what was asked
        platform.properties.put(VProperties.running(1), "3");
        platform.setRunning(1, 4);

        ShutdownResult result = fixture.finish(promise);
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertTrue(fixture.messages(ShutdownEvent.Type.CAME_BACK_UP).isEmpty());
    }

    @Test
    void aShutdownThatWentDownTwiceIsAcknowledged() throws Exception {
        platform.domain(1, "1");
        Promise<ShutdownResult> promise = fixture.coordinator().submit(ShutdownRequest.selective(1));
        fixture.scheduler.runDue();

        platform.properties.put(VProperties.running(1), "3");
        platform.setRunning(1, 4);

        assertEquals(Outcome.COMPLETED, fixture.finish(promise).outcome());
        assertEquals(List.of("write " + VProperties.requested(1) + "=2"), platform.writes(), "asked once");
    }
}
