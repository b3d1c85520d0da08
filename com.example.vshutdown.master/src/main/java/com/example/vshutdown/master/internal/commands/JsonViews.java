package com.example.vshutdown.master.internal.commands;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.ParticipantOutcome;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.WaitBound;
import com.example.vshutdown.api.Withdrawal;
import com.example.vshutdown.protocol.Counters;

/**
 * The JSON documents of {@code vshutdown --json}, {@code domains --json} and {@code providers
 * --json}: the same structured outcomes {@link com.example.vshutdown.master.internal.TextFormat}
 * renders as text, as one document each, with the exit status the command ends with. Enum values
 * are written in lower case with hyphens ({@code timed-out}); durations in milliseconds; what is
 * unknown or does not apply is null, never left out, so a script finds every key in every document.
 */
final class JsonViews {
    private JsonViews() {
    }

    /** The result of a shutdown (or of the cancel of one): per domain, the withdrawals, the participants. */
    static Map<String, Object> result(String command, ShutdownResult result, int exitStatus) {
        Map<String, Object> doc = document(command, result.simulated());
        doc.put("request", request(result.request()));
        doc.put("outcome", word(result.outcome()));
        doc.put("waitEnd", word(result.waitEnd()));
        doc.put("message", result.message());
        doc.put("elapsedMs", result.elapsed().toMillis());
        doc.put("masterAction", word(result.masterAction()));
        doc.put("masterCommandLeftOutByDesign", result.request().slavesOnly());
        doc.put("domains", result.domains().stream().map(JsonViews::domain).toList());
        doc.put("withdrawals", result.withdrawals().stream().map(JsonViews::withdrawal).toList());
        doc.put("participants", result.participants().stream().map(JsonViews::participant).toList());
        doc.put("exitStatus", exitStatus);
        return doc;
    }

    /** {@code vshutdown --cancel} found nothing to cancel. */
    static Map<String, Object> nothingToCancel(String command, String message) {
        Map<String, Object> doc = document(command, false);
        doc.put("message", message);
        doc.put("exitStatus", 0);
        return doc;
    }

    /** A command that failed before it had a result: its one line and its exit status. */
    static Map<String, Object> error(String command, String message, int exitStatus) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", command);
        doc.put("error", message);
        doc.put("exitStatus", exitStatus);
        return doc;
    }

    static Map<String, Object> domains(List<DomainInfo> domains, int masterDomain) {
        Map<String, Object> doc = document("domains", domains.stream().anyMatch(DomainInfo::simulated));
        doc.put("masterDomain", masterDomain);
        doc.put("domains", domains.stream().map(JsonViews::domain).toList());
        doc.put("exitStatus", 0);
        return doc;
    }

    static Map<String, Object> providers(ProviderListing.Listing listing) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", "providers");
        doc.put("vpropertyProviders", listing.vpropertyProviders().stream().map(JsonViews::provider).toList());
        doc.put("nativeShutdowns", listing.nativeShutdowns().stream().map(JsonViews::provider).toList());
        doc.put("exitStatus", 0);
        return doc;
    }

    private static Map<String, Object> document(String command, boolean simulated) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", command);
        doc.put("simulated", simulated);
        return doc;
    }

    private static Map<String, Object> request(ShutdownRequest request) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scope", request.isSystemWide() ? "system-wide" : "selective");
        doc.put("domain", number(request.domain()));
        doc.put("reboot", request.reboot());
        doc.put("force", request.force());
        doc.put("slavesOnly", request.slavesOnly());
        doc.put("timeoutMs", request.timeout().map(Duration::toMillis).orElse(null));
        return doc;
    }

    private static Map<String, Object> domain(DomainOutcome domain) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", domain.id());
        doc.put("state", state(domain));
        doc.put("outcome", word(domain.status()));
        doc.put("counters", counters(domain.running(), domain.requested()));
        doc.put("group", number(domain.group()));
        doc.put("timeToAcknowledgeMs", domain.status() == DomainOutcome.Status.ACKNOWLEDGED
                ? domain.elapsed().map(Duration::toMillis).orElse(null) : null);
        doc.put("bound", domain.bound().map(JsonViews::bound).orElse(null));
        doc.put("reason", domain.reason());
        return doc;
    }

    /**
     * The state the outcome leaves a domain in, as far as the master can tell; null where it cannot
     * (a domain that did not acknowledge may be running, or stopped without starting again).
     */
    private static String state(DomainOutcome domain) {
        return switch (domain.status()) {
            case ACKNOWLEDGED -> domain.requested().isPresent() && Counters.isRebootRequest(domain.requested()
                    .getAsLong()) ? "running" : "stopped";
            case HARD_STOPPED, NOT_RUNNING -> "stopped";
            case NOT_ASKED -> "running";
            case INVALID -> "invalid";
            case GONE -> "gone";
            case ABSENT -> "absent";
            case NOT_ACKNOWLEDGED -> null;
        };
    }

    private static Map<String, Object> domain(DomainInfo domain) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", domain.id());
        doc.put("state", domain.state().word());
        doc.put("counters", counters(domain.running(), domain.requested()));
        doc.put("rawRunning", domain.running().isPresent() ? null : domain.rawRunning());
        doc.put("pending", domain.pendingRequest() ? (Counters.isRebootRequest(domain.requested().getAsLong())
                ? "reboot" : "shutdown") : null);
        doc.put("master", domain.master());
        doc.put("group", number(domain.group()));
        doc.put("timeoutMs", domain.timeout().map(Duration::toMillis).orElse(null));
        doc.put("problem", domain.problem().orElse(null));
        return doc;
    }

    private static Map<String, Object> counters(OptionalLong running, OptionalLong requested) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("running", number(running));
        doc.put("requested", number(requested));
        return doc;
    }

    private static Map<String, Object> bound(WaitBound bound) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", word(bound.kind()));
        doc.put("ms", bound.limit().map(Duration::toMillis).orElse(null));
        return doc;
    }

    private static Map<String, Object> withdrawal(Withdrawal withdrawal) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("domain", withdrawal.domain());
        doc.put("request", withdrawal.request());
        doc.put("result", word(withdrawal.result()));
        doc.put("requestedNow", number(withdrawal.requestedNow()));
        doc.put("mayStillGoDown", withdrawal.mayStillGoDown());
        doc.put("detail", withdrawal.detail());
        return doc;
    }

    private static Map<String, Object> participant(ParticipantOutcome participant) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", participant.name());
        doc.put("status", word(participant.status()));
        doc.put("elapsedMs", participant.elapsed().map(Duration::toMillis).orElse(null));
        doc.put("detail", participant.detail());
        return doc;
    }

    private static Map<String, Object> provider(ProviderListing.Entry entry) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("inUse", entry.inUse());
        doc.put("ranking", entry.ranking());
        doc.put("rankingNotAnInteger", entry.rankingAsGiven());
        doc.put("description", entry.description());
        doc.put("provider", entry.provider());
        doc.put("simulated", entry.simulated());
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("symbolicName", entry.bundle());
        bundle.put("version", entry.version());
        bundle.put("id", entry.bundle() == null ? null : entry.bundleId());
        doc.put("bundle", bundle);
        doc.put("forDomain", entry.domain() == null ? null : String.valueOf(entry.domain()));
        return doc;
    }

    private static Object number(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static Object number(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
