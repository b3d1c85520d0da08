package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.ShutdownEvent;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.Withdrawal;
import com.example.vshutdown.master.internal.machine.IntentRecord;
import com.example.vshutdown.protocol.Counters;

/**
 * Every line an operator reads, in one place: the live line of each event and the summary of a
 * result. The run and its ending hand over facts (ids, values, reasons) and take the words from
 * here, so the commands print one rendering of one structured outcome; a machine-readable
 * rendering would read the same {@link ShutdownResult}.
 */
public final class TextFormat {
    private TextFormat() {
    }

    // ---- live lines -------------------------------------------------------------------------

    /** {@code [    13 ms] asked domain 1 to shut down (requested 2, running 1)} */
    public static String progressLine(ShutdownEvent event) {
        return String.format("[%6d ms] %s", event.elapsed().toMillis(), event.message());
    }

    /**
     * {@code system-wide shutdown: asking 3 domains, waiting at most 500 ms}; on a simulated platform
     * {@code system-wide shutdown (simulated platform): …}
     */
    static String started(ShutdownRequest request, int targets, boolean simulated) {
        return what(request) + (simulated ? " " + SIMULATED : "") + ": asking " + plural(targets, "domain")
                + (targets == 0 ? "" : waiting(request));
    }

    /** The start line of a shutdown taken over from its record. */
    static String resumed(IntentRecord record, int standing) {
        ShutdownRequest request = record.request();
        return "resuming the " + what(request) + " recorded on this machine: started " + record.started()
                + " by pid " + record.pid() + ", " + record.deadline().map(d -> "deadline " + d).orElse("no deadline")
                + "; " + plural(standing, "request") + " of it still standing" + waiting(request);
    }

    private static String what(ShutdownRequest request) {
        return request.isSystemWide() ? (request.slavesOnly() ? "slaves-only shutdown" : "system-wide shutdown")
                : (request.reboot() ? "reboot" : "shutdown") + " of domain " + request.domain().getAsInt();
    }

    private static String waiting(ShutdownRequest request) {
        return request.timeout().map(t -> ", waiting at most " + t.toMillis() + " ms")
                .orElse(", waiting until every domain answers (Ctrl-C cancels)");
    }

    /** How every output the simulated platform serves says so. */
    public static final String SIMULATED = "(simulated platform)";

    static String skipped(DomainOutcome skipped) {
        return "domain " + skipped.id() + " not involved: " + skipped.reason();
    }

    static String requested(int id, long value, long running, Optional<Retry> retry) {
        return "asked domain " + id + " to " + verb(value) + " (requested " + value + ", running " + running + ")"
                + retry.map(r -> "; " + r.describe()).orElse("");
    }

    static String requestFailed(int id, long value, String problem) {
        return "could not ask domain " + id + " to " + verb(value) + ": " + problem;
    }

    static String acknowledged(int id, Duration took, Collection<Integer> pending) {
        return "domain " + id + " acknowledged after " + took.toMillis() + " ms; pending: " + listOrNone(pending);
    }

    static String cameBackUp(int id, long running, long value) {
        return "domain " + id + " came back up (running " + running + " after request " + value
                + "): not acknowledged; asking it again";
    }

    static String gone(int id, Collection<Integer> pending) {
        return "domain " + id + " is gone: " + GONE_REASON + "; pending: " + listOrNone(pending);
    }

    static final String GONE_REASON =
            "its vproperties disappeared during the wait (the domain was destroyed); not waited for";

    /**
     * @param before what became of the domain earlier in this shutdown, if it was considered
     * @param nextGroup the group (from 1) the re-check comes before, if one is left; else the master's step
     */
    static String recheck(int id, Optional<DomainOutcome.Status> before, Optional<Integer> nextGroup) {
        String why = before.map(status -> switch (status) {
            case NOT_RUNNING -> "it was stopped when the shutdown started";
            case INVALID -> "its counter was invalid when the shutdown started";
            case GONE -> "it was gone and is back";
            case ABSENT -> "it did not exist when the shutdown started";
            default -> "it was " + status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }).orElse("it appeared during the wait");
        return "re-check before " + nextGroup.map(g -> "group " + g).orElse("the master's native shutdown")
                + ": domain " + id + " is running and was not asked (" + why + "); asking it";
    }

    /** @param later what the stop order adds: who waits for these ({@link PolicyText#laterGroups}) */
    static String stillWaiting(Map<Integer, String> briefs, String later) {
        List<String> parts = new ArrayList<>();
        briefs.forEach((id, brief) -> parts.add(id + " (" + brief + ")"));
        return "still waiting for " + String.join(", ", parts) + later;
    }

    /** Why a wait ended without every answer, as the WAIT_ENDED line and the result message say it. */
    static String why(WaitEnd end, ShutdownRequest request) {
        return switch (end) {
            case ANSWERED -> "every domain answered";
            case TIMED_OUT -> "no acknowledgement within " + request.timeout().map(Duration::toMillis).orElse(0L)
                    + " ms";
            case CANCELLED -> "cancelled before every domain acknowledged";
            case PROVIDER_LOST -> "the vproperty provider went away during the wait and none replaces it";
            case REQUEST_NOT_WRITTEN -> "a request could not be written";
        };
    }

