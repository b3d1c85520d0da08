package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownResult;

/** A coordinator wired to a fake platform and a recording native shutdown. */
final class Fixture {
    /** Bound for every wait in a test: generous, it only stops a broken test from hanging. */
    static final long BOUND_MILLIS = 10_000;

    final FakePlatform platform = new FakePlatform();
    final FakePlatform.RecordingNative nativeShutdown = new FakePlatform.RecordingNative();
    final List<ShutdownEvent> events = new CopyOnWriteArrayList<>();
    volatile boolean providerPresent = true;
    /** The provider bound now; tests swap it to play a provider bundle being replaced. */
    volatile FakePlatform bound = platform;
    volatile boolean nativePresent = true;
    volatile String fault;
    Duration safetyReread = Duration.ofHours(1);
    Duration progressInterval = Duration.ofHours(1);

    Fixture() {
        platform.domain(0, "1");
    }

    Coordinator coordinator() {
        return new Coordinator(() -> providerPresent ? Optional.of(bound) : Optional.empty(),
                () -> nativePresent ? Optional.of(nativeShutdown) : Optional.empty(),
                () -> Optional.ofNullable(fault), events::add, 0, safetyReread, progressInterval);
    }

    static ShutdownResult await(Promise<ShutdownResult> promise) throws Exception {
        Promise<ShutdownResult> bounded = promise.timeout(BOUND_MILLIS);
        return bounded.getValue();
    }

    List<ShutdownEvent.Type> eventTypes() {
        return events.stream().map(ShutdownEvent::type).toList();
    }
}
