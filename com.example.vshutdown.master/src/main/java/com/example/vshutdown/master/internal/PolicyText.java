package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.ParticipantOutcome;
import com.example.vshutdown.api.ShutdownResult;
import com.example.vshutdown.api.ShutdownResult.MasterAction;
import com.example.vshutdown.api.WaitBound;
import com.example.vshutdown.master.internal.Tracks.Ask;

/**
 * The lines of the shutdown policy, as {@link TextFormat} puts them together: the groups of the
 * stop order, the bound of each domain's wait, the participants and the wait for a provider.
 * Kept beside {@code TextFormat} (which renders the result and calls in here) so that each file
 * holds one topic; together they are every line an operator reads.
 */
final class PolicyText {
    static final String GONE_BEFORE_GROUP = "its vproperties disappeared before its group was asked";
    static final String STOPPED_BEFORE_GROUP = "stopped before its group was asked";

    private PolicyText() {
    }

    // ---- groups ------------------------------------------------------------------------------

    /**
     * {@code stop order *;5;3: asking group 1 of 3 (domains 1, 2); group 2 (domain 5), group 3
     * (domain 3) wait, each until the group before it is done}
     *
     * @param previous the group asked before, from 0; -1 for the first
     * @param waiting the running slaves of the later groups, by group
     */
    static String groupAsked(StopOrder order, int previous, int group, Collection<Integer> ids,
            SortedMap<Integer, List<Integer>> waiting) {
        String asking = (previous < 0 ? "stop order " + order + ": asking group " : "group " + (previous + 1)
                + " done: asking group ") + (group + 1) + " of " + order.size() + " (" + TextFormat.domains(ids) + ")";
        if (waiting.isEmpty()) {
            return asking + ", the last";
        }
        List<String> later = new ArrayList<>();
        waiting.forEach((g, members) -> later.add("group " + (g + 1) + " (" + TextFormat.domains(members) + ")"));
        return asking + "; " + String.join(", ", later) + (later.size() == 1
                ? " waits until group " + (group + 1) + " is done"
                : " wait, each until the group before it is done");
    }

    static String groupEmpty(int group, int size) {
        return "group " + (group + 1) + " of " + size + ": nothing to ask (none of its domains runs)";
    }

    /** What a "still waiting" line adds in a shutdown in groups: who waits for the pending ones. */
    static String laterGroups(Map<Integer, Integer> queued) {
        if (queued.isEmpty()) {
            return "";
        }
        int next = queued.values().stream().min(Integer::compare).orElseThrow();
        List<Integer> members = queued.entrySet().stream().filter(e -> e.getValue() == next).map(Map.Entry::getKey)
                .toList();
        return "; then group " + (next + 1) + " (" + TextFormat.domains(members) + ")";
    }

    static String absent(int group) {
        return "named in the stop order (group " + (group + 1) + "), but it does not exist; nothing asked";
    }

    static String notAsked(int group) {
        return "the shutdown ended before its group (" + (group + 1) + ") was asked";
    }

    /** What a cancelled result's message adds: the domains whose group was never reached. */
    static String neverAsked(Collection<Integer> ids) {
        return ids.isEmpty() ? "" : "; never asked: " + TextFormat.domains(ids) + " (" + (ids.size() == 1 ? "its" : "their")
                + " group was not reached)";
    }

    // ---- bounds ------------------------------------------------------------------------------

    /** Why a wait ended at a bound: {@code no acknowledgement within 500 ms}, or whose own bound passed. */
    static String timedOut(List<Ask> expired) {
        List<String> whys = new ArrayList<>();
        for (Ask ask : expired) {
            WaitBound bound = ask.waitBound();
            long ms = bound.limit().map(Duration::toMillis).orElse(0L);
            String why = switch (bound.kind()) {
                case SHUTDOWN, NONE -> "no acknowledgement within " + ms + " ms";
                case DOMAIN -> "no acknowledgement from domain " + ask.id() + " within its own time-out of " + ms
                        + " ms";
                case GROUP_GRACE -> "no acknowledgement from domain " + ask.id() + " within the group grace of " + ms
                        + " ms";
            };
            if (!whys.contains(why)) {
                whys.add(why);
            }
        }
        return String.join("; ", whys);
    }

