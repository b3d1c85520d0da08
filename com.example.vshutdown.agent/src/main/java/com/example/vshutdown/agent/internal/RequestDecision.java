package com.example.vshutdown.agent.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;

/**
 * What an agent does about its own domain's request: pure, decided from the raw text of the
 * domain's vproperties and the one thing the agent remembers, so that every rule can be tested
 * without threads or a framework.
 *
 * <p>The rules, in order; the first that matches decides:
 * <ol>
 * <li>A {@code ConfigurationFault} is registered (a provider explicitly configured with malformed
 * settings): {@link Kind#REFUSED}, decided by {@link #refused} before anything is read. The agent acts
 * on nothing until the fault is gone, as the master refuses every operation: no lower-ranked provider
 * serves in place of the one the operator configured.</li>
 * <li>The running counter does not exist: {@link Kind#MISSING} (the domain was destroyed, or the id is
 * wrong). Malformed: {@link Kind#MALFORMED}.</li>
 * <li>No request: {@link Kind#NONE}. A malformed one: {@link Kind#MALFORMED}, never guessed at.</li>
 * <li>The request is not new ({@code requested <= running}): {@link Kind#NONE}; this also covers a
 * request withdrawn by the master ({@code requested = running}) and the stale request after a reboot.</li>
 * <li>The domain is stopped (even counter): {@link Kind#NONE}. An agent lives in its domain; only one
 * hosted outside it (the simulator's) can see this, and it must not act for a ghost.</li>
 * <li>The status property is a record of this request ({@code picked-up <n>}, {@code blocked <n> ...},
 * {@code failed <n> ...} with {@code n = requested}, a trailing newline accepted): {@link Kind#NONE},
 * whoever wrote it and whenever. This record is what keeps a re-read, a late notification, a second
 * write of the same value and a restarted agent from acting again.</li>
 * <li>This agent acted on this request and could not write any record of it ({@code unrecorded}):
 * {@link Kind#NONE}. On a platform whose status property cannot be written this memory is the only
 * record, and it ends with the agent.</li>
 * <li>Otherwise there is no record for this request: no status, an empty one, a placeholder such as
 * {@code 0}, text that does not parse, or a record of another request. {@link Kind#SHUTDOWN} for an
 * even value, {@link Kind#REBOOT} for an odd one; the agent writes {@code picked-up <n>} before it runs
 * the command, and from then on rule 6 (or 7) holds.</li>
 * </ol>
 *
 * <p>So a request is acted on once per write of the master that leaves no record: the master retries
 * by writing the status empty and then the request, which makes rule 8 match once more. Nothing else
 * does; a notification is a hint to look, never a command.
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
        MISSING,
        /** The platform is misconfigured (a configuration fault is registered): nothing is acted on. */
        REFUSED
    }

    RequestDecision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    boolean acts() {
        return kind == Kind.SHUTDOWN || kind == Kind.REBOOT;
    }

    /** Rule 1: the decision while a configuration fault is registered, whatever the properties say. */
    static RequestDecision refused(String fault) {
        return new RequestDecision(Kind.REFUSED, -1, "the platform is misconfigured: " + fault);
    }

    /**
     * Rules 2 to 8, from one reading of the domain's own properties, each given as the platform holds
     * it (empty when the property does not exist).
     *
     * @param unrecorded the request this agent acted on without managing to write any status for it, if any
     */
    static RequestDecision decide(Optional<String> rawRequested, Optional<String> rawRunning,
            Optional<String> rawStatus, OptionalLong unrecorded) {
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
            return none("request " + requested + " is not new (running " + running + ")");
        }
        if (!Counters.isRunning(running)) {
            return none("request " + requested + " is not acted on: the domain is stopped (running " + running + ")");
        }
        Optional<AgentStatus> status = record(rawStatus);
        if (status.isPresent() && status.get().requested() == requested) {
            return none("request " + requested + " was already acted on (status '"
                    + Values.printable(status.get().format()) + "')");
        }
        if (unrecorded.isPresent() && unrecorded.getAsLong() == requested) {
            return none("request " + requested + " was already acted on (its status could not be written)");
        }
        String why = "new request " + requested;
        if (rawStatus.isPresent() && status.isEmpty()) {
            why += ", status '" + Values.printable(rawStatus.get()) + "' is no record of it";
        }
        return Counters.isRebootRequest(requested)
                ? new RequestDecision(Kind.REBOOT, requested, why + " (odd: reboot)")
                : new RequestDecision(Kind.SHUTDOWN, requested, why + " (even: shutdown)");
    }

    /** The status as an agent's record, or empty where it is none: missing, empty, a placeholder, garbage. */
    static Optional<AgentStatus> record(Optional<String> rawStatus) {
        if (rawStatus.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AgentStatus.parse(rawStatus.get()));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    private static RequestDecision none(String reason) {
        return new RequestDecision(Kind.NONE, -1, reason);
    }

    private static RequestDecision malformed(String reason) {
        return new RequestDecision(Kind.MALFORMED, -1, reason);
    }
}