    static String waitEnded(String why, Map<Integer, String> missing) {
        return missing.isEmpty() ? why : why + ": " + describe(missing);
    }

    static String cannotHardStop(int id) {
        return "domain " + id + " cannot be hard-stopped on this platform: it is still running";
    }

    static String hardStopped(int id, String reason, boolean notRestarted) {
        return "FORCE: hard-stopped domain " + id + " (" + reason + ")" + (notRestarted ? "; it is NOT restarted "
                + NO_START : "");
    }

    /** The platform offers a hard stop, but no start: a forced reboot leaves the domain down. */
    private static final String NO_START = "(the platform offers no start: start it by hand)";

    static String hardStopFailed(int id, String problem) {
        return "hard stop of domain " + id + " failed: " + problem;
    }

    /** One request taken back, or not, at the end: the live line and the summary line alike. */
    static String withdrawal(Withdrawal w) {
        String request = "request " + w.request() + " of domain " + w.domain();
        String back = w.requestedNow().isPresent() ? " (requested set back to " + w.requestedNow().getAsLong() + ")"
                : "";
        return switch (w.result()) {
            case WITHDRAWN -> request + " withdrawn" + back + ": an agent that starts later does nothing";
            case WITHDRAWN_TOO_LATE -> request + " withdrawn" + back
                    + ", but picked up at the same moment: the domain may still go down";
            case ALREADY_PICKED_UP -> request + " NOT withdrawn: already picked up (" + w.detail()
                    + "): the domain may still go down";
            case NOT_WRITTEN -> request + " NOT withdrawn: " + w.detail() + ": the domain may still go down";
        };
    }

    /** What a result message adds about withdrawals: which were taken back, which may still act. */
    static String withdrawals(List<Withdrawal> withdrawals) {
        List<Integer> taken = withdrawals.stream().filter(w -> !w.mayStillGoDown()).map(Withdrawal::domain).toList();
        List<Integer> kept = withdrawals.stream().filter(Withdrawal::mayStillGoDown).map(Withdrawal::domain).toList();
        return (taken.isEmpty() ? "" : "; withdrawn: " + domains(taken))
                + (kept.isEmpty() ? "" : "; NOT withdrawn: " + domains(kept) + " (" + (kept.size() == 1 ? "it" : "they")
                        + " may still go down)");
    }

    /** "domain 2" or "domains 2, 3". */
    static String domains(Collection<Integer> ids) {
        return (ids.size() == 1 ? "domain " : "domains ") + listOrNone(ids);
    }

    static String masterAction(boolean reboot, String description) {
        return "starting the master's native " + masterVerb(reboot) + " (" + description + ")";
    }

    // ---- per-domain reasons of the outcome ----------------------------------------------------

    static String noHardStopReason(String reason) {
        return reason + "; still running: the platform offers no hard stop";
    }

    static String hardStoppedReason(String reason, boolean notRestarted) {
        return reason + "; HARD-STOPPED by force (unsaved work in it is lost)" + (notRestarted
                ? " and NOT restarted " + NO_START : "");
    }

    static String hardStopFailedReason(String reason, String problem) {
        return reason + "; hard stop failed: " + problem;
    }

    static String unknownReason(String why) {
        return "unknown: " + why;
    }

    // ---- result messages ---------------------------------------------------------------------

    static String completed(ShutdownRequest request, long acknowledged, long gone) {
        if (request.isSystemWide()) {
            return plural((int) acknowledged, "domain") + " acknowledged" + (gone == 0 ? "" : ", " + gone + " gone");
        }
        int id = request.domain().getAsInt();
        if (gone > 0) {
            return "domain " + id + " is gone (its vproperties disappeared during the wait)"
                    + (request.reboot() ? ": it was not restarted" : ": nothing is left to shut down");
        }
        return acknowledged == 0 ? "domain " + id + " is already stopped: nothing to do"
                : "domain " + id + " acknowledged the " + (request.reboot() ? "reboot" : "shutdown");
    }

    static String cancelled(ShutdownRequest request, String why, Map<Integer, String> missing) {
        return "cancelled (" + why + "): " + describe(missing) + "; nothing was forced" + masterNotDown(request);
    }

    /** Every slave is down, but the shutdown was cancelled before the master's step (while participants prepared). */
    static String cancelledBeforeMaster(ShutdownRequest request) {
        return request.slavesOnly() ? "cancelled before the end of the slaves-only shutdown: every slave is down"
                : "cancelled before the master's native " + masterVerb(request.reboot())
                        + ": every slave is down, but the master was NOT shut down";
    }

