package com.example.vshutdown.master.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.master.internal.machine.Machine;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * A coordinator wired to a fake platform and a recording native shutdown, on a manual scheduler:
 * nothing happens between the test's steps, and time passes only when the test advances it.
 */
final class Fixture implements Bindings {
    /** Bound, in real time, for a step that other threads take part in: it only stops a broken test from hanging. */
    static final Duration BOUND = Duration.ofSeconds(10);

    final ManualScheduler scheduler = new ManualScheduler();
    final FakePlatform platform = new FakePlatform();
    final FakePlatform.RecordingNative nativeShutdown = new FakePlatform.RecordingNative();
    final List<ShutdownEvent> events = new CopyOnWriteArrayList<>();
    final List<ShutdownListener> listeners = new CopyOnWriteArrayList<>(List.of(events::add));
    volatile boolean providerPresent = true;
    /** The provider bound now; tests swap it to play a provider bundle being replaced. */
    volatile FakePlatform bound = platform;
    volatile NativeShutdown boundNative = nativeShutdown;
    volatile String fault;
    Duration safetyReread = Duration.ofHours(1);
    Duration progressInterval = Duration.ofHours(1);
    /**
     * The master's configuration and framework properties, read through {@link MasterSettings} as the
     * component reads them: every request at once unless a test sets a stop order, time-outs or graces.
     */
    final Map<String, Object> configuration = new HashMap<>();
    final Map<String, String> frameworkProperties = new HashMap<>();
    /** The participants registered now, in the order they are called. */
    final List<Participant> participants = new CopyOnWriteArrayList<>();
    /** Where listeners are called: the manual scheduler, unless a test needs listeners on real threads. */
    Executor delivery = scheduler;
    /** Whether the bound provider is a simulated platform's (no machine-wide lock, no record). */
    volatile boolean simulatedPlatform;
    /** The run and state directories of this fixture's machine: its own, so tests never meet. */
    final Path machineDir;
    /** Which boot of the machine this is, as records are stamped with it. */
    String boot = "boot-1";

    Fixture() {
        platform.domain(0, "1");
        try {
            machineDir = Files.createDirectories(Path.of("target", "fixture-machines", UUID.randomUUID().toString()))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        configuration.put("run.dir", runDir().toString());
        configuration.put("state.dir", stateDir().toString());
    }

    Path runDir() {
        return machineDir.resolve("run");
    }

    Path stateDir() {
        return machineDir.resolve("state");
    }

    Path record() {
        return stateDir().resolve("shutdown.intent");
    }

    Coordinator coordinator() {
        MasterSettings resolved = settings();
        return new Coordinator(this, new MasterSettings(resolved.masterDomain(), new Timing(safetyReread,
                progressInterval), resolved.policy(), resolved.machine(), resolved.problem()),
                new Scheduling(scheduler, delivery, scheduler::nanoTime), machine());
    }

    /** This fixture's machine, on the test's virtual time: its wall clock moves with the scheduler's. */
    Machine machine() {
        MachineSettings dirs = settings().machine();
        return new Machine(dirs.runDir(), dirs.stateDir(), ProcessHandle.current().pid(), this::wallClock, boot);
    }

    Instant wallClock() {
        return WALL_START.plusNanos(scheduler.nanoTime());
    }

    /** The wall clock of virtual time zero. */
    static final Instant WALL_START = Instant.parse("2030-01-01T08:00:00Z");

    MasterSettings settings() {
        return MasterSettings.resolve(configuration, frameworkProperties::get);
    }

    @Override
    public Optional<VPropertyProvider> provider() {
        return providerPresent ? Optional.of(bound) : Optional.empty();
    }

    @Override
    public boolean simulated(VPropertyProvider provider) {
        return simulatedPlatform;
    }

    @Override
    public Optional<NativeShutdown> nativeShutdown() {
        return Optional.ofNullable(boundNative);
    }

    @Override
    public Optional<String> configurationFault() {
        return Optional.ofNullable(fault);
    }

    @Override
    public List<ShutdownListener> listeners() {
        return listeners;
    }

    @Override
    public List<Participant> participants() {
        return participants;
    }

    /** Runs what is due now and returns the result; the shutdown must have ended by then. */
    ShutdownResult finish(Promise<ShutdownResult> promise) throws Exception {
        scheduler.runDue();
        assertTrue(promise.isDone(), () -> "the shutdown has not ended; events: " + events);
        return promise.getValue();
    }

    /** Lets {@code time} pass, then returns the result; the shutdown must have ended by then. */
    ShutdownResult after(Duration time, Promise<ShutdownResult> promise) throws Exception {
        scheduler.advance(time);
        return finish(promise);
    }

    List<ShutdownEvent.Type> eventTypes() {
        return events.stream().map(ShutdownEvent::type).toList();
    }

    List<String> messages(ShutdownEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).map(ShutdownEvent::message).toList();
    }
}
