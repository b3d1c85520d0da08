package com.example.vshutdown.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownService;

/** The test probe is another bundle: it uses ShutdownService as any platform bundle would. */
@RunWith(PaxExam.class)
public class ShutdownServiceIT extends VShutdownTestSupport {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Inject
    ShutdownService service;

    private RecordingNativeShutdown nativeShutdown;

    @Before
    public void recordTheMastersShutdown() {
        nativeShutdown = recordNativeShutdown();
    }

    @Test
    public void aSelectiveShutdownStopsOnlyItsTarget() throws Exception {
        ShutdownResult result = service.run(ShutdownRequest.selective(1).withTimeout(Duration.ofMillis(BOUND_MILLIS)));

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

    @Test
    public void unresponsiveDomainsCancelTheSystemShutdownWithTheirReasons() throws Exception {
        ShutdownResult result = service.run(ShutdownRequest.systemWide().withTimeout(SHORT));

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertTrue(nativeShutdown.calls.isEmpty());
        assertEquals(Status.ACKNOWLEDGED, outcome(result, 1).status());
        assertEquals(Status.ACKNOWLEDGED, outcome(result, 2).status());
        assertTrue(outcome(result, 3).reason(), outcome(result, 3).reason().contains("never picked up"));
        assertEquals("blocked: an update is being installed", outcome(result, 4).reason());
        assertEquals(Status.NOT_RUNNING, outcome(result, 5).status());
        assertEquals(Status.INVALID, outcome(result, 6).status());
    }

    @Test
    public void forceHardStopsTheUnresponsiveAndShutsTheMasterDown() throws Exception {
        ShutdownResult result = service.run(ShutdownRequest.systemWide().withTimeout(SHORT).withForce(true));

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

        assertEquals(List.of(ShutdownEvent.Type.STARTED, ShutdownEvent.Type.REQUESTED, ShutdownEvent.Type.ACKNOWLEDGED,
                ShutdownEvent.Type.FINISHED), events.stream().map(ShutdownEvent::type).collect(Collectors.toList()));
    }

    @Test
    public void theAsynchronousApiResolvesWithTheResult() throws Exception {
        ShutdownResult result = service.submit(ShutdownRequest.selective(2)).timeout(BOUND_MILLIS).getValue();

        assertEquals(Outcome.COMPLETED, result.outcome());
    }

    private static DomainOutcome outcome(ShutdownResult result, int id) {
        return result.domains().stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }
}
