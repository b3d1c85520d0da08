package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownParticipant;
import com.example.vshutdown.api.ShutdownParticipant.Preparation;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;

/**
 * The master OS's own shutdown path (DESIGN.md "Runtime shapes"): every slave is taken down as in
 * a system-wide shutdown, the participants prepare, and the master's native command is not run,
 * by design: the master's OS is going down by its own path.
 */
class SlavesOnlyTest {
    private static final Duration DELAY = Duration.ofMillis(10);
    private static final ShutdownRequest SLAVES_ONLY = ShutdownRequest.systemWide().withSlavesOnly(true);
    private final Fixture fixture = new Fixture();
    private final FakePlatform platform = fixture.platform;
    private final List<Preparation> prepared = new CopyOnWriteArrayList<>();

    SlavesOnlyTest() {
        platform.domain(1, "1").domain(2, "3");
        fixture.participants.add(new Bindings.Participant("saver", (ShutdownParticipant) preparation -> {
            prepared.add(preparation);
            return null;
        }));
    }

    @Test
    void everySlaveGoesDownTheParticipantsPrepareAndTheMastersNativeCommandIsNotRun() throws Exception {
        new Slaves(fixture, DELAY).cooperate(1, 2);

        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(SLAVES_ONLY));

        assertEquals(Outcome.COMPLETED, result.outcome());
        assertEquals(ExitStatus.DONE, result.exitStatus(), "not running the native command is what was asked");
        assertEquals(MasterAction.NONE, result.masterAction());
        assertEquals(List.of(), fixture.nativeShutdown.calls);
        assertEquals(List.of(Status.ACKNOWLEDGED, Status.ACKNOWLEDGED),
                result.domains().stream().map(d -> d.status()).toList());
        assertEquals("2 domains acknowledged; the master's native command was NOT run, by design (slaves-only: the "
                + "master's own OS goes down by its own path)", result.message());
        assertEquals(1, prepared.size());
        assertEquals(MasterAction.NONE, prepared.get(0).masterAction());
        assertTrue(prepared.get(0).request().slavesOnly(), "a participant can tell the master's own path");
        assertTrue(fixture.messages(Type.PARTICIPANT).get(1).contains(
                "preparing for the master's OS going down by its own path (slaves-only: the master's native "
                        + "command is not run)"), () -> fixture.messages(
                                Type.PARTICIPANT).toString());
        assertEquals("slaves-only shutdown: asking 2 domains, waiting until every domain answers (Ctrl-C cancels)",
                fixture.messages(Type.STARTED).get(0));
    }

    @Test
    void itNeedsNoNativeShutdownServiceAtAll() throws Exception {
        new Slaves(fixture, DELAY).cooperate(1, 2);
        fixture.boundNative = null;

        ShutdownResult result = fixture.after(DELAY, fixture.coordinator().submit(SLAVES_ONLY));

        assertEquals(Outcome.COMPLETED, result.outcome());
    }

    @Test
    void forcedItHardStopsWhatDidNotAnswerAndStillLeavesTheMasterAlone() throws Exception {
        new Slaves(fixture, DELAY).cooperate(1);

        ShutdownResult result = fixture.after(Duration.ofMillis(100), fixture.coordinator()
                .submit(SLAVES_ONLY.withForce(true).withTimeout(Duration.ofMillis(100))));

        assertEquals(Outcome.FORCED, result.outcome());
        assertEquals(List.of(2), platform.hardStopped);
        assertEquals(List.of(), fixture.nativeShutdown.calls);
        assertEquals(MasterAction.NONE, result.masterAction());
        assertTrue(result.message().endsWith("the master's native command was NOT run, by design (slaves-only: the "
                + "master's own OS goes down by its own path)"), result::message);
    }

    @Test
    void cancelledItSaysNothingOfAMasterThatWasNeverToGoDown() throws Exception {
        new Slaves(fixture, DELAY).cooperate(1);

        ShutdownResult result = fixture.after(Duration.ofMillis(100), fixture.coordinator()
                .submit(SLAVES_ONLY.withTimeout(Duration.ofMillis(100))));

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertFalse(result.message().contains("master"), result::message);
        assertEquals(List.of(), prepared, "the participants are called only once every slave is down");
    }
}
