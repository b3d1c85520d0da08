package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainOutcome.Status;
import com.example.vshutdown.api.ShutdownEvent.Type;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.ShutdownResult.Outcome;
import com.example.vshutdown.master.internal.ShutdownRun.WaitEnd;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * The end of a shutdown, by the rules of 004 and DESIGN.md: without force, a domain that did not
 * acknowledge cancels the whole shutdown and the master stays up; with force, such a domain is
 * hard-stopped where the platform can, and a system-wide shutdown goes on to the master's native
 * command. An interrupt always cancels: the operator asked to stop, not to force.
 */
final class Completion {
    private static final Logger LOG = LoggerFactory.getLogger(Completion.class);

    private final Optional<NativeShutdown> nativeShutdown;

    Completion(Optional<NativeShutdown> nativeShutdown) {
        this.nativeShutdown = nativeShutdown;
    }

    ShutdownResult finish(ShutdownRun run, WaitEnd end) {
        if (end == WaitEnd.PROVIDER_GONE) {
            return providerGone(run);
        }
        ShutdownRequest request = run.request();
        Progress progress = run.progress();
        Map<Integer, String> missing = run.unacknowledged();
        if (missing.isEmpty()) {
            return masterStep(run, Outcome.COMPLETED, completedMessage(run));
        }
        String who = describe(missing);
        boolean cancelledByUser = end == WaitEnd.CANCELLED;
        String why = cancelledByUser ? "cancelled before every domain acknowledged"
                : "no acknowledgement within " + request.timeout().map(Duration::toMillis).orElse(0L) + " ms";
        progress.general(Type.WAIT_ENDED, missing.keySet(), why + ": " + who);

        if (cancelledByUser || !request.force()) {
            for (Map.Entry<Integer, String> e : missing.entrySet()) {
                record(run, e.getKey(), Status.NOT_ACKNOWLEDGED, e.getValue());
            }
            String message = "cancelled (" + why + "): " + who + "; nothing was forced"
                    + (request.isSystemWide() ? "; the master was NOT shut down" : "");
            return result(run, Outcome.CANCELLED, MasterAction.NONE, message);
        }

        List<Integer> stillRunning = hardStop(run, missing);
        Map<Integer, String> after = new TreeMap<>();
        missing.keySet().forEach(id -> after.put(id, run.outcomes().get(id).reason()));
        if (request.isSystemWide()) {
            return masterStep(run, Outcome.FORCED,
                    "FORCED (" + why + "): " + describe(after) + "; the master goes down regardless");
        }
        if (stillRunning.isEmpty()) {
            return result(run, Outcome.FORCED, MasterAction.NONE, "FORCED (" + why + "): " + describe(after));
        }
        return result(run, Outcome.INCOMPLETE, MasterAction.NONE,
                "forced (" + why + "), but the domain is still running: " + describe(after));
    }

    /**
     * Without a provider nothing can be read, hard-stopped or trusted: the shutdown is cancelled,
     * whatever -f says, and the gone provider is not called again to explain anything.
     */
    private ShutdownResult providerGone(ShutdownRun run) {
        String why = "the vproperty provider went away during the wait and none replaces it";
        run.progress().general(Type.WAIT_ENDED, run.pendingIds(), why);
        for (int id : run.pendingIds()) {
            record(run, id, Status.NOT_ACKNOWLEDGED, "unknown: " + why);
        }
        return result(run, Outcome.CANCELLED, MasterAction.NONE, "cancelled (" + why + "); domains "
                + run.pendingIds() + " did not acknowledge; nothing was forced"
                + (run.request().isSystemWide() ? "; the master was NOT shut down" : ""));
    }

