package com.example.vshutdown.simulator.internal;

import static com.example.vshutdown.protocol.VProperties.requested;
import static com.example.vshutdown.protocol.VProperties.running;
import static com.example.vshutdown.protocol.VProperties.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.vshutdown.simulator.internal.ManualScheduler.Task;

/**
 * The built-in agents over their guests, the halts and boots stepped by hand to put a hard stop
 * exactly where it hurts.
 */
class BuiltInAgentTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final ChangeRecorder changes = new ChangeRecorder();
    private SimulatedPlatform platform;

    @AfterEach
    void close() {
        if (platform != null) {
            platform.close();
        }
    }

    private SimulatedPlatform start(String domains) throws MalformedSpecException {
        platform = SimulatedPlatform.start(SimulatorSpec.parse(domains), scheduler);
        platform.watch(changes);
        return platform;
    }

    private String runningOf(int domain) throws IOException {
        return platform.read(running(domain)).orElse(null);
    }

    @Test
    void aShutdownWaitsForTheDelayThenStops() throws Exception {
        start("1:ok:25");
        platform.write(requested(1), "2");
        Task halt = scheduler.next();
        assertEquals(25, halt.delayMillis());
        assertEquals("1", runningOf(1), "nothing happens before the delay");
        halt.run();
        assertEquals("2", runningOf(1));
        assertEquals(List.of(), scheduler.queued(), "a shutdown does not start again");
    }

    @Test
    void aRebootStopsThenStartsInTwoSteps() throws Exception {
        start("1:ok:25");
        platform.write(requested(1), "3");
        scheduler.next().run();
        assertEquals("2", runningOf(1), "stopped first");
        scheduler.next().run();
        assertEquals("3", runningOf(1), "then started");
        changes.flush(platform);
        assertEquals(List.of("2", "3"), changes.values(running(1)));
        assertEquals(List.of(), scheduler.queued());
    }

    @Test
    void aHardStopBetweenTheStopAndTheStartOfARebootCancelsTheStart() throws Exception {
        start("1:ok:25");
        platform.write(requested(1), "3");
        scheduler.next().run();
        Task boot = scheduler.next();
        platform.hardStop(1);
        assertTrue(boot.isCancelled());
        // Even a boot that had already started when the power went must not bring the domain up.
        boot.runAnyway();
        assertEquals("2", runningOf(1));
        changes.flush(platform);
        assertEquals(List.of("2"), changes.values(running(1)));
    }

    @Test
    void aHardStopBeforeTheHaltCancelsTheHalt() throws Exception {
        start("1:ok:25");
        platform.write(requested(1), "3");
        // The guest handles a request on the notifier thread: once flushed, its halt is scheduled.
        changes.flush(platform);
        Task halt = scheduler.next();
        platform.hardStop(1);
        assertEquals("2", runningOf(1));
        assertTrue(halt.isCancelled());
        halt.runAnyway();
        changes.flush(platform);
        assertEquals(List.of("2"), changes.values(running(1)), "stopped once, by the hard stop");
        assertEquals(List.of(), scheduler.queued(), "and not started again");
    }

    @Test
    void aRequestWhileGoingDownIsNotPickedUp() throws Exception {
        start("1:ok:25");
        platform.write(requested(1), "2");
        Task halt = scheduler.next();
        platform.write(requested(1), "3");
        changes.flush(platform);
        assertEquals(List.of("picked-up 2"), changes.values(status(1)));
        assertEquals(List.of(), scheduler.queued());
        halt.run();
        assertEquals("2", runningOf(1));
        assertEquals(List.of(), scheduler.queued());
    }

    @Test
    void nobodyInAStoppedDomainAnswers() throws Exception {
        start("1:ok:25");
        platform.hardStop(1);
        platform.write(requested(1), "4");
        changes.flush(platform);
        assertEquals(List.of(), changes.values(status(1)));
        assertEquals(List.of(), scheduler.queued());
        assertEquals("2", runningOf(1));
    }

    @Test
    void closingThePlatformShutsItsSchedulerDown() throws Exception {
        start("1:ok:25");
        assertFalse(scheduler.isShutdown());
        platform.close();
        assertTrue(scheduler.isShutdown());
    }
}
