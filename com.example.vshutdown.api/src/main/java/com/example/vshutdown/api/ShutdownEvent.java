package com.example.vshutdown.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.Collections;

/**
 * One step of a shutdown, as it happens.
 *
 * @param type what happened
 * @param request the request instance given to {@link ShutdownService#submit}, so that a listener
 *        can follow its own shutdown only
 * @param domain the domain concerned, if one is
 * @param value the request value written, or the counter seen, where it applies
 * @param elapsed time since the shutdown started
 * @param pending the domains still awaited after this step
 * @param message one line for an operator
 * @param result the result, on {@link Type#FINISHED} only
 */
public record ShutdownEvent(Type type, ShutdownRequest request, OptionalInt domain, OptionalLong value,
        Duration elapsed, SortedSet<Integer> pending, String message, Optional<ShutdownResult> result) {

    /** The steps of a shutdown. */
    public enum Type {
        /** The shutdown was accepted; domains are about to be asked. */
        STARTED,
        /** A domain was left out: invalid or not running, or named in the stop order but absent. */
        SKIPPED,
        /**
         * A group of the stop order is asked (the message names it, and the groups that wait for it),
         * or has nobody to ask.
         */
        GROUP,
        /** A request was written to a domain. */
        REQUESTED,
        /** A request could not be written; the domain cannot acknowledge. */
        REQUEST_FAILED,
        /** A domain acknowledged. */
        ACKNOWLEDGED,
        /**
         * A domain asked to shut down went down and came back up (its running counter is odd again):
         * not acknowledged; it is asked again, and {@link ShutdownEvent#value()} is the counter seen.
         */
        CAME_BACK_UP,
        /** A domain awaited was gone: its vproperties disappeared (the domain was destroyed); not waited for. */
        GONE,
        /**
         * The re-check before the master's native command found a running slave that was not asked
         * (stopped when the shutdown started, or created since): it is asked and awaited.
         */
        RECHECK,
        /** Still waiting: sent now and then during a long wait, naming who is pending and why. */
        WAITING,
        /**
         * Domains did not acknowledge within their bound, or the shutdown was cancelled. Without force
         * the wait ends here; with force, in a system-wide shutdown, the domains named are hard-stopped
         * and the shutdown goes on with the next group of the stop order.
         */
        WAIT_ENDED,
        /**
         * No vproperty provider is bound (its bundle is being updated, say): the wait holds on, for
         * the master's grace at most, until one is bound again; the message says which.
         */
        PROVIDER_WAIT,
        /**
         * A request of a shutdown that ended without it was withdrawn ({@code requested = running}),
         * or could not be: the message says which; the result lists them all.
         */
        WITHDRAWN,
        /** A domain was hard-stopped, or the hard stop failed or is not offered. */
        HARD_STOP,
        /**
         * A {@link ShutdownParticipant} is called, got ready, failed or overran its bound; the message
         * names it.
         */
        PARTICIPANT,
        /** The master's native shutdown or reboot is being started. */
        MASTER_ACTION,
        /** The shutdown is over; {@link #result()} holds the result. */
        FINISHED
    }

    public ShutdownEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(result, "result");
        pending = Collections.unmodifiableSortedSet(new TreeSet<>(pending));
        message = message == null ? "" : message;
    }
}
