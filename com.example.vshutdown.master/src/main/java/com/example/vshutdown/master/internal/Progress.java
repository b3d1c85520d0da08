package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import org.osgi.util.promise.Promise;

import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.spi.VPropertyProvider;

/** Emits the events of one shutdown, stamped with the time since it started. */
final class Progress {
    private final ShutdownRequest request;
    private final EventDelivery sink;
    private final LongSupplier nanoTime;
    private final long startNanos;

    Progress(ShutdownRequest request, EventDelivery sink, LongSupplier nanoTime) {
        this.request = request;
        this.sink = sink;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    Duration elapsed() {
        return Duration.ofNanos(nanoTime.getAsLong() - startNanos);
    }

    void general(Type type, Collection<Integer> pending, String message) {
        emit(type, OptionalInt.empty(), OptionalLong.empty(), pending, message, Optional.empty());
    }

    void domain(Type type, int domain, OptionalLong value, Collection<Integer> pending, String message) {
        emit(type, OptionalInt.of(domain), value, pending, message, Optional.empty());
    }

    /** "still waiting for 2 (not picked up), 3 (blocked)", with what the agents' statuses say now. */
    void stillWaiting(Tracks tracks, VPropertyProvider provider) {
        if (tracks.pendingIds().isEmpty()) {
            return;
        }
        Map<Integer, String> briefs = new TreeMap<>();
        for (Tracks.Ask ask : tracks.pending()) {
            briefs.put(ask.id(), Diagnosis.brief(provider, ask.id(), ask.value()));
        }
        general(Type.WAITING, tracks.pendingIds(), TextFormat.stillWaiting(briefs,
                PolicyText.laterGroups(tracks.queued())));
    }

    /** The last event: resolves once every listener has been given it. */
    Promise<?> finished(ShutdownResult result) {
        return sink.publishLast(event(Type.FINISHED, OptionalInt.empty(), OptionalLong.empty(), new TreeSet<>(),
                result.message(), Optional.of(result)));
    }

    private void emit(Type type, OptionalInt domain, OptionalLong value, Collection<Integer> pending,
            String message, Optional<ShutdownResult> result) {
        sink.publish(event(type, domain, value, pending, message, result));
    }

    private ShutdownEvent event(Type type, OptionalInt domain, OptionalLong value, Collection<Integer> pending,
            String message, Optional<ShutdownResult> result) {
        return new ShutdownEvent(type, request, domain, value, elapsed(), new TreeSet<>(pending), message, result);
    }
}
