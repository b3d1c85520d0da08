package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.ShutdownService;
import com.example.vshutdown.api.Withdrawal;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.VPropertyProvider;

/** The test probe is another bundle: it uses ShutdownService as any platform bundle would. */
@RunWith(PaxExam.class)
public class ShutdownServiceIT extends VShutdownTestSupport {
    /** The deadline of a forced shutdown whose unresponsive domains never answer, whatever the machine's load. */
    private static final Duration DEADLINE = Duration.ofMillis(300);

    @Inject
    ShutdownService service;

    @Inject
    VPropertyProvider platform;

    private RecordingNativeShutdown nativeShutdown;

    @Before
    public void recordTheMastersShutdown() {
        nativeShutdown = recordNativeShutdown();
    }

    @Test
    public void aSelectiveShutdownStopsOnlyItsTarget() throws Exception {
        ShutdownResult result = service.run(ShutdownRequest.selective(1));

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertEquals("stopped", service.domains().get(1).state().word());
        assertEquals("running", service.domains().get(2).state().word());
        assertTrue(nativeShutdown.calls.isEmpty());
    }

    @Test
    public void aSelectiveRebootStopsAndStartsTheTarget() throws Exception {
        long before = service.domains().get(2).running().getAsLong();

        ShutdownResult result = service.run(ShutdownRequest.selective(2).withReboot(true));

        assertEquals(result.message(), Outcome.COMPLETED, result.outcome());
        assertEquals(before + 2, service.domains().get(2).running().getAsLong());
        assertEquals("running", service.domains().get(2).state().word());
    }

    /**
     * Cancelled once the cooperative domains answered and the blocked one said why: each domain
     * that did not answer has its reason, the master stays up, and the requests nobody will act on
     * are withdrawn.
     */
    @Test
    public void unresponsiveDomainsCancelTheSystemShutdownWithTheirReasonsAndTheirRequestsAreWithdrawn()
            throws Exception {
        CountDownLatch acknowledged = new CountDownLatch(2);
        context.registerService(ShutdownListener.class, event -> {
            if (event.type() == ShutdownEvent.Type.ACKNOWLEDGED) {
                acknowledged.countDown();
            }
        }, null);
        try (PropertyWatch watch = new PropertyWatch(platform, BOUND_MILLIS)) {
            Promise<ShutdownResult> shutdown = service.submit(ShutdownRequest.systemWide());
            assertTrue("domains 1 and 2 acknowledge", acknowledged.await(BOUND_MILLIS, TimeUnit.MILLISECONDS));
            awaitStatus(watch, 4, "blocked ");

            assertTrue(service.cancel());
            ShutdownResult result = shutdown.timeout(BOUND_MILLIS).getValue();

            assertEquals(Outcome.CANCELLED, result.outcome());
            assertEquals(WaitEnd.CANCELLED, result.waitEnd());
            assertTrue(nativeShutdown.calls.isEmpty());
            assertEquals(Status.ACKNOWLEDGED, outcome(result, 1).status());
            assertEquals(Status.ACKNOWLEDGED, outcome(result, 2).status());
            assertTrue(outcome(result, 3).reason(), outcome(result, 3).reason().contains("never picked up"));
            assertEquals("blocked: an update is being installed", outcome(result, 4).reason());
            assertEquals(Status.NOT_RUNNING, outcome(result, 5).status());
            assertEquals(Status.INVALID, outcome(result, 6).status());
            assertEquals(List.of(3, 4), result.withdrawals().stream().map(Withdrawal::domain).collect(Collectors.toList()));
            assertTrue(result.withdrawals().toString(),
                    result.withdrawals().stream().allMatch(w -> w.result() == Withdrawal.Result.WITHDRAWN));
            assertEquals(watch.value(VProperties.running(3)), watch.value(VProperties.requested(3)));
        }
    }

    @Test
    public void forceHardStopsTheUnresponsiveAndShutsTheMasterDown() throws Exception {
        ShutdownResult result = service.run(ShutdownRequest.systemWide().withTimeout(DEADLINE).withForce(true));

        assertEquals(Outcome.FORCED, result.outcome());
        assertEquals(Status.HARD_STOPPED, outcome(result, 3).status());
        assertEquals(Status.HARD_STOPPED, outcome(result, 4).status());
        assertEquals(List.of("shutdown"), nativeShutdown.calls);
        assertEquals("stopped", service.domains().get(3).state().word());
    }

    @Test
    public void aWhiteboardListenerFollowsTheShutdown() throws Exception {
        List<ShutdownEvent> events = new CopyOnWriteArrayList<>();
        context.registerService(ShutdownListener.class, events::add, null);

        service.run(ShutdownRequest.selective(1));

        // run() returns once FINISHED has reached every listener
        assertEquals(List.of(ShutdownEvent.Type.STARTED, ShutdownEvent.Type.REQUESTED, ShutdownEvent.Type.ACKNOWLEDGED,
                ShutdownEvent.Type.FINISHED), events.stream().map(ShutdownEvent::type).collect(Collectors.toList()));
    }

    /** A listener whose bundle is being updated throws NoClassDefFoundError: no shutdown may suffer for it. */
    @Test
    public void aListenerThatThrowsAnErrorBreaksNoShutdown() throws Exception {
        context.registerService(ShutdownListener.class, event -> {
            throw new NoClassDefFoundError("com/example/Gone");
        }, null);

        assertEquals(Outcome.COMPLETED, service.run(ShutdownRequest.selective(1)).outcome());
        assertEquals(Outcome.COMPLETED, service.run(ShutdownRequest.selective(2)).outcome());
    }

    @Test
    public void theAsynchronousApiResolvesWithTheResult() throws Exception {
        ShutdownResult result = service.submit(ShutdownRequest.selective(2)).timeout(BOUND_MILLIS).getValue();

        assertEquals(Outcome.COMPLETED, result.outcome());
    }

    /** Waits, notification by notification, until a domain's agent status starts with a word. */
    static void awaitStatus(PropertyWatch watch, int domain, String prefix) {
        String status = VProperties.status(domain);
        for (int seen = 1; !String.valueOf(watch.value(status)).startsWith(prefix); seen++) {
            watch.await(status, seen);
        }
    }

    private static DomainOutcome outcome(ShutdownResult result, int id) {
        return result.domains().stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }
}
