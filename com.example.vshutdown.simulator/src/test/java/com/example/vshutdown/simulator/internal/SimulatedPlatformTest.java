package com.example.vshutdown.simulator.internal;

import static com.example.vshutdown.protocol.VProperties.requested;
import static com.example.vshutdown.protocol.VProperties.running;
import static com.example.vshutdown.protocol.VProperties.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.vshutdown.spi.VPropertyProvider.Subscription;
import com.example.vshutdown.support.offer.MalformedSettingException;

/**
 * The platform with its real threads: what a master sees of it through the SPI. What its guests do
 * when their agent calls them is {@link GuestOsTest}'s; when their agents start, {@link GuestAgentsTest}'s.
 */
class SimulatedPlatformTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ChangeRecorder changes = new ChangeRecorder();
    private final RecordingHost host = new RecordingHost();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private SimulatedPlatform start(String domains) throws MalformedSettingException {
        return start(domains, 0);
    }

    private SimulatedPlatform start(String domains, int master) throws MalformedSettingException {
        SimulatedPlatform platform = SimulatedPlatform.create(SimulatorSpec.parse("test", domains, master), host);
        toClose.add(platform);
        platform.startGuests();
        platform.watch(changes);
        return platform;
    }

    private static String value(SimulatedPlatform platform, String name) throws IOException {
        return platform.read(name).orElse(null);
    }

    @Test
    void startsWithTheCountersOfEveryBehaviourAndNoRequests() throws Exception {
        SimulatedPlatform p = start("1:ok:10,2:ignore,3:block,4:stopped,5:invalid");
        assertEquals("1", value(p, running(0)), "the master runs");
        assertEquals("1", value(p, running(1)));
        assertEquals("1", value(p, running(2)));
        assertEquals("1", value(p, running(3)));
        assertEquals("2", value(p, running(4)));
        assertEquals("1x", value(p, running(5)));
        assertEquals(Optional.empty(), p.read(requested(1)));
        assertEquals(Optional.empty(), p.read(status(1)));
        assertEquals(Set.of(running(0), running(1), running(2), running(3), running(4), running(5)), p.names());
        assertTrue(p.canHardStop());
        assertEquals("simulated platform (master domain 0, slave domains 1:ok:10,2:ignore,"
                + "3:block:an application vetoes the shutdown,4:stopped,5:invalid)", p.description());
        assertEquals(List.of("starts 1", "starts 3"), host.events, "agents where somebody is in the domain");
    }

    @Test
    void anAppearingDomainDoesNotExistAtFirst() throws Exception {
        SimulatedPlatform p = start("1:appear:600000,2:late:600000");
        assertEquals(Set.of(running(0), running(2)), p.names());
        assertEquals(List.of(), host.events, "their agents start later");
    }

    @Test
    void theMastersDomainComesFromTheSpec() throws Exception {
        SimulatedPlatform p = start("0:ok:10", 4);
        assertEquals(Set.of(running(0), running(4)), p.names());
        assertEquals("1", value(p, running(4)));
    }

    @Test
    void runningCountersAreReadOnly() throws Exception {
        SimulatedPlatform p = start("1:ok:10");
        for (String name : List.of(running(1), running(0), running(9))) {
            IOException e = assertThrows(IOException.class, () -> p.write(name, "2"));
            assertEquals(name + ": read-only: kept by the hypervisor", e.getMessage());
        }
        changes.flush(p);
        assertEquals("1", value(p, running(1)));
        assertEquals(List.of(), changes.values(running(1)));
    }

    /** The names are the protocol's (VProperties): one it reads as no domain's counter is a property like any other. */
    @Test
    void aNameThatIsNoDomainsCounterIsWritable() throws Exception {
        SimulatedPlatform p = start("1:ok:10");
        p.write("nk.01.vm.state.running", "2");
        assertEquals("2", value(p, "nk.01.vm.state.running"));
        assertEquals("1", value(p, running(1)), "domain 1's counter is another property");
    }

    @Test
    void writesCreatePropertiesAndAreNotifiedInOrder() throws Exception {
        SimulatedPlatform p = start("1:ignore");
        List<Optional<String>> notified = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(200);
        Subscription subscription = p.subscribe(name -> {
            notified.add(name);
            all.countDown();
        });
        toClose.add(subscription);
        List<Optional<String>> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String name = "test.p" + (i % 7);
            p.write(name, Integer.toString(i));
            expected.add(Optional.of(name));
        }
        assertTrue(all.await(ChangeRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "all notified");
        assertEquals(expected, notified);
        assertEquals(Optional.of("199"), p.read("test.p3"));
        assertTrue(p.names().contains("test.p6"));
    }

    @Test
    void everyWriteIsNotifiedEvenWithTheSameValue() throws Exception {
        SimulatedPlatform p = start("1:ignore");
        p.write("test.same", "x");
        p.write("test.same", "x");
        changes.flush(p);
        assertEquals(List.of("x", "x"), changes.values("test.same"));
    }

    @Test
    void aFailingListenerIsLoggedAndTheOthersStillHearEverything() throws Exception {
        SimulatedPlatform p = start("1:ignore");
        List<Optional<String>> failing = new CopyOnWriteArrayList<>();
        toClose.add(p.subscribe(name -> {
            failing.add(name);
            throw new IllegalStateException("listener bug");
        }));
        // Subscribed after the failing one, so it hears only what survives the failure.
        List<Optional<String>> later = new CopyOnWriteArrayList<>();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        toClose.add(p.subscribe(name -> {
            later.add(name);
            threads.add(Thread.currentThread());
        }));
        p.write("test.a", "1");
        p.write("test.b", "2");
        changes.flush(p);
        List<Optional<String>> written = List.of(Optional.of("test.a"), Optional.of("test.b"));
        assertEquals(written, withoutFlushes(failing));
        assertEquals(written, withoutFlushes(later));
        assertEquals(1, threads.size(), "one notifier thread, never replaced: " + threads);
        assertTrue(threads.iterator().next().getName().startsWith("vshutdown-sim-"), threads.toString());
    }

    private static List<Optional<String>> withoutFlushes(List<Optional<String>> names) {
        return names.stream().filter(n -> !n.equals(Optional.of("test.flush"))).toList();
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() throws Exception {
        SimulatedPlatform p = start("1:ignore");
        List<Optional<String>> heard = new CopyOnWriteArrayList<>();
        Subscription subscription = p.subscribe(heard::add);
        p.write("test.before", "1");
        changes.flush(p);
        subscription.close();
        subscription.close();
        p.write("test.after", "1");
        changes.flush(p);
        assertTrue(heard.contains(Optional.of("test.before")));
        assertTrue(!heard.contains(Optional.of("test.after")), heard.toString());
    }

    @Test
    void aHardStopPullsThePowerAtOnce() throws Exception {
        SimulatedPlatform p = start("1:ignore,2:block,3:stopped");
        p.write(requested(2), "2");
        p.hardStop(1);
        assertEquals("2", value(p, running(1)), "stopped when hardStop returns");
        p.hardStop(2);
        assertEquals("2", value(p, running(2)));
        p.hardStop(3);
        assertEquals("2", value(p, running(3)), "a stopped domain stays as it is");
        changes.flush(p);
        assertEquals(List.of("2"), changes.values(running(1)));
        assertEquals(List.of("2"), changes.values(running(2)));
        assertEquals(List.of(), changes.values(running(3)));
    }

    @Test
    void aHardStopOfAnOkDomainWinsOverItsPendingShutdown() throws Exception {
        SimulatedPlatform p = start("1:ok:600000");
        p.guests().get(1).reboot();
        p.hardStop(1);
        assertEquals("2", value(p, running(1)));
        changes.flush(p);
        assertEquals(List.of("2"), changes.values(running(1)));
    }

    @Test
    void aHardStopIsRefusedWhereItCannotApply() throws Exception {
        SimulatedPlatform p = start("4:invalid", 0);
        assertEquals("domain 0 is the master's own domain; the simulator does not pull its power",
                assertThrows(IOException.class, () -> p.hardStop(0)).getMessage());
        assertEquals("domain 9 does not exist on the simulated platform",
                assertThrows(IOException.class, () -> p.hardStop(9)).getMessage());
        assertEquals("domain 4 cannot be hard-stopped: its running counter value '1x' is not an unsigned decimal integer",
                assertThrows(IOException.class, () -> p.hardStop(4)).getMessage());
        assertEquals("1", value(p, running(0)));
        assertEquals("1x", value(p, running(4)));
    }

    @Test
    void aClosedPlatformRefusesEveryCall() throws Exception {
        SimulatedPlatform p = start("1:ok:10");
        p.close();
        p.close();
        assertThrows(IOException.class, () -> p.read(running(1)));
        assertThrows(IOException.class, () -> p.write(requested(1), "2"));
        assertThrows(IOException.class, p::names);
        assertThrows(IOException.class, () -> p.hardStop(1));
    }
}
