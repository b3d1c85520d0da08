package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.VProperties;

/**
 * Case 4 of the safety issue: a new request to a domain whose earlier request is still ahead of
 * its running counter, or whose agent status names the value about to be written, is a retry: the
 * master writes the status property empty first, then the request, so the agent acts once more;
 * the output says it is a retry and what the earlier request's status was.
 */
class RetryTest {
    private static final Duration TIMEOUT = Duration.ofMillis(50);
    private static final String STATUS = "write " + VProperties.status(1) + "=";
    private static final String REQUESTED = "write " + VProperties.requested(1) + "=";
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;

    private ShutdownResult shutDownDomainOne() throws Exception {
        return fixture.after(TIMEOUT, fixture.coordinator().submit(ShutdownRequest.selective(1).withTimeout(TIMEOUT)));
    }

    @Test
    void aPickedUpRequestThatDidNotStopTheDomainIsRetriedWithItsStatusClearedFirst() throws Exception {
        platform.domain(1, "1");
        platform.properties.put(VProperties.requested(1), "2");
        platform.properties.put(VProperties.status(1), AgentStatus.pickedUp(2).format());

        shutDownDomainOne();

        assertEquals(List.of(STATUS, REQUESTED + "2"), platform.writes().subList(0, 2), "status empty, then the request");
        assertEquals(List.of("asked domain 1 to shut down (requested 2, running 1); a retry of request 2 "
                + "(agent status 'picked-up 2'): its status was cleared first"),
                fixture.messages(ShutdownEvent.Type.REQUESTED));
    }

    @Test
    void aBlockedRequestIsRetried() throws Exception {
        platform.domain(1, "1");
        platform.properties.put(VProperties.requested(1), "2");
        platform.properties.put(VProperties.status(1), AgentStatus.blocked(2, "an update is being installed").format());

        shutDownDomainOne();

        assertEquals(List.of(STATUS, REQUESTED + "2"), platform.writes().subList(0, 2));
        assertTrue(fixture.messages(ShutdownEvent.Type.REQUESTED).get(0)
                .endsWith("a retry of request 2 (agent status 'blocked 2 an update is being installed'): "
                        + "its status was cleared first"), fixture.events::toString);
    }

    @Test
    void aLeftOverRequestIsRetried() throws Exception {
        platform.domain(1, "1");
        platform.properties.put(VProperties.requested(1), "3");

        ShutdownResult result = shutDownDomainOne();

        assertEquals(List.of(STATUS, REQUESTED + "2"), platform.writes().subList(0, 2));
        assertTrue(fixture.messages(ShutdownEvent.Type.REQUESTED).get(0)
                .endsWith("a retry of request 3 (no agent status): its status was cleared first"));
        // the status the master cleared is no record of the new request: nobody picked it up
        assertEquals(Diagnosis.NEVER_PICKED_UP, result.domains().get(0).reason());
    }

    @Test
    void aStatusThatNamesTheValueAboutToBeWrittenIsClearedFirst() throws Exception {
        // an earlier request 2 was withdrawn (requested 1) after its agent had recorded it
        platform.domain(1, "1");
        platform.properties.put(VProperties.requested(1), "1");
        platform.properties.put(VProperties.status(1), AgentStatus.failed(2, "poweroff exited with 1").format());

        shutDownDomainOne();

        assertEquals(List.of(STATUS, REQUESTED + "2"), platform.writes().subList(0, 2));
        assertTrue(fixture.messages(ShutdownEvent.Type.REQUESTED).get(0)
                .endsWith("a retry: its agent status 'failed 2 poweroff exited with 1' names this request, "
                        + "so it was cleared first"), fixture.events::toString);
    }

    @Test
    void aFreshRequestOrAnOldStatusIsNoRetry() throws Exception {
        platform.domain(1, "5").domain(2, "1");
        platform.properties.put(VProperties.requested(1), "4");
        platform.properties.put(VProperties.status(1), AgentStatus.pickedUp(4).format());
        new Slaves(fixture, Duration.ofMillis(10)).cooperate(1, 2);

        ShutdownResult result = fixture.after(Duration.ofMillis(10),
                fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals("write " + VProperties.requested(1) + "=6", platform.writes().get(0), "no status write before");
        assertTrue(platform.writes().stream().noneMatch(w -> w.endsWith(".vm.shutdown.status=")),
                () -> platform.writes().toString());
        assertTrue(fixture.messages(ShutdownEvent.Type.REQUESTED).stream().noneMatch(m -> m.contains("retry")));
    }

    @Test
    void aRebootIsRetriedTheSameWay() throws Exception {
        platform.domain(1, "1");
        platform.properties.put(VProperties.requested(1), "3");
        platform.properties.put(VProperties.status(1), AgentStatus.pickedUp(3).format());

        fixture.after(TIMEOUT, fixture.coordinator().submit(
                ShutdownRequest.selective(1).withReboot(true).withTimeout(TIMEOUT)));

        assertEquals(List.of(STATUS, REQUESTED + "3"), platform.writes().subList(0, 2));
    }

    @Test
    void aStatusThatCannotBeClearedIsNoRequestWritten() throws Exception {
        platform.domain(1, "1");
        platform.properties.put(VProperties.requested(1), "2");
        platform.properties.put(VProperties.status(1), AgentStatus.pickedUp(2).format());
        platform.failWritesOf = VProperties.status(1);

        ShutdownResult result = fixture.finish(fixture.coordinator().submit(ShutdownRequest.selective(1)));

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertEquals(List.of(), platform.writes().stream().filter(w -> w.startsWith(REQUESTED)).toList(),
                "without a cleared status the agent would not act: the request is not written");
        assertEquals(List.of("could not ask domain 1 to shut down: its agent status could not be cleared for the "
                + "retry: permission denied"), fixture.messages(ShutdownEvent.Type.REQUEST_FAILED));
    }

    @Test
    void anUnparseableStatusIsReportedAsSuch() throws Exception {
        platform.domain(1, "1");
        platform.onWrite = (name, value) -> {
            if (name.equals(VProperties.requested(1))) {
                platform.set(VProperties.status(1), "0");
            }
        };

        ShutdownResult result = shutDownDomainOne();

        assertEquals("agent status '0' is not understood", result.domains().get(0).reason());
    }
}
