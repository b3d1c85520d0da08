package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.protocol.VProperties;

/**
 * A domain whose counter moved after the master's last look and before its wait ended (the
 * notification lost, or still on its way): the summary says what the counter says, and a request
 * that is no longer ahead of the counter is not reported as one that may still take the domain down.
 * Found by the failure matrix, where a bouncing domain was summed up as "picked up but the domain
 * did not stop" and "NOT withdrawn: … the domain may still go down" although it had gone down and
 * was running again.
 */
class LateAnswerTest {
    private static final Duration TIMEOUT = Duration.ofMillis(10);
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    @Test
    void aDomainThatCameBackUpAsTheWaitEndedIsSaidToRunAgainAndHasNothingToWithdraw() throws Exception {
        platform.domain(1, "1");
        Promise<ShutdownResult> promise = fixture.coordinator().submit(
                ShutdownRequest.selective(1).withTimeout(TIMEOUT));
        fixture.scheduler.runDue();
        // its agent picked the request up, the guest went down and was started again; nothing told the master
        platform.notify = false;
        platform.set(VProperties.status(1), "picked-up 2");
        platform.setRunning(1, 3);

        ShutdownResult result = fixture.after(TIMEOUT, promise);

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(Status.NOT_ACKNOWLEDGED, result.domains().get(0).status());
        assertEquals("came back up (running 3 after request 2): it runs again", result.domains().get(0).reason());
        assertEquals(List.of(), result.withdrawals(), "request 2 is behind the counter: nothing to withdraw");
        assertEquals(List.of("write " + VProperties.requested(1) + "=2"), platform.writes());
    }

    @Test
    void aDomainThatWentDownAsTheWaitEndedIsNotSaidToHaveStayedUp() throws Exception {
        platform.domain(1, "1");
        Promise<ShutdownResult> promise = fixture.coordinator().submit(
                ShutdownRequest.selective(1).withTimeout(TIMEOUT));
        fixture.scheduler.runDue();
        platform.notify = false;
        platform.set(VProperties.status(1), "picked-up 2");
        platform.setRunning(1, 2);

        ShutdownResult result = fixture.after(TIMEOUT, promise);

        assertEquals(Outcome.CANCELLED, result.outcome(), "not seen within the time-out");
        assertEquals("went down as the wait ended (running 2), too late to count", result.domains().get(0).reason());
        assertEquals(List.of(), result.withdrawals(), "request 2 was answered: nothing to withdraw");
    }
}