    static String providerLost(ShutdownRequest request, String why, Collection<Integer> pending) {
        return "cancelled (" + why + ")" + (pending.isEmpty() ? "" : "; " + domains(pending) + " did not acknowledge")
                + "; nothing was forced" + masterNotDown(request);
    }

    static String recheckFailed(ShutdownRequest request, String why, String problem, boolean forced) {
        String failed = "the re-check of the slaves before the master's native shutdown could not read them: "
                + problem;
        return forced ? "FORCED (" + why + "): " + failed + "; the master goes down regardless"
                : (why.startsWith("cancelled") ? "cancelled (" + why + "): " : "") + failed + masterNotDown(request);
    }

    static String forcedSystemWide(String why, Map<Integer, String> after) {
        return "FORCED (" + why + "): " + describe(after) + "; the master goes down regardless";
    }

    static String forced(String why, Map<Integer, String> after) {
        return "FORCED (" + why + "): " + describe(after);
    }

    static String forcedNotRestarted(String why, int id) {
        return "forced (" + why + "): domain " + id + " was hard-stopped and NOT restarted " + NO_START;
    }

    static String forcedStillRunning(String why, Map<Integer, String> after) {
        return "forced (" + why + "), but the domain is still running: " + describe(after);
    }

    /** The message of a recorded shutdown withdrawn by {@code vshutdown --cancel}. */
    static String recordedWithdrawn(IntentRecord record) {
        return "cancelled the shutdown recorded on this machine (" + record.describe() + "; its master is gone)";
    }

    /** A recorded request that its domain's {@code requested} no longer holds: not this shutdown's to touch. */
    static String notStanding(long value, OptionalLong requested) {
        return "request " + value + " was recorded, but requested holds "
                + (requested.isPresent() ? Long.toString(requested.getAsLong()) : "nothing")
                + " (it was never written, or the platform started afresh); left alone";
    }

    /** The end of a slaves-only shutdown: the master's native command is left out on purpose. */
    static String slavesOnlyDone(String message) {
        return message + "; the master's native command was NOT run, by design (slaves-only: the master's own OS "
                + "goes down by its own path)";
    }

    static String masterStarted(String message, boolean reboot) {
        return message + "; master " + masterVerb(reboot) + " started";
    }

    static String noNativeShutdown(String message) {
        return message + "; but no native shutdown service is available: the master was not shut down";
    }

    static String nativeFailed(String message, boolean reboot, String problem) {
        return message + "; but the master's native " + masterVerb(reboot) + " failed: " + problem;
    }

    // ---- the summary -------------------------------------------------------------------------

    /** The closing report: the outcome in one line, then one line per domain with its reason. */
    public static List<String> summary(ShutdownResult result) {
        List<String> lines = new ArrayList<>();
        lines.add(headline(result.outcome()) + " in " + result.elapsed().toMillis() + " ms"
                + (result.simulated() ? " " + SIMULATED : "") + ": " + result.message());
        for (DomainOutcome domain : result.domains()) {
            lines.add(String.format("  domain %-4d %s", domain.id(), describe(domain))
                    + PolicyText.placement(domain, result));
        }
        result.participants().forEach(p -> lines.add(PolicyText.participant(p)));
        result.withdrawals().forEach(w -> lines.add("  " + withdrawal(w)));
        return lines;
    }

    private static String headline(ShutdownResult.Outcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "Done";
            case FORCED -> "Done by FORCE";
            case CANCELLED -> "CANCELLED";
            case INCOMPLETE -> "INCOMPLETE";
            case FAILED -> "FAILED";
        };
    }

    static String describe(DomainOutcome domain) {
        return switch (domain.status()) {
            case ACKNOWLEDGED -> "acknowledged" + domain.elapsed().map(d -> " after " + d.toMillis() + " ms").orElse("");
            case NOT_ACKNOWLEDGED -> "NOT acknowledged: " + domain.reason();
            case HARD_STOPPED -> "did not acknowledge: " + domain.reason();
            case INVALID -> "invalid: " + domain.reason();
            case NOT_RUNNING -> "not involved: " + domain.reason();
            case GONE -> "gone: " + domain.reason();
            case NOT_ASKED -> "NOT asked: " + domain.reason();
            case ABSENT -> "absent: " + domain.reason();
        };
    }

    // ---- words -------------------------------------------------------------------------------

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static String listOrNone(Collection<Integer> ids) {
        List<String> parts = ids.stream().map(String::valueOf).toList();
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String describe(Map<Integer, String> reasons) {
        List<String> parts = new ArrayList<>();
        reasons.forEach((id, reason) -> parts.add("domain " + id + ": " + reason));
        return String.join("; ", parts);
    }

    private static String verb(long requestValue) {
        return Counters.isRebootRequest(requestValue) ? "reboot" : "shut down";
    }

    private static String masterVerb(boolean reboot) {
        return reboot ? "reboot" : "shutdown";
    }

    private static String masterNotDown(ShutdownRequest request) {
        return request.isSystemWide() && !request.slavesOnly() ? "; the master was NOT shut down" : "";
    }
}
