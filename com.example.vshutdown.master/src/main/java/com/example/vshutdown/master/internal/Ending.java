package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ParticipantOutcome;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.Withdrawal;
import com.example.vshutdown.master.internal.Tracks.Ask;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The end of a shutdown, by the rules of 004 and DESIGN.md, as an outcome: without force, a domain
 * that did not acknowledge cancels the whole shutdown, the groups of the stop order not reached are
 * never asked, and the master stays up; with force, a system-wide shutdown has already hard-stopped
 * each domain whose bound passed, group by group, and goes on to the master's native command, while
 * a selective one hard-stops its domain here. A cancel always cancels: the operator asked to stop,
 * not to force. It reads the run's tracks and builds its own outcomes; it writes nothing back.
 */
final class Ending {
    private static final Logger LOG = LoggerFactory.getLogger(Ending.class);

    private final ShutdownRequest request;
    private final Tracks tracks;
    private final Progress progress;
    private final LongSupplier nanoTime;
    private final Supplier<Optional<NativeShutdown>> nativeShutdown;
    private final List<ParticipantOutcome> participants;
    private final Runnable beforeMasterStep;
    private final Map<Integer, DomainOutcome> outcomes = new TreeMap<>();
    private List<Withdrawal> withdrawals = List.of();

    /**
     * @param nativeShutdown the master's native shutdown bound now: read once, at the master's step
     * @param participants the participants that ended their preparation in this shutdown
     * @param beforeMasterStep runs when every slave is dealt with and the master's own step (or, for a
     *        slaves-only shutdown, the end) comes: the shutdown's record goes
     */
    Ending(ShutdownRequest request, Tracks tracks, Progress progress, LongSupplier nanoTime,
            Supplier<Optional<NativeShutdown>> nativeShutdown, List<ParticipantOutcome> participants,
            Runnable beforeMasterStep) {
        this.request = request;
        this.tracks = tracks;
        this.progress = progress;
        this.nanoTime = nanoTime;
        this.nativeShutdown = nativeShutdown;
        this.participants = List.copyOf(participants);
        this.beforeMasterStep = beforeMasterStep;
        tracks.settled().forEach(o -> outcomes.put(o.id(), o));
        tracks.queued().forEach((id, group) -> outcomes.put(id, new DomainOutcome(id, Status.NOT_ASKED,
                OptionalLong.empty(), Optional.empty(), PolicyText.notAsked(group)).inGroup(group + 1)));
    }

    /**
     * @param provider the provider the wait used last, to diagnose and hard-stop with; empty when no
     *        provider is bound, and then nothing is read or written
     * @param why what ended the wait, in words
     */
    ShutdownResult finish(WaitEnd end, Optional<VPropertyProvider> provider, String why) {
        if (provider.isEmpty()) {
            return withoutProvider(end, why);
        }
        Map<Integer, String> missing = Diagnosis.missing(provider.get(), tracks.pending());
        if (missing.isEmpty()) {
            return everyoneAnswered(end, why);
        }
        progress.general(Type.WAIT_ENDED, missing.keySet(), TextFormat.waitEnded(why, missing));
        if (end == WaitEnd.CANCELLED || !request.force() || request.isSystemWide()) {
            // a forced system-wide shutdown hard-stopped each domain as its bound passed (or its request
            // could not be written): what is still pending at its end was cancelled
            missing.forEach((id, reason) -> record(id, Status.NOT_ACKNOWLEDGED, reason));
            withdraw(provider, tracks.pending());
            return result(Outcome.CANCELLED, end, MasterAction.NONE, TextFormat.cancelled(request, why, missing)
                    + TextFormat.withdrawals(withdrawals) + PolicyText.neverAsked(tracks.queued().keySet()));
        }
        Map<Integer, DomainOutcome> stopped = new HardStops(request, progress, nanoTime)
                .apply(provider.get(), tracks.pending(), missing);
        outcomes.putAll(stopped);
        List<Integer> stillRunning = stopped.values().stream().filter(o -> o.status() != Status.HARD_STOPPED)
                .map(DomainOutcome::id).toList();
        Map<Integer, String> after = new TreeMap<>();
        missing.keySet().forEach(id -> after.put(id, outcomes.get(id).reason()));
        if (stillRunning.isEmpty() && request.reboot()) {
            return result(Outcome.INCOMPLETE, end, MasterAction.NONE,
                    TextFormat.forcedNotRestarted(why, request.domain().getAsInt()));
        }
        if (stillRunning.isEmpty()) {
            return result(Outcome.FORCED, end, MasterAction.NONE, TextFormat.forced(why, after));
        }
        // the domain still runs with the request ahead of it: an agent that starts later must not act on it
        withdraw(provider, tracks.pending().stream().filter(a -> stillRunning.contains(a.id())).toList());
        return result(Outcome.INCOMPLETE, end, MasterAction.NONE, TextFormat.forcedStillRunning(why, after)
                + TextFormat.withdrawals(withdrawals));
    }

