package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.time.Duration;
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
 * that did not acknowledge cancels the whole shutdown and the master stays up; with force, such a
 * domain is hard-stopped where the platform can, and a system-wide shutdown goes on to the
 * master's native command. A cancel always cancels: the operator asked to stop, not to force.
 * It reads the run's tracks and builds its own outcomes; it writes nothing back into the run.
 */
final class Ending {
    private static final Logger LOG = LoggerFactory.getLogger(Ending.class);

    private final ShutdownRequest request;
    private final Tracks tracks;
    private final Progress progress;
    private final LongSupplier nanoTime;
    private final Supplier<Optional<NativeShutdown>> nativeShutdown;
    private final Map<Integer, DomainOutcome> outcomes = new TreeMap<>();
    private List<Withdrawal> withdrawals = List.of();

    /** @param nativeShutdown the master's native shutdown bound now: read once, at the master's step */
    Ending(ShutdownRequest request, Tracks tracks, Progress progress, LongSupplier nanoTime,
            Supplier<Optional<NativeShutdown>> nativeShutdown) {
        this.request = request;
        this.tracks = tracks;
        this.progress = progress;
        this.nanoTime = nanoTime;
        this.nativeShutdown = nativeShutdown;
        tracks.settled().forEach(o -> outcomes.put(o.id(), o));
    }

    /**
     * @param provider the provider the wait used last, to diagnose and hard-stop with; not called
     *        when the wait ended because it went away
     */
    ShutdownResult finish(WaitEnd end, VPropertyProvider provider) {
        if (end == WaitEnd.PROVIDER_LOST) {
            return providerLost();
        }
        Map<Integer, String> missing = new TreeMap<>();
        for (Ask ask : tracks.pending()) {
            missing.put(ask.id(), ask.writeFailure()
                    .orElseGet(() -> Diagnosis.explain(provider, ask.id(), ask.value(), ask.runningAtAsk())));
        }
        String why = TextFormat.why(end, request);
        if (missing.isEmpty()) {
            return everyoneAnswered(end, why);
        }
        progress.general(Type.WAIT_ENDED, missing.keySet(), TextFormat.waitEnded(why, missing));
        if (end == WaitEnd.CANCELLED || !request.force()) {
            missing.forEach((id, reason) -> record(id, Status.NOT_ACKNOWLEDGED, reason));
            withdraw(Optional.of(provider), tracks.pending());
            return result(Outcome.CANCELLED, end, MasterAction.NONE, TextFormat.cancelled(request, why, missing)
                    + TextFormat.withdrawals(withdrawals));
        }
        List<Integer> stillRunning = hardStop(provider, missing);
        Map<Integer, String> after = new TreeMap<>();
        missing.keySet().forEach(id -> after.put(id, outcomes.get(id).reason()));
        if (request.isSystemWide()) {
            return masterStep(Outcome.FORCED, end, TextFormat.forcedSystemWide(why, after));
        }
        if (stillRunning.isEmpty() && request.reboot()) {
            return result(Outcome.INCOMPLETE, end, MasterAction.NONE,
                    TextFormat.forcedNotRestarted(why, request.domain().getAsInt()));
        }
        if (stillRunning.isEmpty()) {
            return result(Outcome.FORCED, end, MasterAction.NONE, TextFormat.forced(why, after));
        }
        // the domain still runs with the request ahead of it: an agent that starts later must not act on it
        withdraw(Optional.of(provider), tracks.pending().stream().filter(a -> stillRunning.contains(a.id())).toList());
        return result(Outcome.INCOMPLETE, end, MasterAction.NONE, TextFormat.forcedStillRunning(why, after)
                + TextFormat.withdrawals(withdrawals));
    }

    /** Nothing is awaited: done, unless a selective reboot's domain is gone or the re-check could not look. */
    private ShutdownResult everyoneAnswered(WaitEnd end, String why) {
        long gone = tracks.settled(Status.GONE);
        String message = TextFormat.completed(request, tracks.settled(Status.ACKNOWLEDGED), gone);
        if (!request.isSystemWide() && request.reboot() && gone > 0) {
            return result(Outcome.INCOMPLETE, end, MasterAction.NONE, message);
        }
        Optional<String> unverified = tracks.recheckProblem();
        if (unverified.isEmpty()) {
            return masterStep(Outcome.COMPLETED, end, message);
        }
        progress.general(Type.WAIT_ENDED, List.of(), TextFormat.waitEnded(why, Map.of()));
        if (end == WaitEnd.CANCELLED) {
            return result(Outcome.CANCELLED, end, MasterAction.NONE, TextFormat.recheckFailed(request, why,
                    unverified.get(), false));
        }
        if (request.force()) {
            return masterStep(Outcome.FORCED, end, TextFormat.recheckFailed(request, why, unverified.get(), true));
        }
        return result(Outcome.FAILED, end, MasterAction.NONE, TextFormat.recheckFailed(request, why,
                unverified.get(), false));
    }

