package com.example.vshutdown.simulator.internal;

import static com.example.vshutdown.protocol.VProperties.running;
import static com.example.vshutdown.protocol.VProperties.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.vshutdown.simulator.internal.ManualScheduler.Task;
import com.example.vshutdown.spi.ShutdownVetoedException;

/**
 * The guest OS as the native shutdown a shipped agent calls: a platform without built-in agents,
 * its halts and boots stepped by hand.
 */
class GuestOsTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final ChangeRecorder changes = new ChangeRecorder();
    private SimulatedPlatform platform;

    @AfterEach
    void close() {
        if (platform != null) {
            platform.close();
        }
    }

    private GuestOs guest(String domains, int id) throws MalformedSpecException {
        platform = SimulatedPlatform.start(SimulatorSpec.parse(domains), scheduler, false);
        platform.watch(changes);
        return platform.guests().get(id);
    }

    private String runningOf(int domain) throws IOException {
        return platform.read(running(domain)).orElse(null);
    }

    @Test
    void onlyOkAndBlockDomainsHaveAGuest() throws Exception {
        guest("1:ok,2:ignore,3:block,4:stopped,5:invalid", 1);
        assertEquals(Set.of(1, 3), platform.guests().keySet());
        assertEquals("simulated guest OS of domain 1: goes down 50 ms after it is asked",
                platform.guests().get(1).description());
        assertEquals("simulated guest OS of domain 3: refuses to go down (an application vetoes the shutdown)",
                platform.guests().get(3).description());
    }

    @Test
    void aShutdownReturnsAtOnceAndHaltsAfterTheDelay() throws Exception {
        GuestOs guest = guest("1:ok:25,2:ok:25", 1);
        guest.shutdown();
        assertEquals("1", runningOf(1), "nothing happens before the delay");
        Task halt = scheduler.next();
        assertEquals(25, halt.delayMillis());
        halt.run();
        assertEquals("2", runningOf(1));
        assertEquals(List.of(), scheduler.queued(), "a shutdown does not start again");
        changes.flush(platform);
        assertEquals(List.of("2"), changes.values(running(1)));
        assertEquals(List.of(), changes.values(status(1)), "the status is the agent's, not the guest's");
        assertEquals("1", runningOf(2), "only its own domain");
    }

    @Test
    void aRebootIsAHaltThenABootTwoIncrements() throws Exception {
        GuestOs guest = guest("1:ok:25", 1);
        guest.reboot();
        scheduler.next().run();
        assertEquals("2", runningOf(1), "stopped first");
        assertTrue(guest.busy(), "still coming back");
        Task boot = scheduler.next();
        assertEquals(0, boot.delayMillis());
        boot.run();
        assertEquals("3", runningOf(1));
        changes.flush(platform);
        assertEquals(List.of("2", "3"), changes.values(running(1)));
        assertFalse(guest.busy());
    }

    @Test
    void aBlockingGuestVetoesWithItsReasonAndStaysUp() throws Exception {
        GuestOs guest = guest("1:block:an update is being installed", 1);
        ShutdownVetoedException shutdown = assertThrows(ShutdownVetoedException.class, guest::shutdown);
        assertEquals("an update is being installed", shutdown.getMessage());
        assertEquals("an update is being installed",
                assertThrows(ShutdownVetoedException.class, guest::reboot).getMessage());
        assertEquals(List.of(), scheduler.queued());
        assertEquals("1", runningOf(1));
    }

    @Test
    void aHardStopCancelsAPendingHalt() throws Exception {
        GuestOs guest = guest("1:ok:25", 1);
        guest.shutdown();
        Task halt = scheduler.next();
        platform.hardStop(1);
        assertTrue(halt.isCancelled());
        // Even a halt that had already started when the power went must not stop the domain twice.
        halt.runAnyway();
        changes.flush(platform);
        assertEquals(List.of("2"), changes.values(running(1)), "stopped once, by the hard stop");
        assertFalse(guest.busy());
    }

    @Test
    void aHardStopBetweenTheHaltAndTheBootOfARebootCancelsTheBoot() throws Exception {
        GuestOs guest = guest("1:ok:25", 1);
        guest.reboot();
        scheduler.next().run();
        Task boot = scheduler.next();
        platform.hardStop(1);
        assertTrue(boot.isCancelled());
        boot.runAnyway();
        assertEquals("2", runningOf(1), "the power is gone: it does not come back");
    }

    @Test
    void aSecondCallWhileGoingDownIsRefusedAndChangesNothing() throws Exception {
        GuestOs guest = guest("1:ok:25", 1);
        guest.shutdown();
        IOException reboot = assertThrows(IOException.class, guest::reboot);
        assertFalse(reboot instanceof ShutdownVetoedException, "a failure, not the guest refusing");
        assertEquals("the guest is already going down (shutdown under way); this reboot is not started",
                reboot.getMessage());
        assertEquals("the guest is already going down (shutdown under way); this shutdown is not started",
                assertThrows(IOException.class, guest::shutdown).getMessage());
        scheduler.next().run();
        assertEquals(List.of(), scheduler.queued(), "the shutdown first asked, once, and no boot");
        assertEquals("2", runningOf(1));
    }

    @Test
    void aStoppedDomainHasNoGuestToCall() throws Exception {
        GuestOs guest = guest("1:ok:25", 1);
        platform.hardStop(1);
        IOException e = assertThrows(IOException.class, guest::shutdown);
        assertEquals("domain 1 is stopped (running 2): no guest is there to shut down", e.getMessage());
        assertEquals(List.of(), scheduler.queued());
    }

    @Test
    void aRebootedGuestAnswersTheNextCall() throws Exception {
        GuestOs guest = guest("1:ok:25", 1);
        guest.reboot();
        scheduler.next().run();
        scheduler.next().run();
        guest.shutdown();
        scheduler.next().run();
        assertEquals("4", runningOf(1));
    }

    @Test
    void aClosedPlatformsGuestStartsNothing() throws Exception {
        GuestOs guest = guest("1:ok:25", 1);
        platform.close();
        assertEquals("the simulated platform has been closed",
                assertThrows(IOException.class, guest::shutdown).getMessage());
        assertEquals(List.of(), scheduler.queued());
    }

    @Test
    void withARealSchedulerTheHaltComesAfterTheDelay() throws Exception {
        platform = SimulatedPlatform.start(SimulatorSpec.parse("1:ok:40"), false);
        platform.watch(changes);
        long start = System.nanoTime();
        platform.guests().get(1).shutdown();
        changes.await(running(1), "2");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 40, "halted after " + elapsedMillis + " ms");
    }
}
