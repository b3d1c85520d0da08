package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.WaitBound;
import com.example.vshutdown.api.WaitBound.Kind;

/**
 * domain.<id>.timeout.ms gives one slave a longer or shorter wait than -t, from its request, also
 * without -t; a later group gets at least the group grace; the result says which bound applied.
 */
class DomainBoundsTest {
    private static final Duration T = Duration.ofMillis(100);
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    private Promise<ShutdownResult> submit(ShutdownRequest request) throws Exception {
        return fixture.coordinator().submit(request);
    }

    @Test
    void aSlowDomainWithALongerOwnTimeOutIsWaitedForBeyondMinusT() throws Exception {
        fixture.frameworkProperties.put("vshutdown.master.domain.2.timeout.ms", "300");
        platform.domain(1, "1").domain(2, "1");
        new Slaves(fixture, Duration.ofMillis(10)).cooperate(1).cooperate(Duration.ofMillis(250), 2);
        Promise<ShutdownResult> promise = submit(ShutdownRequest.systemWide().withTimeout(T));

        fixture.scheduler.advance(T.plusMillis(50));
        assertFalse(promise.isDone(), () -> "ended at -t: " + fixture.events);
        ShutdownResult result = fixture.after(Duration.ofMillis(100), promise);

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(Optional.of(WaitBound.of(Kind.DOMAIN, Duration.ofMillis(300))), outcome(result, 2).bound());
        assertEquals(Optional.of(WaitBound.of(Kind.SHUTDOWN, T)), outcome(result, 1).bound());
        assertEquals(List.of("  domain 1    acknowledged after 10 ms (bound: -t 100 ms)",
                "  domain 2    acknowledged after 250 ms (bound: its own time-out, 300 ms)"),
                TextFormat.summary(result).subList(1, 3));
    }

    @Test
    void aShorterOwnTimeOutEndsTheWaitEarlyAndSaysWhose() throws Exception {
        fixture.frameworkProperties.put("vshutdown.master.domain.2.timeout.ms", "50");
        platform.domain(1, "1").domain(2, "1");
        new Slaves(fixture, Duration.ofMillis(80)).cooperate(1);
        Promise<ShutdownResult> promise = submit(ShutdownRequest.systemWide().withTimeout(Duration.ofSeconds(10)));

        fixture.scheduler.advance(Duration.ofMillis(49));
        assertFalse(promise.isDone());
        ShutdownResult result = fixture.after(Duration.ofMillis(1), promise);

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(WaitEnd.TIMED_OUT, result.waitEnd());
        assertTrue(result.message().startsWith("cancelled (no acknowledgement from domain 2 within its own time-out "
                + "of 50 ms): domain 1: picked up but the domain did not stop; domain 2: "), result.message());
        assertEquals(Status.NOT_ACKNOWLEDGED, outcome(result, 1).status());
        assertTrue(fixture.nativeShutdown.calls.isEmpty());
    }

    @Test
    void anOwnTimeOutAppliesWithoutMinusTToo() throws Exception {
        fixture.frameworkProperties.put("vshutdown.master.domain.1.timeout.ms", "500");
        platform.domain(1, "1");

        ShutdownResult result = fixture.after(Duration.ofMillis(500), submit(ShutdownRequest.selective(1)));

        assertEquals(WaitEnd.TIMED_OUT, result.waitEnd());
        assertEquals(Optional.of(WaitBound.of(Kind.DOMAIN, Duration.ofMillis(500))), outcome(result, 1).bound());
    }

    @Test
    void withForceADomainIsHardStoppedWhenItsOwnTimeOutPasses() throws Exception {
        fixture.configuration.put("domain.2.timeout.ms", 50L);
        platform.domain(1, "1").domain(2, "1");
        new Slaves(fixture, Duration.ofMillis(10)).cooperate(1);
        Promise<ShutdownResult> promise = submit(ShutdownRequest.systemWide().withForce(true));

        fixture.scheduler.advance(Duration.ofMillis(49));
        assertTrue(platform.hardStopped.isEmpty());
        ShutdownResult result = fixture.after(Duration.ofMillis(1), promise);

        assertEquals(List.of(2), platform.hardStopped);
        assertEquals(Outcome.FORCED, result.outcome());
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
    }

    /** A later group asked just before the deadline still gets the group grace: never a wait of a moment. */
    @Test
    void aLaterGroupAskedNearTheDeadlineGetsTheGroupGrace() throws Exception {
        fixture.frameworkProperties.put("vshutdown.master.stop.order", "*;5");
        fixture.frameworkProperties.put("vshutdown.master.group.grace.ms", "50");
        platform.domain(1, "1").domain(5, "1");
        new Slaves(fixture, Duration.ofMillis(90)).cooperate(1);
        Promise<ShutdownResult> promise = submit(ShutdownRequest.systemWide().withTimeout(T));

        fixture.scheduler.advance(T);
        assertFalse(promise.isDone(), "domain 5 was asked at 90 ms: it has until 140 ms");
        ShutdownResult result = fixture.after(Duration.ofMillis(40), promise);

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(Duration.ofMillis(140), result.elapsed());
        assertEquals(Optional.of(WaitBound.of(Kind.GROUP_GRACE, Duration.ofMillis(50))), outcome(result, 5).bound());
        assertTrue(result.message().startsWith("cancelled (no acknowledgement from domain 5 within the group grace of "
                + "50 ms)"), result.message());
    }

    @Test
    void aLaterGroupWithTimeEnoughLeftKeepsTheDeadline() throws Exception {
        fixture.frameworkProperties.put("vshutdown.master.stop.order", "*;5");
        fixture.frameworkProperties.put("vshutdown.master.group.grace.ms", "50");
        platform.domain(1, "1").domain(5, "1");
        new Slaves(fixture, Duration.ofMillis(10)).cooperate(1);

        ShutdownResult result = fixture.after(T, submit(ShutdownRequest.systemWide().withTimeout(T)));

        assertEquals(Duration.ofMillis(100), result.elapsed());
        assertEquals(Optional.of(WaitBound.of(Kind.SHUTDOWN, T)), outcome(result, 5).bound());
    }

    private static DomainOutcome outcome(ShutdownResult result, int id) {
        return result.domains().stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }
}