    /** Hard-stops each missing domain where the platform can; returns those left running. */
    private List<Integer> hardStop(ShutdownRun run, Map<Integer, String> missing) {
        VPropertyProvider provider = run.provider();
        List<Integer> stillRunning = new ArrayList<>();
        for (Map.Entry<Integer, String> e : missing.entrySet()) {
            int id = e.getKey();
            String reason = e.getValue();
            if (!provider.canHardStop()) {
                stillRunning.add(id);
                record(run, id, Status.NOT_ACKNOWLEDGED, reason + "; still running: the platform offers no hard stop");
                run.progress().domain(Type.HARD_STOP, id, OptionalLong.empty(), List.of(),
                        "domain " + id + " cannot be hard-stopped on this platform: it is still running");
                continue;
            }
            try {
                provider.hardStop(id);
                record(run, id, Status.HARD_STOPPED, reason + "; HARD-STOPPED by force (unsaved work in it is lost)");
                run.progress().domain(Type.HARD_STOP, id, OptionalLong.empty(), List.of(),
                        "FORCE: hard-stopped domain " + id + " (" + reason + ")");
            } catch (IOException | RuntimeException ex) {
                LOG.warn("Hard stop of domain {} failed", id, ex);
                stillRunning.add(id);
                record(run, id, Status.NOT_ACKNOWLEDGED, reason + "; hard stop failed: " + ex.getMessage());
                run.progress().domain(Type.HARD_STOP, id, OptionalLong.empty(), List.of(),
                        "hard stop of domain " + id + " failed: " + ex.getMessage());
            }
        }
        return stillRunning;
    }

    /** For a system-wide request, starts the master's native shutdown or reboot. */
    private ShutdownResult masterStep(ShutdownRun run, Outcome outcome, String message) {
        ShutdownRequest request = run.request();
        if (!request.isSystemWide()) {
            return result(run, outcome, MasterAction.NONE, message);
        }
        MasterAction action = request.reboot() ? MasterAction.REBOOT : MasterAction.SHUTDOWN;
        String verb = request.reboot() ? "reboot" : "shutdown";
        if (nativeShutdown.isEmpty()) {
            // checked before anything was written; only a provider leaving meanwhile gets here
            return result(run, Outcome.FAILED, MasterAction.NONE,
                    message + "; but no native shutdown service is available: the master was not shut down");
        }
        NativeShutdown nat = nativeShutdown.get();
        run.progress().general(Type.MASTER_ACTION, List.of(),
                "starting the master's native " + verb + " (" + nat.description() + ")");
        try {
            if (request.reboot()) {
                nat.reboot();
            } else {
                nat.shutdown();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("The master's native {} failed", verb, e);
            return result(run, Outcome.FAILED, MasterAction.NONE,
                    message + "; but the master's native " + verb + " failed: " + e.getMessage());
        }
        return result(run, outcome, action, message + "; master " + verb + " started");
    }

    private static String completedMessage(ShutdownRun run) {
        long acknowledged = run.outcomes().values().stream().filter(o -> o.status() == Status.ACKNOWLEDGED).count();
        ShutdownRequest request = run.request();
        if (!request.isSystemWide() && acknowledged == 0) {
            return "domain " + request.domain().getAsInt() + " is already stopped: nothing to do";
        }
        return request.isSystemWide()
                ? ShutdownRun.plural((int) acknowledged, "domain") + " acknowledged"
                : "domain " + request.domain().getAsInt() + " acknowledged the " + (request.reboot() ? "reboot" : "shutdown");
    }

    private static void record(ShutdownRun run, int id, Status status, String reason) {
        ShutdownRun.Pending p = run.pendingOf(id);
        Optional<Duration> elapsed = status == Status.HARD_STOPPED
                ? Optional.of(Duration.ofNanos(System.nanoTime() - p.requestedAtNanos()))
                : Optional.empty();
        run.outcomes().put(id, new DomainOutcome(id, status, OptionalLong.of(p.requestValue()), elapsed, reason));
    }

    private static String describe(Map<Integer, String> missing) {
        List<String> parts = new ArrayList<>();
        missing.forEach((id, reason) -> parts.add("domain " + id + ": " + reason));
        return String.join("; ", parts);
    }

    private static ShutdownResult result(ShutdownRun run, Outcome outcome, MasterAction action, String message) {
        ShutdownResult result = new ShutdownResult(run.request(), outcome, new ArrayList<>(run.outcomes().values()),
                action, message, run.progress().elapsed());
        run.progress().finished(result);
        return result;
    }
}
