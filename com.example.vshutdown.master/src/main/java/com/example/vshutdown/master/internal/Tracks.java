package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.ShutdownResult.WaitEnd;
import com.example.vshutdown.api.WaitBound;

/**
 * What a shutdown knows about each domain while it runs: the requests it is waiting for, the
 * domains already settled (acknowledged, left out, or given up on by force), and those whose group
 * of the stop order has not been asked yet. Plain bookkeeping without I/O, confined to the thread
 * the run is on at the time.
 */
final class Tracks {
    /**
     * A request the master wrote, or tried to write, and still waits for.
     *
     * @param value the request value
     * @param runningAtAsk the running counter the value was computed from
     * @param askedAtNanos when the domain was first asked in this shutdown
     * @param writeFailure why the request could not be written, if it could not: then it cannot answer
     * @param group its group of the stop order, from 0; -1 in a selective shutdown, which has none
     * @param bound the bound of its wait, and when it passes (empty: never)
     */
    record Ask(int id, long value, long runningAtAsk, long askedAtNanos, Optional<String> writeFailure, int group,
            Bounds.Bound bound) {
        boolean written() {
            return writeFailure.isEmpty();
        }

        /** This domain's outcome, with its group and bound, and the running counter its request was computed from. */
        DomainOutcome outcome(DomainOutcome.Status status, Optional<Duration> elapsed, String reason) {
            return new DomainOutcome(id, status, OptionalLong.of(value), elapsed, reason, number(group),
                    Optional.of(bound.waitBound()), OptionalLong.of(runningAtAsk));
        }

        WaitBound waitBound() {
            return bound.waitBound();
        }
    }

    private final Map<Integer, Ask> pending = new TreeMap<>();
    private final Map<Integer, DomainOutcome> settled = new TreeMap<>();
    /** Running slaves of groups not asked yet, with their group. */
    private final Map<Integer, Integer> queued = new TreeMap<>();
    /** Domains given up on by force, with the bound that passed: never asked again in this shutdown. */
    private final Map<Integer, String> forced = new TreeMap<>();
    /** What made the master force first: a bound passed, or a request could not be written. */
    private Optional<WaitEnd> forcedEnd = Optional.empty();
    private int currentGroup = -1;
    private Optional<String> recheckProblem = Optional.empty();

    /** A group number as operators read it (from 1), or none for a domain outside any group. */
    static OptionalInt number(int group) {
        return group < 0 ? OptionalInt.empty() : OptionalInt.of(group + 1);
    }

    void asked(Ask ask) {
        settled.remove(ask.id());
        queued.remove(ask.id());
        pending.put(ask.id(), ask);
    }

    /** A domain's final word in this shutdown: acknowledged, or left out. */
    void settle(DomainOutcome outcome) {
        pending.remove(outcome.id());
        queued.remove(outcome.id());
        settled.put(outcome.id(), outcome);
    }

    /**
     * Settles a domain given up on by force: it is not asked again, whatever it does next.
     *
     * @param why the bound that passed, in words
     * @param cause what ended its wait: {@link WaitEnd#TIMED_OUT} or {@link WaitEnd#REQUEST_NOT_WRITTEN}
     */
    void forced(DomainOutcome outcome, String why, WaitEnd cause) {
        settle(outcome);
        forced.put(outcome.id(), why);
        if (forcedEnd.isEmpty()) {
            forcedEnd = Optional.of(cause);
        }
    }

    Optional<WaitEnd> forcedEnd() {
        return forcedEnd;
    }

    boolean wasForced(int id) {
        return forced.containsKey(id);
    }

    /** The bounds that passed for the domains given up on by force, in domain order, each once. */
    List<String> forcedBy() {
        return forced.values().stream().distinct().toList();
    }

    SortedSet<Integer> forcedIds() {
        return new TreeSet<>(forced.keySet());
    }

    /** A running slave whose group is asked later. */
    void queue(int id, int group) {
        queued.put(id, group);
    }

    /** The slaves waiting for a later group, with their group. */
    Map<Integer, Integer> queued() {
        return new TreeMap<>(queued);
    }

    boolean isQueued(int id) {
        return queued.containsKey(id);
    }

    /** The highest group asked so far, from 0; -1 before the first. */
    int currentGroup() {
        return currentGroup;
    }

    void groupAsked(int group) {
        currentGroup = Math.max(currentGroup, group);
    }

    Optional<Ask> pending(int id) {
        return Optional.ofNullable(pending.get(id));
    }

    /** The requests still awaited, in domain order. */
    List<Ask> pending() {
        return new ArrayList<>(pending.values());
    }

    SortedSet<Integer> pendingIds() {
        return new TreeSet<>(pending.keySet());
    }

    /** True once nothing is pending but requests that were never written, which cannot answer. */
    boolean nothingLeftToAwait() {
        return pending.values().stream().noneMatch(Ask::written);
    }

    /** The earliest time a pending request's bound passes, if any has one. */
    OptionalLong earliestDeadline() {
        return pending.values().stream().filter(Ask::written).map(a -> a.bound().deadlineNanos())
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
    }

    /** Why the last re-check could not read the slaves, if it could not: then nobody knows they are all stopped. */
    void recheckFailed(Optional<String> problem) {
        recheckProblem = problem;
    }

    Optional<String> recheckProblem() {
        return recheckProblem;
    }

    Optional<DomainOutcome> settled(int id) {
        return Optional.ofNullable(settled.get(id));
    }

    Collection<DomainOutcome> settled() {
        return new ArrayList<>(settled.values());
    }

    long settled(DomainOutcome.Status status) {
        return settled.values().stream().filter(o -> o.status() == status).count();
    }
}
