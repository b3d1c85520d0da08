package com.example.vshutdown.agent.internal;

import static com.example.vshutdown.agent.internal.AgentFixture.BOUND_MILLIS;
import static com.example.vshutdown.agent.internal.AgentFixture.REQUESTED;
import static com.example.vshutdown.agent.internal.AgentFixture.RUNNING;
import static com.example.vshutdown.agent.internal.AgentFixture.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.vshutdown.agent.internal.RecordingNative.Behaviour;

/**
 * What goes wrong around the agent: a guest that refuses, a native command that fails or hangs,
 * malformed or missing values, a provider that cannot be read or written. Each is reported, nothing
 * is guessed at and nothing is retried in a loop.
 */
class AgentTroubleTest {
    private final AgentFixture f = new AgentFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aVetoIsReportedAsBlockedAndNotRetriedByARereadOrARestart() throws Exception {
        f.nativeShutdown.behaviour = Behaviour.VETO;
        f.domain("1", "2");
        Agent first = f.start();
        f.settle();
        assertEquals("blocked 2 software update in progress", f.platform.get(STATUS));
        f.platform.hint(Optional.empty());
        f.settle();
        first.close();
        f.start();
        f.settle();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals(List.of(STATUS + "=picked-up 2", STATUS + "=blocked 2 software update in progress"),
                f.platform.writes);
    }

    @Test
    void aFailingNativeCommandIsReportedAndNotRetriedInALoop() throws Exception {
        f.nativeShutdown.behaviour = Behaviour.FAIL;
        f.domain("1", "3");
        f.start();
        f.settle();
        f.platform.hint(Optional.empty());
        f.settle();

        assertEquals(List.of("reboot"), f.nativeShutdown.calls);
        assertEquals("failed 3 reboot: command not found", f.platform.get(STATUS));
    }

    @Test
    void theRequestWrittenAgainWhileItIsUnderWayIsNotStartedTwice() throws Exception {
        f.nativeShutdown.behaviour = Behaviour.START;
        f.domain("1", "2");
        f.start();
        f.settle();

        f.platform.set(REQUESTED, "2");
        f.settle();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals("picked-up 2", f.platform.get(STATUS));
    }

    @Test
    void aNativeCommandThatBreaksUnexpectedlyIsReportedAsFailed() throws Exception {
        f.nativeShutdown.behaviour = Behaviour.BREAK;
        f.domain("1", "2");
        f.start();
        f.settle();

        assertEquals("failed 2 IllegalStateException: provider bundle stopped", f.platform.get(STATUS));
    }

    @Test
    void aHangingNativeCommandFailsAfterTheBoundAndIsInterrupted() throws Exception {
        f.nativeShutdown.behaviour = Behaviour.HANG;
        f.domain("1", "2");
        f.start(Duration.ofHours(1), Duration.ofMillis(100));
        f.settle();

        assertEquals("failed 2 timed out after 100 ms", f.platform.get(STATUS));
        assertTrue(f.nativeShutdown.interrupted.await(BOUND_MILLIS, TimeUnit.MILLISECONDS),
                "the hung command's thread is interrupted");
        f.platform.hint(Optional.empty());
        f.settle();
        assertEquals(List.of("shutdown"), f.nativeShutdown.calls, "a re-read does not retry");
    }

    /** The policy of NativeShutdown: a caller that is interrupted stops the command; a stopping agent is one. */
    @Test
    void stoppingTheAgentWhileItsNativeCommandRunsInterruptsTheCommand() throws Exception {
        f.nativeShutdown.behaviour = Behaviour.HANG;
        f.domain("1", "2");
        Agent agent = f.start(Duration.ofHours(1), Duration.ofHours(1));
        assertTrue(f.nativeShutdown.awaitCalls(1), "the native command runs");

        agent.close();

        assertTrue(f.nativeShutdown.interrupted.await(BOUND_MILLIS, TimeUnit.MILLISECONDS),
                "the command's thread is interrupted, so that the provider stops its command");
        assertEquals("picked-up 2", f.platform.get(STATUS), "no outcome is written by an agent that stopped");
    }

    @Test
    void anAgentStoppedBeforeItsNativeCommandBeganRecordsNothingSoTheNextAgentActs() throws Exception {
        f.domain("1", "2");
        // the agent is told to stop (its check thread interrupted) once it has read all it decides on
        f.platform.afterRead = (property, value) -> {
            if (property.equals(STATUS)) {
                Thread.currentThread().interrupt();
            }
        };
        Agent stopping = f.start();
        f.settle();
        assertEquals(List.of(), f.nativeShutdown.calls, "the command never began");
        assertNull(f.platform.get(STATUS), "nothing says request 2 was picked up");
        stopping.close();

        f.platform.afterRead = (property, value) -> { };
        f.start();
        assertTrue(f.nativeShutdown.awaitCalls(1), "the next agent acts on request 2");
        f.settle();
        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals("picked-up 2", f.platform.get(STATUS));
    }

    @Test
    void aMalformedRequestIsNeverActedOnButAValidOneLaterIs() throws Exception {
        f.domain("1", "2x");
        f.start();
        f.settle();
        f.platform.hint(Optional.of(REQUESTED));
        f.settle();
        assertEquals(List.of(), f.nativeShutdown.calls);
        assertEquals(List.of(), f.platform.writes, "not even a status: the value is not a request");

        f.platform.set(REQUESTED, "2");
        f.settle();
        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
    }

