package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.master.internal.Tracks.Ask;
import com.example.vshutdown.master.internal.machine.Claim;
import com.example.vshutdown.master.internal.machine.IntentRecord.Asked;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Writes one request and records it: in the run's tracks, in the set of domains whose
 * notifications wake the wait, and as an event. A request that cannot be written is recorded too,
 * as one that cannot be answered.
 */
final class Asker {
    private static final Logger LOG = LoggerFactory.getLogger(Asker.class);

    private final Tracks tracks;
    private final Progress progress;
    private final Set<Integer> watched;
    private final LongSupplier nanoTime;
    private final Bounds bounds;
    private final Claim claim;
    /** Requests recorded ahead by {@link #record}, by domain, with why they could not be, if they could not. */
    private final Map<Integer, Recorded> recorded = new HashMap<>();

    private record Recorded(long value, Optional<String> failure) {
    }

    /** @param claim the machine's record of the shutdown, updated before every request is written */
    Asker(Tracks tracks, Progress progress, Set<Integer> watched, LongSupplier nanoTime, Bounds bounds, Claim claim) {
        this.tracks = tracks;
        this.progress = progress;
        this.watched = watched;
        this.nanoTime = nanoTime;
        this.bounds = bounds;
        this.claim = claim;
    }

    /**
     * Records the requests of a whole group before any of them is written: one update of the
     * record, rather than one per request.
     */
    void record(List<Plan.Target> targets, int group) {
        Optional<String> failure = recordNow(targets, group);
        targets.forEach(t -> recorded.put(t.id(), new Recorded(t.requestValue(), failure)));
    }

    /** @return why the record could not be updated, if it could not */
    private Optional<String> recordNow(List<Plan.Target> targets, int group) {
        try {
            Instant at = claim.now();
            claim.asking(targets.stream().map(t -> new Asked(t.id(), t.requestValue(), t.running(), group, at))
                    .toList());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.error("The shutdown record could not be updated; the requests it does not hold are not written", e);
            return Optional.of("the shutdown record could not be updated (" + e.getMessage() + "), and no request "
                    + "is written without it");
        }
    }

    /**
     * Asks a domain; {@code firstAskedAt} is when this shutdown first asked it, so that the time an
     * operator reads, and the bound of its wait, are counted from there.
     *
     * @param group its group of the stop order from 0, or -1 in a selective shutdown
     */
    void ask(VPropertyProvider provider, Plan.Target target, OptionalLong firstAskedAt, int group) {
        long askedAt = firstAskedAt.orElse(nanoTime.getAsLong());
        int id = target.id();
        Bounds.Bound bound = bounds.of(id, group, askedAt);
        Recorded ahead = recorded.remove(id);
        Optional<String> unrecorded = ahead != null && ahead.value() == target.requestValue() ? ahead.failure()
                : recordNow(List.of(target), group);
        if (unrecorded.isPresent()) {
            failed(new Ask(id, target.requestValue(), target.running(), askedAt, Optional.empty(), group, bound),
                    unrecorded.get());
            return;
        }
        // watched before the write, so that no notification of its answer is ignored
        watched.add(id);
        if (target.retry().isPresent()) {
            try {
                provider.write(VProperties.status(id), "");
            } catch (IOException | RuntimeException e) {
                // with its old record in place the agent would not act: better not to ask than to ask in vain
                LOG.warn("Clearing the agent status of domain {} for a retry failed", id, e);
                failed(new Ask(id, target.requestValue(), target.running(), askedAt, Optional.empty(), group, bound),
                        "its agent status could not be cleared for the retry: " + e.getMessage());
                return;
            }
        }
        try {
            provider.write(VProperties.requested(id), Long.toString(target.requestValue()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Writing the request of domain {} failed", id, e);
            failed(new Ask(id, target.requestValue(), target.running(), askedAt, Optional.empty(), group, bound),
                    e.getMessage());
            return;
        }
        tracks.asked(new Ask(id, target.requestValue(), target.running(), askedAt, Optional.empty(), group, bound));
        progress.domain(Type.REQUESTED, id, OptionalLong.of(target.requestValue()), tracks.pendingIds(),
                TextFormat.requested(id, target.requestValue(), target.running(), target.retry()));
    }

    /** A domain that must be asked again has no request value left: it is awaited as one that cannot answer. */
    void cannotAsk(Ask earlier, long running, String problem) {
        failed(new Ask(earlier.id(), earlier.value(), running, earlier.askedAtNanos(), Optional.empty(),
                earlier.group(), earlier.bound()), problem);
    }

    private void failed(Ask ask, String problem) {
        tracks.asked(new Ask(ask.id(), ask.value(), ask.runningAtAsk(), ask.askedAtNanos(),
                Optional.of("request could not be written: " + problem), ask.group(), ask.bound()));
        progress.domain(Type.REQUEST_FAILED, ask.id(), OptionalLong.of(ask.value()), tracks.pendingIds(),
                TextFormat.requestFailed(ask.id(), ask.value(), problem));
    }
}
