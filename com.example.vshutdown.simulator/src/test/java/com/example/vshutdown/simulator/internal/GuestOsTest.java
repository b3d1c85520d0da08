package com.example.vshutdown.simulator.internal;

import static com.example.vshutdown.protocol.VProperties.requested;
import static com.example.vshutdown.protocol.VProperties.running;
import static com.example.vshutdown.protocol.VProperties.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.vshutdown.simulator.internal.ManualScheduler.Task;
import com.example.vshutdown.spi.ShutdownVetoedException;
import com.example.vshutdown.support.offer.MalformedSettingException;

/**
 * The guest OS as the native shutdown its agent calls, as the agent would call it; what it does
 * later (halts, boots, destructions) stepped by hand.
 */
class GuestOsTest {
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

    private GuestOs guest(String domains, int id) throws MalformedSettingException {
        platform = SimulatedPlatform.create(SimulatorSpec.parse(domains), scheduler, host);
        platform.watch(changes);
        return platform.guests().get(id);
    }

    private String runningOf(int domain) throws IOException {
        return platform.read(running(domain)).orElse(null);
    }

    @Test
    void everyDomainWithSomebodyInItHasAGuestThatSaysWhatItDoes() throws Exception {
        guest("1:ok,2:ignore,3:block,4:stopped,5:invalid,6:bounce:20,7:late:900,8:vanish,9:fail:disk full,10:hang,"
                + "11:appear:900", 1);
        assertEquals(Set.of(1, 3, 6, 7, 8, 9, 10, 11), platform.guests().keySet());
        assertEquals(List.of("simulated guest OS of domain 1: goes down 50 ms after it is asked",
                "simulated guest OS of domain 3: refuses to go down (an application vetoes the shutdown)",
                "simulated guest OS of domain 6: goes down 20 ms after it is asked, then is started again",
                "simulated guest OS of domain 7: goes down 50 ms after it is asked",
                "simulated guest OS of domain 8: is destroyed 50 ms after it is asked",
                "simulated guest OS of domain 9: its native command fails (disk full)",
                "simulated guest OS of domain 10: its native command hangs",
                "simulated guest OS of domain 11: goes down 50 ms after it is asked"),
                platform.guests().values().stream().map(GuestOs::description).toList());
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
        platform = SimulatedPlatform.create(SimulatorSpec.parse("1:ok:40"), host);
        platform.watch(changes);
        long start = System.nanoTime();
        platform.guests().get(1).shutdown();
        changes.await(running(1), "2");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 40, "halted after " + elapsedMillis + " ms");
    }

    @Test
    void aBouncingGuestGoesDownAndIsStartedAgainWhenAskedToShutDown() throws Exception {
        GuestOs guest = guest("1:bounce:30", 1);
        guest.shutdown();
        Task halt = scheduler.next();
        assertEquals(30, halt.delayMillis());
        halt.run();
        assertEquals("2", runningOf(1), "down first");
        Task boot = scheduler.next();
        assertEquals(0, boot.delayMillis(), "started again at once");
        boot.run();
        changes.flush(platform);
        assertEquals(List.of("2", "3"), changes.values(running(1)));
        assertFalse(guest.busy());

        guest.shutdown();
        scheduler.next().run();
        scheduler.next().run();
        assertEquals("5", runningOf(1), "every time it is asked");
    }

    @Test
    void aHardStopOfABouncingGuestKeepsItDown() throws Exception {
        GuestOs guest = guest("1:bounce:30", 1);
        guest.shutdown();
        scheduler.next().run();
        Task boot = scheduler.next();
        platform.hardStop(1);
        boot.runAnyway();
        assertEquals("2", runningOf(1));
    }

    @Test
    void aVanishingDomainIsDestroyedAfterTheDelayAndItsAgentEndsWithIt() throws Exception {
        GuestOs guest = guest("1:vanish:40,2:ok", 1);
        platform.write(requested(1), "2");
        platform.write(status(1), "picked-up 2");
        guest.shutdown();
        Task destroy = scheduler.next();
        assertEquals(40, destroy.delayMillis());
        assertEquals("1", runningOf(1), "still there before the delay");

        destroy.run();

        assertEquals(Set.of(running(0), running(2)), platform.names(), "every property of domain 1 is gone");
        changes.flush(platform);
        assertEquals(Arrays.asList("2", null), changes.values(requested(1)), "each removal notified");
        assertEquals(Arrays.asList("picked-up 2", null), changes.values(status(1)));
        assertEquals(Collections.singletonList(null), changes.values(running(1)));
        assertEquals(List.of("ends 1"), host.events);
        assertEquals("domain 1 has no running counter", assertThrows(IOException.class, guest::shutdown).getMessage());
        assertEquals("domain 1 does not exist on the simulated platform",
                assertThrows(IOException.class, () -> platform.hardStop(1)).getMessage());
    }

    @Test
    void aHardStopBeforeTheDestructionKeepsTheDomain() throws Exception {
        GuestOs guest = guest("1:vanish:40", 1);
        guest.reboot();
        Task destroy = scheduler.next();
        platform.hardStop(1);
        assertTrue(destroy.isCancelled());
        destroy.runAnyway();
        assertEquals("2", runningOf(1), "stopped, not destroyed");
        assertEquals(List.of(), host.events);
    }

    @Test
    void aFailingGuestsCommandFailsWithItsReasonAndTheDomainStaysUp() throws Exception {
        GuestOs guest = guest("1:fail:poweroff: exit status 1", 1);
        IOException shutdown = assertThrows(IOException.class, guest::shutdown);
        assertFalse(shutdown instanceof ShutdownVetoedException, "a failure, not the guest refusing");
        assertEquals("poweroff: exit status 1", shutdown.getMessage());
        assertEquals("poweroff: exit status 1", assertThrows(IOException.class, guest::reboot).getMessage());
        assertEquals(List.of(), scheduler.queued());
        assertEquals("1", runningOf(1));
    }

    @Test
    void aHangingGuestsCommandReturnsOnlyWhenItsThreadIsInterrupted() throws Exception {
        GuestOs guest = guest("1:hang", 1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = calling(guest::shutdown, outcome);
        // a hung command gives no sign to wait for; it must not have returned, whenever it is looked at
        assertFalse(outcome.isDone());

        caller.interrupt();

        Throwable thrown = outcome.get(ChangeRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertInstanceOf(InterruptedIOException.class, thrown);
        assertEquals("the native shutdown hung and was interrupted", thrown.getMessage());
        assertEquals("1", runningOf(1));
        assertEquals(List.of(), scheduler.queued());
    }

    @Test
    void aHangingGuestsCommandEndsWhenThePlatformCloses() throws Exception {
        GuestOs guest = guest("1:hang", 1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        calling(guest::reboot, outcome);

        platform.close();

        Throwable thrown = outcome.get(ChangeRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertInstanceOf(IOException.class, thrown);
        assertTrue(thrown.getMessage().equals("the native reboot hung until the simulated platform closed")
                || thrown.getMessage().equals("the simulated platform has been closed"), thrown.getMessage());
    }

    interface Call {
        void run() throws IOException;
    }

    /** Calls the guest on a thread of its own, as the agent does; the outcome is what it threw, or null. */
    private static Thread calling(Call call, CompletableFuture<Throwable> outcome) {
        Thread caller = new Thread(() -> {
            try {
                call.run();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        }, "test-native-call");
        caller.start();
        return caller;
    }
}
