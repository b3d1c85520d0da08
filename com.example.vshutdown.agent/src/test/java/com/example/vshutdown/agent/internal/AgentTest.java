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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.vshutdown.protocol.VProperties;

/** When the agent looks, and that it acts once per request value: across notifications and restarts. */
class AgentTest {
    private final AgentFixture f = new AgentFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aRequestWaitingAtStartIsActedOnOnce() throws Exception {
        f.domain("1", "2");
        f.start();
        f.settle();
        f.platform.hint(Optional.of(REQUESTED));
        f.settle();
        f.platform.set(REQUESTED, "2");
        f.settle();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals(List.of(STATUS + "=picked-up 2"), f.platform.writes);
    }

    @Test
    void anOddRequestReboots() throws Exception {
        f.domain("1", "3");
        f.start();
        f.settle();

        assertEquals(List.of("reboot"), f.nativeShutdown.calls);
        assertEquals("picked-up 3", f.platform.get(STATUS));
    }

    @Test
    void aNotificationOfTheOwnRequestWakesTheAgent() throws Exception {
        f.domain("1", null);
        f.start();
        f.settle();
        assertEquals(List.of(), f.nativeShutdown.calls, "no request yet");

        f.platform.set(REQUESTED, "2");
        f.settle();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
    }

    @Test
    void anUnnamedHintWakesTheAgent() throws Exception {
        f.domain("1", null);
        f.start();
        f.settle();
        f.platform.setSilently(REQUESTED, "2");

        f.platform.hint(Optional.empty());
        f.settle();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
    }

    @Test
    void anotherDomainsChangeNeitherWakesTheAgentNorIsTouched() throws Exception {
        f.domain("1", null);
        f.platform.setSilently(VProperties.running(2), "1");
        f.start();
        f.settle();
        int readsBefore = f.platform.reads.size();
        // a request for this domain whose notification is lost, then a request for the other domain
        f.platform.setSilently(REQUESTED, "2");
        f.platform.set(VProperties.requested(2), "2");
        f.platform.set(VProperties.running(2), "2");
        f.settle();

        assertEquals(readsBefore, f.platform.reads.size(), "no check ran for the other domain's changes");
        assertEquals(List.of(), f.nativeShutdown.calls);

        f.platform.hint(Optional.of(REQUESTED));
        f.settle();
        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals(List.of(STATUS + "=picked-up 2"), f.platform.writes, "writes only its own status");
        assertTrue(f.platform.reads.stream().allMatch(name -> name.startsWith("nk.1.")), f.platform.reads::toString);
    }

    @Test
    void theSafetyRereadFindsARequestWhoseNotificationWasLost() throws Exception {
        f.domain("1", null);
        f.start(Duration.ofMillis(20), Duration.ofMillis(BOUND_MILLIS));
        f.settle();
        f.platform.setSilently(REQUESTED, "2");

        assertTrue(f.nativeShutdown.awaitCalls(1), "the safety re-read acts on the request");
        f.settle();
        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals("picked-up 2", f.platform.get(STATUS));
    }

    @Test
    void anAgentRestartedAfterActingDoesNotActAgain() throws Exception {
        f.domain("1", "2");
        Agent first = f.start();
        f.settle();
        first.close();
        assertEquals(0, f.platform.subscribers(), "the first agent's subscription ended");

        f.start();
        f.settle();
        f.platform.hint(Optional.of(REQUESTED));
        f.settle();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals(List.of(STATUS + "=picked-up 2"), f.platform.writes);
    }

    @Test
    void aRequestWrittenWhileNoAgentRanIsActedOnOnceAtStart() throws Exception {
        f.domain("1", null);
        f.start().close();
        f.platform.set(REQUESTED, "2");
        assertEquals(List.of(), f.nativeShutdown.calls, "nobody was there to act");

        f.start();
        f.settle();
        f.platform.hint(Optional.of(REQUESTED));
        f.settle();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
    }

    @Test
    void aStatusNamingAnOlderRequestDoesNotCount() throws Exception {
        f.domain("3", "4");
        f.platform.setSilently(STATUS, "picked-up 2");
        f.start();
        f.settle();

        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals("picked-up 4", f.platform.get(STATUS));
    }

    @Test
    void theSubscriptionFollowsASwappedProvider() throws Exception {
        FakeProperties better = new FakeProperties("better platform");
        better.setSilently(RUNNING, "1");
        f.domain("1", null);
        f.start();
        f.settle();
        assertEquals(1, f.platform.subscribers());

        f.bound = better;
        f.platform.hint(Optional.empty());
        f.settle();
        assertEquals(0, f.platform.subscribers());
        assertEquals(1, better.subscribers());

        better.set(REQUESTED, "2");
        f.settle();
        assertEquals(List.of("shutdown"), f.nativeShutdown.calls);
        assertEquals("picked-up 2", better.get(STATUS));
        assertNull(f.platform.get(STATUS));
    }
}
