package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.ProviderUnavailableException;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.master.internal.machine.Claim;
import com.example.vshutdown.master.internal.machine.IntentRecord;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * How a shutdown begins, before its wait: in two steps around the run's subscription to change
 * notifications, so that nothing is written before it can hear the answer. A new shutdown plans
 * from one reading and records its intent ({@link #plan}), then reports the plan and asks its first
 * group, or its one domain ({@link #ask}). A recorded one gets its deadline back on this run's clock
 * and is taken over by this process ({@link #resume}), then its standing requests are awaited and
 * a request recorded but never written is asked ({@link #takeOver}).
 */
final class Opening {
    private final ShutdownRequest request;
    private final RunContext context;
    private final boolean simulated;
    private final Tracks tracks;
    private final Progress progress;
    private final Set<Integer> watched;
    private DomainReader reader;
    private Plan plan;
    private List<Integer> ids;
    private long nowNanos;
    private Instant wallNow;

    Opening(ShutdownRequest request, RunContext context, boolean simulated, Tracks tracks, Progress progress,
            Set<Integer> watched) {
        this.request = request;
        this.context = context;
        this.simulated = simulated;
        this.tracks = tracks;
        this.progress = progress;
        this.watched = watched;
    }

    /**
     * Plans from one reading and records the intent; nothing is written to the platform.
     *
     * @return the bounds of the shutdown's waits
     * @throws ShutdownException for bad input, a misconfigured time-out, an unreadable platform or
     *         an intent that cannot be recorded
     */
    Bounds plan(VPropertyProvider provider, Claim claim, StopOrder order) throws ShutdownException {
        long startNanos = context.nanoTime().getAsLong();
        Instant started = claim.now();
        reader = new DomainReader(provider, context.masterDomain());
        try {
            plan = Plan.of(request, reader, context.masterDomain());
            ids = reader.domainIds();
        } catch (IOException e) {
            throw unreadable(provider, e);
        }
        context.policy().ownTimeouts(ids);
        Bounds bounds = new Bounds(request, startNanos, context.policy());
        claim.begin(request, order.toString(), started);
        return bounds;
    }

    /** Reports the plan and writes the requests of the first group, or the one request of a selective shutdown. */
    void ask(Asker asker, Groups groups) {
        progress.general(Type.STARTED, plan.targets().stream().map(Plan.Target::id).toList(),
                TextFormat.started(request, plan.targets().size(), simulated));
        if (request.isSystemWide()) {
            groups.askFirst(reader, plan, ids);
        } else {
            askTheOne(asker);
        }
    }

    /**
     * The bounds of a recorded shutdown: its deadline is the one recorded; and this process
     * coordinates it from now on.
     */
    Bounds resume(VPropertyProvider provider, Claim claim, IntentRecord record) throws ShutdownException {
        nowNanos = context.nanoTime().getAsLong();
        wallNow = claim.now();
        long startNanos = nowNanos - Duration.between(record.started(), wallNow).toNanos();
        reader = new DomainReader(provider, context.masterDomain());
        try {
            context.policy().ownTimeouts(reader.domainIds());
        } catch (IOException e) {
            throw unreadable(provider, e);
        }
        claim.resume();
        return new Bounds(request, startNanos, context.policy());
    }

    /** Awaits the recorded requests that still stand; a selective one never written is asked now. */
    void takeOver(IntentRecord record, Asker asker, Bounds bounds) throws ShutdownException {
        try {
            int standing = new TakeOver(tracks, watched, bounds, nowNanos, wallNow).apply(reader, record);
            progress.general(Type.STARTED, tracks.pendingIds(), TextFormat.resumed(record, standing));
            if (!request.isSystemWide() && tracks.pendingIds().isEmpty() && tracks.settled().isEmpty()) {
                // a system-wide shutdown's re-check asks whoever runs; a selective one has its one domain
                plan = Plan.of(request, reader, context.masterDomain());
                askTheOne(asker);
            }
        } catch (IOException e) {
            throw unreadable(reader.provider(), e);
        }
    }

    private void askTheOne(Asker asker) {
        plan.skipped().forEach(this::skipped);
        plan.targets().forEach(target -> asker.ask(reader.provider(), target, OptionalLong.empty(), -1));
    }

    private void skipped(DomainOutcome skipped) {
        tracks.settle(skipped);
        progress.domain(Type.SKIPPED, skipped.id(), OptionalLong.empty(), List.of(), TextFormat.skipped(skipped));
    }

    private static ProviderUnavailableException unreadable(VPropertyProvider provider, IOException e) {
        return new ProviderUnavailableException("the vproperties could not be read (" + provider.description()
                + "): " + e.getMessage(), e);
    }
}