    /**
     * Without a provider nothing can be read, hard-stopped or trusted: the shutdown is cancelled,
     * whatever -f says, and the gone provider is not called again to explain anything.
     */
    private ShutdownResult providerLost() {
        String why = TextFormat.why(WaitEnd.PROVIDER_LOST, request);
        progress.general(Type.WAIT_ENDED, tracks.pendingIds(), why);
        tracks.pendingIds().forEach(id -> record(id, Status.NOT_ACKNOWLEDGED, TextFormat.unknownReason(why)));
        withdraw(Optional.empty(), tracks.pending());
        return result(Outcome.CANCELLED, WaitEnd.PROVIDER_LOST, MasterAction.NONE,
                TextFormat.providerLost(request, why, tracks.pendingIds()) + TextFormat.withdrawals(withdrawals));
    }

    /** Hard-stops each missing domain where the platform can; returns those left running. */
    private List<Integer> hardStop(VPropertyProvider provider, Map<Integer, String> missing) {
        List<Integer> stillRunning = new ArrayList<>();
        missing.forEach((id, reason) -> {
            if (!provider.canHardStop()) {
                stillRunning.add(id);
                record(id, Status.NOT_ACKNOWLEDGED, TextFormat.noHardStopReason(reason));
                progress.domain(Type.HARD_STOP, id, OptionalLong.empty(), List.of(), TextFormat.cannotHardStop(id));
                return;
            }
            try {
                provider.hardStop(id);
                // a hard stop pulls the power; nothing on the platform starts the domain again
                boolean notRestarted = !request.isSystemWide() && request.reboot();
                record(id, Status.HARD_STOPPED, TextFormat.hardStoppedReason(reason, notRestarted));
                progress.domain(Type.HARD_STOP, id, OptionalLong.empty(), List.of(),
                        TextFormat.hardStopped(id, reason, notRestarted));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Hard stop of domain {} failed", id, e);
                stillRunning.add(id);
                record(id, Status.NOT_ACKNOWLEDGED, TextFormat.hardStopFailedReason(reason, e.getMessage()));
                progress.domain(Type.HARD_STOP, id, OptionalLong.empty(), List.of(),
                        TextFormat.hardStopFailed(id, e.getMessage()));
            }
        });
        return stillRunning;
    }

    /** For a system-wide request, starts the master's native shutdown or reboot. */
    private ShutdownResult masterStep(Outcome outcome, WaitEnd end, String message) {
        if (!request.isSystemWide()) {
            return result(outcome, end, MasterAction.NONE, message);
        }
        boolean reboot = request.reboot();
        Optional<NativeShutdown> bound = nativeShutdown.get();
        if (bound.isEmpty()) {
            return result(Outcome.FAILED, end, MasterAction.NONE, TextFormat.noNativeShutdown(message));
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
            return result(Outcome.FAILED, end, MasterAction.NONE, TextFormat.nativeFailed(message, reboot, e.getMessage()));
        }
        return result(outcome, end, reboot ? MasterAction.REBOOT : MasterAction.SHUTDOWN,
                TextFormat.masterStarted(message, reboot));
    }

    private void withdraw(Optional<VPropertyProvider> provider, List<Ask> asks) {
        withdrawals = new Withdrawer(progress).withdraw(provider, asks);
    }

    private void record(int id, Status status, String reason) {
        Ask ask = tracks.pending(id).orElseThrow();
        Optional<Duration> elapsed = status == Status.HARD_STOPPED
                ? Optional.of(Duration.ofNanos(nanoTime.getAsLong() - ask.askedAtNanos()))
                : Optional.empty();
        outcomes.put(id, new DomainOutcome(id, status, OptionalLong.of(ask.value()), elapsed, reason));
    }

    private ShutdownResult result(Outcome outcome, WaitEnd end, MasterAction action, String message) {
        return new ShutdownResult(request, outcome, end, new ArrayList<>(outcomes.values()), withdrawals, action,
                message, progress.elapsed());
    }
}