    /** {@code -t 500 ms}, {@code its own time-out, 2000 ms}, {@code group grace, 5000 ms}, {@code no time-out} */
    static String bound(WaitBound bound) {
        long ms = bound.limit().map(Duration::toMillis).orElse(0L);
        return switch (bound.kind()) {
            case NONE -> "no time-out";
            case SHUTDOWN -> "-t " + ms + " ms";
            case DOMAIN -> "its own time-out, " + ms + " ms";
            case GROUP_GRACE -> "group grace, " + ms + " ms";
        };
    }

    /**
     * What a summary line adds about a domain's group and bound: nothing in a shutdown without
     * groups or own bounds (every domain had the bound the first line states), else both.
     */
    static String placement(DomainOutcome domain, ShutdownResult result) {
        boolean grouped = result.domains().stream().anyMatch(d -> d.group().orElse(1) > 1);
        boolean ownBounds = result.domains().stream().anyMatch(d -> d.bound()
                .filter(b -> b.kind() == WaitBound.Kind.DOMAIN || b.kind() == WaitBound.Kind.GROUP_GRACE).isPresent());
        List<String> parts = new ArrayList<>();
        if (grouped && domain.group().isPresent()) {
            parts.add("group " + domain.group().getAsInt());
        }
        if ((grouped || ownBounds) && domain.bound().isPresent()) {
            parts.add("bound: " + bound(domain.bound().get()));
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }

    // ---- participants ------------------------------------------------------------------------

    static String participantsCalled(int count, MasterAction next) {
        return "every slave is down: asking " + TextFormat.plural(count, "participant") + " to prepare for "
                + coming(next) + ", one after another";
    }

    static String participantCalled(String name, MasterAction next, Duration maxWait) {
        return "participant " + name + ": preparing for " + coming(next) + " (waiting at most " + maxWait.toMillis()
                + " ms)";
    }

    static String participantEnded(ParticipantOutcome outcome, Duration maxWait) {
        long took = outcome.elapsed().map(Duration::toMillis).orElse(0L);
        return "participant " + outcome.name() + switch (outcome.status()) {
            case READY -> " ready after " + took + " ms";
            case FAILED -> " FAILED after " + took + " ms: " + outcome.detail() + "; going on (the slaves are down)";
            case TIMED_OUT -> " not ready within " + maxWait.toMillis()
                    + " ms; going on without it (the slaves are down)";
        };
    }

    /** The summary line of a participant. */
    static String participant(ParticipantOutcome outcome) {
        long took = outcome.elapsed().map(Duration::toMillis).orElse(0L);
        return "  participant " + outcome.name() + ": " + switch (outcome.status()) {
            case READY -> "ready after " + took + " ms";
            case FAILED -> "FAILED: " + outcome.detail();
            case TIMED_OUT -> "NOT ready: did not answer within " + took + " ms";
        };
    }

    /** What a result's message adds: the participants that did not get ready, by name. */
    static String participantsNotReady(List<ParticipantOutcome> outcomes) {
        List<String> notReady = outcomes.stream().filter(o -> !o.ready())
                .map(o -> o.name() + (o.status() == ParticipantOutcome.Status.FAILED ? " (failed)" : " (no answer)"))
                .toList();
        return notReady.isEmpty() ? "" : "; participants not ready: " + String.join(", ", notReady);
    }

    private static String coming(MasterAction next) {
        return switch (next) {
            case SHUTDOWN -> "the master's native shutdown";
            case REBOOT -> "the master's native reboot";
            case NONE -> "the master's OS going down by its own path (slaves-only: the master's native command "
                    + "is not run)";
        };
    }

    // ---- provider ----------------------------------------------------------------------------

    static String providerWaiting(String gone, Duration grace) {
        return "no vproperty provider is bound (" + gone + " went away: its bundle may be being updated); "
                + "waiting up to " + grace.toMillis() + " ms for one";
    }

    static String providerBack(String description) {
        return "a vproperty provider is bound again (" + description + "): the wait goes on";
    }

    static String providerLost(Duration grace) {
        return "the vproperty provider went away during the wait and none was bound again within "
                + grace.toMillis() + " ms";
    }
}