    /** Nothing is awaited: done, unless cancelled, a selective reboot's domain is gone or the re-check could not look. */
    private ShutdownResult everyoneAnswered(WaitEnd end, String why) {
        long gone = tracks.settled(Status.GONE);
        String message = TextFormat.completed(request, tracks.settled(Status.ACKNOWLEDGED), gone);
        if (end == WaitEnd.CANCELLED) {
            progress.general(Type.WAIT_ENDED, List.of(), why);
            return result(Outcome.CANCELLED, end, MasterAction.NONE, why);
        }
        if (!request.isSystemWide() && request.reboot() && gone > 0) {
            return result(Outcome.INCOMPLETE, end, MasterAction.NONE, message);
        }
        Optional<String> unverified = tracks.recheckProblem();
        boolean forced = tracks.forcedEnd().isPresent();
        WaitEnd ended = tracks.forcedEnd().orElse(end);
        String whyForced = String.join("; ", tracks.forcedBy());
        if (unverified.isEmpty()) {
            return forced ? masterStep(Outcome.FORCED, ended, TextFormat.forcedSystemWide(whyForced, forcedReasons()))
                    : masterStep(Outcome.COMPLETED, end, message);
        }
        progress.general(Type.WAIT_ENDED, List.of(), TextFormat.waitEnded(why, Map.of()));
        if (request.force()) {
            return masterStep(Outcome.FORCED, ended, TextFormat.recheckFailed(request, forced ? whyForced : why,
                    unverified.get(), true));
        }
        return result(Outcome.FAILED, end, MasterAction.NONE, TextFormat.recheckFailed(request, why,
                unverified.get(), false));
    }

    private Map<Integer, String> forcedReasons() {
        Map<Integer, String> after = new TreeMap<>();
        tracks.forcedIds().forEach(id -> after.put(id, outcomes.get(id).reason()));
        return after;
    }

    /**
     * Without a provider nothing can be read, hard-stopped or trusted: the shutdown is cancelled,
     * whatever -f says, and the gone provider is not called again to explain anything.
     */
    private ShutdownResult withoutProvider(WaitEnd end, String why) {
        progress.general(Type.WAIT_ENDED, tracks.pendingIds(), why);
        tracks.pendingIds().forEach(id -> record(id, Status.NOT_ACKNOWLEDGED, TextFormat.unknownReason(why)));
        withdraw(Optional.empty(), tracks.pending());
        return result(Outcome.CANCELLED, end, MasterAction.NONE,
                TextFormat.providerLost(request, why, tracks.pendingIds()) + TextFormat.withdrawals(withdrawals)
                        + PolicyText.neverAsked(tracks.queued().keySet()));
    }

    /** What the master does to itself once the slaves are down: nothing for a selective or slaves-only request. */
    static MasterAction masterAction(ShutdownRequest request) {
        if (!request.isSystemWide() || request.slavesOnly()) {
            return MasterAction.NONE;
        }
        return request.reboot() ? MasterAction.REBOOT : MasterAction.SHUTDOWN;
    }

    /**
     * For a system-wide request, starts the master's native shutdown or reboot; a slaves-only one
     * ends here, by design, since the master's OS is going down by its own path.
     */
    private ShutdownResult masterStep(Outcome outcome, WaitEnd end, String message) {
        if (!request.isSystemWide()) {
            return result(outcome, end, MasterAction.NONE, message);
        }
        String said = message + PolicyText.participantsNotReady(participants);
        beforeMasterStep.run();
        if (request.slavesOnly()) {
            return result(outcome, end, MasterAction.NONE, TextFormat.slavesOnlyDone(said));
        }
        boolean reboot = request.reboot();
        Optional<NativeShutdown> bound = nativeShutdown.get();
        if (bound.isEmpty()) {
            return result(Outcome.FAILED, end, MasterAction.NONE, TextFormat.noNativeShutdown(said));
        }
        NativeShutdown nat = bound.get();
        progress.general(Type.MASTER_ACTION, List.of(), TextFormat.masterAction(reboot, nat.description()));
        try {
            if (reboot) {
                nat.reboot();
            } else {
                nat.shutdown();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("The master's native {} failed", reboot ? "reboot" : "shutdown", e);
            return result(Outcome.FAILED, end, MasterAction.NONE, TextFormat.nativeFailed(said, reboot, e.getMessage()));
        }
        return result(outcome, end, reboot ? MasterAction.REBOOT : MasterAction.SHUTDOWN,
                TextFormat.masterStarted(said, reboot));
    }

    private void withdraw(Optional<VPropertyProvider> provider, List<Ask> asks) {
        withdrawals = new Withdrawer(progress).withdraw(provider, asks);
    }

    private void record(int id, Status status, String reason) {
        outcomes.put(id, tracks.pending(id).orElseThrow().outcome(status, Optional.empty(), reason));
    }

    private ShutdownResult result(Outcome outcome, WaitEnd end, MasterAction action, String message) {
        return new ShutdownResult(request, outcome, end, new ArrayList<>(outcomes.values()), withdrawals, action,
                message, progress.elapsed(), participants);
    }
}
