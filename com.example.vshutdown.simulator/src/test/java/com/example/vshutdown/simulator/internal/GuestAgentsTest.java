package com.example.vshutdown.simulator.internal;

import static com.example.vshutdown.protocol.VProperties.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.vshutdown.simulator.internal.ManualScheduler.Task;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.support.offer.MalformedSettingException;

/** When the platform starts its guests' agents: at once, or later for late and appearing domains. */
class GuestAgentsTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final ChangeRecorder changes = new ChangeRecorder();
    private final RecordingHost host = new RecordingHost();
    private SimulatedPlatform platform;

    @AfterEach
    void close() {
        if (platform != null) {
            platform.close();
        }
    }

    private void start(String domains) throws MalformedSettingException {
        platform = SimulatedPlatform.create(SimulatorSpec.parse(domains), scheduler, host);
        platform.watch(changes);
        platform.startGuests();
    }

    @Test
    void nothingStartsBeforeThePlatformIsToldTo() throws Exception {
        platform = SimulatedPlatform.create(SimulatorSpec.parse("1:ok,2:block"), scheduler, host);
        assertEquals(List.of(), host.events);
        platform.startGuests();
        assertEquals(List.of("starts 1", "starts 2"), host.events);
    }

    @Test
    void everyGuestsAgentStartsAtOnceExceptLateAndAppearingOnes() throws Exception {
        start("1:ok,2:ignore,3:block,4:stopped,5:invalid,6:bounce,7:late:1500,8:vanish,9:fail,10:hang,11:appear:2500");
        assertEquals(List.of("starts 1", "starts 3", "starts 6", "starts 8", "starts 9", "starts 10"), host.events);
        assertEquals(List.of(1500L, 2500L), scheduler.queued().stream().map(Task::delayMillis).toList());
    }

    @Test
    void aLateAgentStartsWhenItsDelayHasPassed() throws Exception {
        start("1:late:1500");
        Task agent = scheduler.next();
        assertEquals(1500, agent.delayMillis());
        assertEquals(List.of(), host.events, "no agent before");
        assertEquals(Optional.of("1"), platform.read(running(1)), "the domain runs all along");

        agent.run();

        assertEquals(List.of("starts 1"), host.events);
    }

    @Test
    void anAppearingDomainsCounterAppearsJustBeforeItsAgentStarts() throws Exception {
        List<Optional<String>> seenByItsAgent = new CopyOnWriteArrayList<>();
        platform = SimulatedPlatform.create(SimulatorSpec.parse("1:appear:2500"), scheduler, new GuestHost() {
            @Override
            public void agentStarts(int domain, NativeShutdown guest) {
                try {
                    seenByItsAgent.add(platform.read(running(domain)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void agentEnds(int domain, NativeShutdown guest) {
                throw new AssertionError("nothing ends");
            }
        });
        platform.watch(changes);
        platform.startGuests();
        assertEquals(Optional.empty(), platform.read(running(1)));
        Task appear = scheduler.next();
        assertEquals(2500, appear.delayMillis());

        appear.run();

        assertEquals(List.of(Optional.of("1")), seenByItsAgent, "its agent starts in a running domain");
        changes.flush(platform);
        assertEquals(List.of("1"), changes.values(running(1)), "its appearance is notified");
    }

    @Test
    void aClosedPlatformStartsNoLateAgent() throws Exception {
        start("1:late:1500,2:appear:1500");
        List<Task> later = scheduler.queued();
        platform.close();
        later.forEach(Task::runAnyway);
        assertEquals(List.of(), host.events);
        assertThrows(IOException.class, () -> platform.read(running(2)), "no counter appeared: it is closed");
    }
}
