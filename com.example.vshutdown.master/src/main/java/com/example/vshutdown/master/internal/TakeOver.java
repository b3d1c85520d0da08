package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.DomainState;
import com.example.vshutdown.master.internal.Tracks.Ask;
import com.example.vshutdown.master.internal.machine.IntentRecord;
import com.example.vshutdown.master.internal.machine.IntentRecord.Asked;

/**
 * The requests of a recorded shutdown that a resuming master waits for: each one that still stands
 * on its domain ({@code requested} holds the recorded value), awaited from when it was recorded,
 * with the bound it had. A value recorded but not on its domain was never written (the master died
 * between the record and the write): nothing is awaited for it, and the run asks that domain as it
 * asks any running slave it finds. Times on the wall clock of the record become times on the run's
 * monotonic clock here, once.
 */
final class TakeOver {
    static final String GONE_WHILE_UNWATCHED =
            "its vproperties disappeared while no master watched it (the domain was destroyed)";

    private final Tracks tracks;
    private final Set<Integer> watched;
    private final Bounds bounds;
    private final long nowNanos;
    private final Instant wallNow;

    TakeOver(Tracks tracks, Set<Integer> watched, Bounds bounds, long nowNanos, Instant wallNow) {
        this.tracks = tracks;
        this.watched = watched;
        this.bounds = bounds;
        this.nowNanos = nowNanos;
        this.wallNow = wallNow;
    }

    /** @return how many recorded requests still stand, and are awaited */
    int apply(DomainReader reader, IntentRecord record) throws IOException {
        int standing = 0;
        for (Asked asked : record.asked()) {
            tracks.groupAsked(asked.group());
            Optional<DomainInfo> domain = reader.read(asked.domain());
            if (domain.isEmpty()) {
                tracks.settle(new DomainOutcome(asked.domain(), Status.GONE, OptionalLong.of(asked.value()),
                        Optional.empty(), GONE_WHILE_UNWATCHED, Tracks.number(asked.group()), Optional.empty(),
                        OptionalLong.of(asked.running())));
            } else if (domain.get().state() == DomainState.INVALID) {
                tracks.settle(Plan.invalid(domain.get()));
            } else if (domain.get().requested().equals(OptionalLong.of(asked.value()))) {
                long askedAt = nowNanos - Duration.between(asked.at(), wallNow).toNanos();
                watched.add(asked.domain());
                tracks.asked(new Ask(asked.domain(), asked.value(), asked.running(), askedAt, Optional.empty(),
                        asked.group(), bounds.of(asked.domain(), asked.group(), askedAt)));
                standing++;
            }
        }
        return standing;
    }
}
