package com.example.vshutdown.master.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.master.internal.Tracks.Ask;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * What a passing bound does. Without force, or in a selective shutdown, the wait ends and the
 * ending decides (cancel, or hard-stop the one domain). With force, a system-wide shutdown
 * hard-stops just the domains whose bound passed, settles them (they are never asked again), and
 * goes on: the rest of their group, then the next group, then the master's step.
 */
final class Expiry {
    private final ShutdownRequest request;
    private final Tracks tracks;
    private final Progress progress;
    private final Bounds bounds;
    private final LongSupplier nanoTime;

    Expiry(ShutdownRequest request, Tracks tracks, Progress progress, Bounds bounds, LongSupplier nanoTime) {
        this.request = request;
        this.tracks = tracks;
        this.progress = progress;
        this.bounds = bounds;
        this.nanoTime = nanoTime;
    }

    /** When the run's timer fires next: the earliest pending bound; while a re-check cannot read the slaves, the deadline. */
    OptionalLong next() {
        OptionalLong earliest = tracks.earliestDeadline();
        return earliest.isEmpty() && tracks.recheckProblem().isPresent() ? bounds.deadline() : earliest;
    }

    /**
     * The timer fired: judges every pending bound that has passed.
     *
     * @return why the wait ends now, if it does; empty when it goes on (nothing passed yet, or force went on)
     */
    Optional<String> passed(VPropertyProvider provider) {
        long now = nanoTime.getAsLong();
        List<Ask> expired = tracks.pending().stream().filter(Ask::written)
                .filter(a -> a.bound().deadlineNanos().isPresent() && a.bound().deadlineNanos().getAsLong() <= now)
                .toList();
        if (expired.isEmpty()) {
            boolean deadlinePassed = bounds.deadline().isPresent() && bounds.deadline().getAsLong() <= now;
            return tracks.recheckProblem().isPresent() && deadlinePassed
                    ? Optional.of(TextFormat.why(WaitEnd.TIMED_OUT, request)) : Optional.empty();
        }
        String why = PolicyText.timedOut(expired);
        if (!request.force() || !request.isSystemWide()) {
            return Optional.of(why);
        }
        force(provider, expired, why, WaitEnd.TIMED_OUT);
        return Optional.empty();
    }

    /**
     * Hard-stops the given domains of a forced system-wide shutdown, which are then settled and
     * never asked again.
     *
     * @param cause what ended their wait: a bound, or a request that could not be written
     */
    void force(VPropertyProvider provider, List<Ask> asks, String why, WaitEnd cause) {
        Map<Integer, String> missing = Diagnosis.missing(provider, asks);
        progress.general(Type.WAIT_ENDED, missing.keySet(), TextFormat.waitEnded(why, missing));
        new HardStops(request, progress, nanoTime).apply(provider, asks, missing).values()
                .forEach(outcome -> tracks.forced(outcome, why, cause));
    }
}
