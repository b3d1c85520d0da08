package com.example.vshutdown.agent.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;

/**
 * What an agent does about its own domain's request, decided from the raw text of its vproperties
 * alone: pure, so that every rule can be tested without threads or a framework.
 *
 * <p>A request value is acted on at most once. The agent's own status property is the record that
 * survives a restart of the agent (or its bundle, or the JVM while the domain keeps running); the
 * value last acted on in memory covers a platform where that record could not be written. A
 * request that arrived while no agent ran has no record and is acted on when the agent starts.
 *
 * @param value the request value for {@link Kind#SHUTDOWN} and {@link Kind#REBOOT}, else -1
 * @param reason one line saying why, for logs; it never names another domain
 */
record RequestDecision(Kind kind, long value, String reason) {
    /** The possible outcomes of one look at the domain's vproperties. */
    enum Kind {
        /** Nothing to do: no request, not new, already acted on, or nobody in the domain to act. */
        NONE,
        /** Run the native shutdown for a new even request value. */
        SHUTDOWN,
        /** Run the native reboot for a new odd request value. */
        REBOOT,
        /** A value is malformed: reported and never acted on, never guessed at. */
        MALFORMED,
        /** The domain's running counter does not exist: its properties vanished or the id is wrong. */
        MISSING
    }

    RequestDecision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    boolean acts() {
        return kind == Kind.SHUTDOWN || kind == Kind.REBOOT;
    }

    /**
     * Decides from one reading of the domain's own properties, each given as the platform holds it
     * (empty when the property does not exist).
     *
     * @param lastActed the request value this agent last acted on since it started, if any
     */
    static RequestDecision decide(Optional<String> rawRequested, Optional<String> rawRunning,
            Optional<String> rawStatus, OptionalLong lastActed) {
        return decide(rawRequested, rawRunning, rawStatus, lastActed, false);
    }

    /**
     * As {@link #decide(Optional, Optional, Optional, OptionalLong)}, where {@code askedAgain} says
     * that the request property was just written (a named notification, not a re-read). The master
     * writes the same value when an operator retries a shutdown whose domain was blocked or failed
     * (its running counter has not moved), so such a write is the one way to ask for another try;
     * a request that was picked up and is under way is never started twice.
     */
    static RequestDecision decide(Optional<String> rawRequested, Optional<String> rawRunning,
            Optional<String> rawStatus, OptionalLong lastActed, boolean askedAgain) {
        if (rawRunning.isEmpty()) {
            return new RequestDecision(Kind.MISSING, -1, "its running counter does not exist");
        }
        long running;
        try {
            running = Values.parseCounter(rawRunning.get());
        } catch (InvalidValueException e) {
            return malformed("running " + e.getMessage());
        }
        if (rawRequested.isEmpty()) {
            return none("no request (running " + running + ")");
        }
        long requested;
        try {
            requested = Values.parseCounter(rawRequested.get());
        } catch (InvalidValueException e) {
            return malformed("requested " + e.getMessage());
        }
        if (!Counters.isNewRequest(requested, running)) {
            // also the stale request after a reboot: requested 3, running 3 (or 4 once it stops again)
            return none("request " + requested + " is not new (running " + running + ")");
        }
        if (!Counters.isRunning(running)) {
            // An agent lives inside its domain; a stopped counter means nobody is there to act. Only an
            // agent hosted outside its domain (the simulator) can see this, and must not act for a ghost.
            return none("request " + requested + " is not acted on: the domain is stopped (running " + running + ")");
        }
        if (askedAgain && endedWithoutGoingDown(rawStatus, requested)) {
            return act(requested, "request " + requested + " written again after it was "
                    + AgentStatus.State.BLOCKED.word() + " or " + AgentStatus.State.FAILED.word() + ": trying once more");
        }
        if (lastActed.isPresent() && lastActed.getAsLong() == requested) {
            return none("request " + requested + " was already acted on");
        }
        if (rawStatus.isPresent()) {
            AgentStatus status;
            try {
                status = AgentStatus.parse(rawStatus.get());
            } catch (InvalidValueException e) {
                // the status is the only record of an earlier action: without it, acting could repeat one
                return malformed("own " + e.getMessage() + ": cannot tell whether request " + requested
                        + " was already acted on");
            }
            if (status.requested() == requested) {
                return none("request " + requested + " was already acted on (status '"
                        + Values.printable(status.format()) + "')");
            }
        }
        return act(requested, "new request " + requested);
    }

    private static RequestDecision act(long requested, String why) {
        return Counters.isRebootRequest(requested)
                ? new RequestDecision(Kind.REBOOT, requested, why + " (odd: reboot)")
                : new RequestDecision(Kind.SHUTDOWN, requested, why + " (even: shutdown)");
    }

    /** Whether the agent's own status says this request was blocked or failed. */
    private static boolean endedWithoutGoingDown(Optional<String> rawStatus, long requested) {
        if (rawStatus.isEmpty()) {
            return false;
        }
        try {
            AgentStatus status = AgentStatus.parse(rawStatus.get());
            return status.requested() == requested && status.state() != AgentStatus.State.PICKED_UP;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    private static RequestDecision none(String reason) {
        return new RequestDecision(Kind.NONE, -1, reason);
    }

    private static RequestDecision malformed(String reason) {
        return new RequestDecision(Kind.MALFORMED, -1, reason);
    }
}
