package com.example.vshutdown.master.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.example.vshutdown.api.DomainOutcome;

/**
 * What a shutdown knows about each domain while it runs: the requests it is waiting for, and the
 * domains already settled (acknowledged, or left out by the plan). Plain bookkeeping without I/O,
 * confined to the thread the run is on at the time.
 */
final class Tracks {
    /**
     * A request the master wrote, or tried to write, and still waits for.
     *
     * @param value the request value
     * @param runningAtAsk the running counter the value was computed from
     * @param askedAtNanos when the domain was first asked in this shutdown
     * @param writeFailure why the request could not be written, if it could not: then it cannot answer
     */
    record Ask(int id, long value, long runningAtAsk, long askedAtNanos, Optional<String> writeFailure) {
        boolean written() {
            return writeFailure.isEmpty();
        }
    }

    private final Map<Integer, Ask> pending = new TreeMap<>();
    private final Map<Integer, DomainOutcome> settled = new TreeMap<>();
    private Optional<String> recheckProblem = Optional.empty();

    void asked(Ask ask) {
        settled.remove(ask.id());
        pending.put(ask.id(), ask);
    }

    /** A domain's final word in this shutdown: acknowledged, or left out. */
    void settle(DomainOutcome outcome) {
        pending.remove(outcome.id());
        settled.put(outcome.id(), outcome);
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
