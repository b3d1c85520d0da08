package com.example.vshutdown.agent.internal;

import static com.example.vshutdown.agent.internal.AgentFixture.REQUESTED;
import static com.example.vshutdown.agent.internal.AgentFixture.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.vshutdown.agent.internal.RecordingNative.Behaviour;

/**
 * The safety cases of the agent (issue 9, cases 4, 5 and 6): the status record alone decides
 * whether a request was acted on; a request is acted on once per write; the master retries by
 * clearing the status and writing the request again.
 */
class AgentSafetyTest {
    private final AgentFixture f = new AgentFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    /** The master's retry: the status written empty, then the request (the same value). */
    private void masterRetries(String request) {
        f.platform.set(STATUS, "");
        f.platform.set(REQUESTED, request);
    }

    /** Every way the agent may look again without a new write: a named hint, an unnamed one. */
    private void lookAgain() throws Exception {
        f.platform.hint(Optional.of(REQUESTED));
        f.settle();
        f.platform.hint(Optional.empty());
        f.settle();
    }

    // Case 5: a platform that pre-creates the status property as empty or with a placeholder.

    @ParameterizedTest(name = "status ''{0}''")
    @ValueSource(strings = { "", "\n", "0", "none", "picked up 2", "picked-up", "picked-up two", "done 2",
            "picked-up 2\nfailed 2 x" })
    void anEmptyOrUnparseableStatusIsNoRecordAndTheRequestIsActedOnOnce(String placeholder) throws Exception {
        f.domain("1", "2");
        f.platform.setSilently(STATUS, placeholder);
        f.start();
        f.settle();
        lookAgain();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals("picked-up 2", f.platform.get(STATUS), "its own record replaces the placeholder");
    }

    @Test
    void aPlaceholderThatCannotBeOverwrittenStillLetsTheAgentActOnlyOnce() throws Exception {
        f.domain("1", "2");
        f.platform.setSilently(STATUS, "0");
        f.platform.failWrites = true;
        f.start();
        f.settle();
        lookAgain();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals("0", f.platform.get(STATUS));
    }

    // Case 4: a request picked up whose domain did not go down can be retried.

    @Test
    void aPickedUpRequestWhoseDomainDidNotGoDownIsActedOnAgainWhenTheMasterRetries() throws Exception {
        f.domain("1", "2");
        f.start();
        f.settle();
        assertEquals("picked-up 2", f.platform.get(STATUS));

        masterRetries("2");
        f.settle();
        lookAgain();

        assertEquals(List.of("shutdown", "shutdown"), f.nativeShutdown.calls, "once for each write of the master");
        assertEquals("picked-up 2", f.platform.get(STATUS));
    }

    @Test
    void aRestartedAgentActsOnTheRetryOnceButNotOnItsOwnRecord() throws Exception {
        f.domain("1", "2");
        f.start().close();
        f.start();
        f.settle();
        lookAgain();
        assertEquals(List.of("shutdown"), f.nativeShutdown.calls, "the record kept the restarted agent still");

        masterRetries("2");
        f.settle();
        lookAgain();

        assertEquals(List.of("shutdown", "shutdown"), f.nativeShutdown.calls);
    }

    @ParameterizedTest(name = "status ''{0}''")
    @ValueSource(strings = { "picked-up 2", "blocked 2 software update in progress", "failed 2 poweroff: not found",
            "picked-up 2\n" })
    void anAgentStartedWithARecordOfTheRequestDoesNothingByItself(String record) throws Exception {
        f.domain("1", "2");
        f.platform.setSilently(STATUS, record);
        f.start();
        f.settle();
        lookAgain();
        f.platform.set(REQUESTED, "2");
        f.settle();

        assertEquals(List.of(), f.nativeShutdown.calls);
        assertEquals(List.of(), f.platform.writes);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Behaviour.class, names = { "VETO", "FAIL" })
    void aBlockedOrFailedRequestIsRetriedOnlyByTheMastersRetry(Behaviour behaviour) throws Exception {
        f.nativeShutdown.behaviour = behaviour;
        f.domain("1", "2");
        f.start();
        f.settle();
        // the same value written again without clearing the status is no retry: it is the same record
        f.platform.set(REQUESTED, "2");
        f.settle();
        lookAgain();
        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);

        f.nativeShutdown.behaviour = Behaviour.START;
        masterRetries("2");
        f.settle();
        lookAgain();

        assertEquals(List.of("shutdown", "shutdown"), f.nativeShutdown.calls);
        assertEquals("picked-up 2", f.platform.get(STATUS));
    }

    // Case 6: never twice on one write.

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Behaviour.class, names = { "VETO", "FAIL", "START" })
    void aRequestSeenByTheRereadBeforeItsNotificationIsActedOnOnce(Behaviour behaviour) throws Exception {
        f.nativeShutdown.behaviour = behaviour;
        f.domain("1", null);
        f.start();
        f.settle();
        // the master's write, seen first by a look that no notification caused (the safety re-read)...
        f.platform.setSilently(REQUESTED, "2");
        f.platform.hint(Optional.empty());
        f.settle();
        // ...and then its own notification, late
        f.platform.hint(Optional.of(REQUESTED));
        f.settle();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Behaviour.class, names = { "VETO", "FAIL", "START" })
    void withoutAWritableStatusARequestIsStillActedOnOncePerAgent(Behaviour behaviour) throws Exception {
        f.nativeShutdown.behaviour = behaviour;
        f.platform.failWrites = true;
        f.domain("1", null);
        f.start();
        f.settle();
        f.platform.setSilently(REQUESTED, "2");
        f.platform.hint(Optional.empty());
        f.settle();
        f.platform.set(REQUESTED, "2");
        f.settle();
        lookAgain();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
    }

    @Test
    void aRequestWrittenAgainWhileTheNativeCommandRunsIsNotStartedTwice() throws Exception {
        f.nativeShutdown.gate = new CountDownLatch(1);
        f.domain("1", "2");
        f.start();
        assertTrue(f.nativeShutdown.awaitGate(), "the native command runs");
        f.platform.set(REQUESTED, "2");
        f.platform.hint(Optional.empty());

        f.nativeShutdown.gate.countDown();
        f.settle();
        lookAgain();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals("picked-up 2", f.platform.get(STATUS));
    }

    @Test
    void aRetryWhileTheNativeCommandRunsIsActedOnOnceAfterIt() throws Exception {
        // the guest refuses; meanwhile the master gave up on the request and retried it
        f.nativeShutdown.behaviour = Behaviour.VETO;
        CountDownLatch gate = new CountDownLatch(1);
        f.nativeShutdown.gate = gate;
        f.domain("1", "2");
        f.start();
        assertTrue(f.nativeShutdown.awaitGate(), "the native command runs");
        masterRetries("2");

        f.nativeShutdown.gate = null;
        f.nativeShutdown.behaviour = Behaviour.START;
        gate.countDown();
        f.settle();
        lookAgain();

        assertEquals(List.of("shutdown", "shutdown"), f.nativeShutdown.calls, "the retry is acted on, once");
        assertEquals("picked-up 2", f.platform.get(STATUS), "the first call's late veto does not answer the retry");
    }
}