    @Test
    void aMalformedRunningCounterStopsTheAgentFromActingUntilItIsCorrected() throws Exception {
        f.domain("1x", "2");
        f.start();
        f.settle();
        f.platform.hint(Optional.of(REQUESTED));
        f.settle();
        assertEquals(List.of(), f.nativeShutdown.calls, "malformed running counter");
        assertEquals(List.of(), f.platform.writes);

        f.platform.setSilently(RUNNING, "1");
        f.platform.hint(Optional.of(REQUESTED));
        f.settle();
        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
    }

    @Test
    void whileAConfigurationFaultIsRegisteredNothingIsActedOnAndTheFaultIsSaidOnce() throws Exception {
        f.fault = Optional.of("vshutdown.linux.root: '/nonexistent' does not exist");
        f.domain("1", "2");
        String log = StderrCapture.during(() -> {
            f.start();
            f.settle();
            f.platform.set(REQUESTED, "2");
            f.settle();
            f.platform.hint(Optional.empty());
            f.settle();
        });
        assertEquals(List.of(), f.nativeShutdown.calls);
        assertEquals(List.of(), f.platform.writes, "not even a status");
        assertEquals(1, StderrCapture.count(log, "the platform is misconfigured: vshutdown.linux.root: "
                + "'/nonexistent' does not exist"), log);

        f.fault = Optional.empty();
        f.platform.hint(Optional.empty());
        f.settle();
        assertEquals(List.of("shutdown"), f.nativeShutdown.calls, "acts once the fault is gone");
        assertEquals("picked-up 2", f.platform.get(STATUS));
    }

    @Test
    void aFaultRegisteredWhileARequestIsRecordedChangesNothingWhenItGoes() throws Exception {
        f.domain("1", "2");
        f.start();
        f.settle();
        f.fault = Optional.of("provider: malformed");
        f.platform.hint(Optional.empty());
        f.settle();
        f.fault = Optional.empty();
        f.platform.hint(Optional.empty());
        f.settle();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
    }

    @Test
    void aMalformedValueIsLoggedOncePerDistinctText() throws Exception {
        f.domain("1", "2x");
        String log = StderrCapture.during(() -> {
            f.start();
            f.settle();
            f.platform.hint(Optional.empty());
            f.settle();
            f.platform.hint(Optional.empty());
            f.settle();
            f.platform.set(REQUESTED, "3y");
            f.settle();
            f.platform.hint(Optional.empty());
            f.settle();
        });

        assertEquals(1, StderrCapture.count(log, "'2x'"), log);
        assertEquals(1, StderrCapture.count(log, "'3y'"), log);
        assertEquals(List.of(), f.nativeShutdown.calls);
    }

    @Test
    void absentOrVanishingPropertiesAreNotActedOn() throws Exception {
        f.start();
        f.settle();
        f.platform.set(REQUESTED, "2");
        f.settle();
        assertEquals(List.of(), f.nativeShutdown.calls, "no running counter");

        f.platform.setSilently(RUNNING, "1");
        f.platform.remove(REQUESTED);
        f.settle();
        assertEquals(List.of(), f.nativeShutdown.calls, "no request");
        assertEquals(List.of(), f.platform.writes);
    }

    @Test
    void staleOrStoppedRequestsAreNotActedOn() throws Exception {
        f.domain("3", "3");
        f.start();
        f.settle();
        f.platform.setSilently(RUNNING, "4");
        f.platform.hint(Optional.of(REQUESTED));
        f.settle();
        assertEquals(List.of(), f.nativeShutdown.calls, "a request the domain already went through");

        f.platform.set(REQUESTED, "5");
        f.settle();
        assertEquals(List.of(), f.nativeShutdown.calls, "nobody is in a stopped domain to act");
    }

    @Test
    void anUnreadableProviderIsRetriedAtTheNextCheck() throws Exception {
        f.domain("1", "2");
        f.platform.failReads = true;
        f.start();
        f.settle();
        assertEquals(List.of(), f.nativeShutdown.calls);

        f.platform.failReads = false;
        f.platform.hint(Optional.of(REQUESTED));
        f.settle();
        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
    }

    @Test
    void aStatusThatCannotBeWrittenStillLetsTheAgentActOnlyOnce() throws Exception {
        f.platform.failWrites = true;
        f.domain("1", "2");
        f.start();
        f.settle();
        f.platform.hint(Optional.of(REQUESTED));
        f.settle();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertNull(f.platform.get(STATUS));
    }

    @Test
    void withoutANativeShutdownTheRequestWaitsForOne() throws Exception {
        f.boundNative = null;
        f.domain("1", "2");
        f.start();
        f.settle();
        assertEquals(List.of(), f.platform.writes, "not picked up while nothing can act on it");

        f.boundNative = f.nativeShutdown;
        f.platform.hint(Optional.of(REQUESTED));
        f.settle();
        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals("picked-up 2", f.platform.get(STATUS));
    }

    @Test
    void closingStopsTheThreadAndTheSubscriptionEvenDuringANativeCommand() throws Exception {
        f.nativeShutdown.behaviour = Behaviour.HANG;
        f.domain("1", "2");
        Agent agent = f.start();
        assertTrue(f.nativeShutdown.awaitCalls(1));

        agent.close();

        assertTrue(f.checks().isTerminated(), "the check thread has ended");
        assertEquals(0, f.platform.subscribers());
        assertEquals("picked-up 2", f.platform.get(STATUS), "no outcome is made up for an unfinished command");
    }
}
