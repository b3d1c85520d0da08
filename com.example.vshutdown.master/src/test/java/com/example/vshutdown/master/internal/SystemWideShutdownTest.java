package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.protocol.VProperties;

class SystemWideShutdownTest {
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;
    private static final Duration DELAY = Duration.ofMillis(5);

    @Test
    void everyRunningSlaveShutsDownThenTheMaster() throws Exception {
        platform.domain(1, "1").domain(2, "5").domain(3, "3");
        new Slaves(fixture, Duration.ofMillis(5)).cooperate(1, 2, 3);

        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(ExitStatus.DONE, result.exitStatus());
        assertEquals("2", platform.requested(1));
        assertEquals("6", platform.requested(2));
        assertEquals("4", platform.requested(3));
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
        assertEquals(MasterAction.SHUTDOWN, result.masterAction());
        assertTrue(result.domains().stream().allMatch(d -> d.status() == Status.ACKNOWLEDGED), result.toString());
        assertTrue(result.domains().stream().allMatch(d -> d.elapsed().isPresent()));
    }

    @Test
    void theMastersOwnDomainIsNeverAsked() throws Exception {
        platform.domain(1, "1");
        new Slaves(fixture, Duration.ofMillis(1)).cooperate(1);

        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertNull(platform.requested(0));
        assertTrue(result.domains().stream().noneMatch(d -> d.id() == 0));
    }

    @Test
    void aSystemWideRebootAsksSlavesToShutDownAndRebootsTheMaster() throws Exception {
        platform.domain(1, "1").domain(2, "7");
        new Slaves(fixture, Duration.ofMillis(1)).cooperate(1, 2);

        ShutdownResult result = fixture.after(DELAY,
                fixture.coordinator().submit(ShutdownRequest.systemWide().withReboot(true)));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals("2", platform.requested(1), "slaves get an even value: shut down, not reboot");
        assertEquals("8", platform.requested(2));
        assertEquals(List.of("reboot"), fixture.nativeShutdown.calls);
        assertEquals(MasterAction.REBOOT, result.masterAction());
    }

    @Test
    void everyRequestIsWrittenBeforeAnyWait() throws Exception {
        platform.domain(1, "1").domain(2, "1").domain(3, "1");
        new Slaves(fixture, Duration.ofMillis(1)).cooperate(1, 2, 3);

        fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.systemWide()));

        List<String> log = platform.log;
        int firstWrite = indexOf(log, "write ");
        int lastWrite = lastIndexOf(log, "write ");
        assertTrue(firstWrite >= 0);
        for (int i = firstWrite; i <= lastWrite; i++) {
            assertFalse(log.get(i).startsWith("read "), "a read between the writes at " + i + ": " + log);
        }
        assertEquals(3, platform.writes().size());
    }

    @Test
    void invalidAndStoppedSlavesAreReportedAndLeftAlone() throws Exception {
        platform.domain(1, "1").domain(2, "4").domain(3, "0x1f").domain(4, "").domain(5, "3 ");
        new Slaves(fixture, Duration.ofMillis(1)).cooperate(1);

        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.systemWide()));

        Map<Integer, DomainOutcome> byId = byId(result);
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(Status.ACKNOWLEDGED, byId.get(1).status());
        assertEquals(Status.NOT_RUNNING, byId.get(2).status());
        assertEquals(Status.INVALID, byId.get(3).status());
        assertTrue(byId.get(3).reason().contains("0x1f"), byId.get(3).reason());
        assertEquals(Status.INVALID, byId.get(4).status());
        assertEquals(Status.INVALID, byId.get(5).status());
        for (int id : new int[] {2, 3, 4, 5}) {
            assertNull(platform.requested(id), "domain " + id + " must not be asked");
        }
        assertEquals(List.of("write " + VProperties.requested(1) + "=2"), platform.writes());
    }

    @Test
    void withNoRunningSlaveTheMasterShutsDownAtOnce() throws Exception {
        platform.domain(1, "2");

        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(List.of("shutdown"), fixture.nativeShutdown.calls);
        assertTrue(platform.writes().isEmpty());
    }

    @Test
    void eventsFollowTheShutdownInOrderAndEndBeforeTheResult() throws Exception {
        platform.domain(1, "1").domain(2, "1").domain(9, "2");
        new Slaves(fixture, Duration.ofMillis(1)).cooperate(1, 2);
        ShutdownRequest request = ShutdownRequest.systemWide();

        fixture.after(DELAY, fixture.coordinator().submit(request));

        List<ShutdownEvent.Type> types = fixture.eventTypes();
        assertEquals(List.of(ShutdownEvent.Type.STARTED, ShutdownEvent.Type.SKIPPED, ShutdownEvent.Type.REQUESTED,
                ShutdownEvent.Type.REQUESTED, ShutdownEvent.Type.ACKNOWLEDGED, ShutdownEvent.Type.ACKNOWLEDGED,
                ShutdownEvent.Type.MASTER_ACTION, ShutdownEvent.Type.FINISHED), types);
        assertTrue(fixture.events.stream().allMatch(e -> e.request() == request));
        ShutdownEvent lastAck = fixture.events.get(5);
        assertTrue(lastAck.pending().isEmpty());
        assertTrue(fixture.events.get(7).result().isPresent());
    }

    @Test
    void theMastersNativeShutdownFailingIsReportedAsAFailure() throws Exception {
        platform.domain(1, "1");
        new Slaves(fixture, Duration.ofMillis(1)).cooperate(1);
        fixture.nativeShutdown.fail = true;

        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(ShutdownRequest.systemWide()));

        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals(ExitStatus.ERROR, result.exitStatus());
        assertEquals(MasterAction.NONE, result.masterAction());
        assertTrue(result.message().contains("command not found"), result.message());
    }

    @Test
    void aLostNotificationIsCoveredByTheSafetyReread() throws Exception {
        fixture.safetyReread = Duration.ofMillis(20);
        platform.domain(1, "1");
        platform.notify = false;
        new Slaves(fixture, Duration.ofMillis(1)).cooperate(1);
        var promise = fixture.coordinator().submit(ShutdownRequest.systemWide());

        fixture.scheduler.advance(Duration.ofMillis(19));
        assertFalse(promise.isDone(), "down at 1 ms, but nothing told the master");

        ShutdownResult result = fixture.after(Duration.ofMillis(1), promise);
        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(Duration.ofMillis(20), outcomeOf(result, 1).elapsed().orElseThrow(), "seen at the re-read");
    }

    @Test
    void theAcknowledgementIsSeenThroughTheNotificationWithoutPolling() throws Exception {
        // the safety re-read is an hour away: only the change notification can end this wait
        platform.domain(1, "1").domain(2, "1");
        new Slaves(fixture, Duration.ofMillis(30)).cooperate(1, 2);
        var promise = fixture.coordinator().submit(ShutdownRequest.systemWide());

        ShutdownResult result = fixture.after(Duration.ofMillis(30), promise);

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(Duration.ofMillis(30), outcomeOf(result, 2).elapsed().orElseThrow());
        assertEquals(0, platform.subscribers(), "the subscription ends with the shutdown");
        assertEquals(0, fixture.scheduler.pending(), "nothing is left to run once it ended: "
                + "no re-read, progress or deadline timer");
    }

    private static DomainOutcome outcomeOf(ShutdownResult result, int id) {
        return byId(result).get(id);
    }

    private static Map<Integer, DomainOutcome> byId(ShutdownResult result) {
        return result.domains().stream().collect(Collectors.toMap(DomainOutcome::id, Function.identity()));
    }

    private static int indexOf(List<String> log, String prefix) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<String> log, String prefix) {
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
