package com.example.vshutdown.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The end of a shutdown: its outcome, what happened to every domain, and whether the master's
 * native shutdown or reboot was started.
 *
 * @param request the request as submitted
 * @param outcome how it ended
 * @param waitEnd what ended the wait for acknowledgements, so which bound applied
 * @param domains one entry per domain considered, ordered by id
 * @param withdrawals the requests this shutdown took back as it ended without them, or could not,
 *        ordered by domain; empty when it ended as asked
 * @param masterAction what the master did to itself
 * @param message one line summing the outcome up for an operator
 * @param elapsed from the first request written to the end
 * @param participants the {@link ShutdownParticipant}s called before the master's step, in the order
 *        they were called; empty when none was (a selective shutdown, or one that ended before)
 * @param simulated whether it ran on a simulated platform (the vproperty provider it used carries
 *        {@code VPropertyProvider.SIMULATED_PROPERTY}): no real domain was touched
 */
public record ShutdownResult(ShutdownRequest request, Outcome outcome, WaitEnd waitEnd, List<DomainOutcome> domains,
        List<Withdrawal> withdrawals, MasterAction masterAction, String message, Duration elapsed,
        List<ParticipantOutcome> participants, boolean simulated) {

    /** How a shutdown ended. */
    public enum Outcome {
        /** Every involved domain acknowledged (or none was involved). */
        COMPLETED,
        /** Force completed what it could: unresponsive domains hard-stopped, or the master went ahead. */
        FORCED,
        /** Some domain did not acknowledge and nothing was forced; the master was not shut down. */
        CANCELLED,
        /**
         * Not all that was asked could be done: forced, but a domain that did not acknowledge could
         * not be hard-stopped and still runs; or a forced selective reboot hard-stopped its domain,
         * which nothing starts again; or the domain of a selective reboot is gone.
         */
        INCOMPLETE,
        /** Every domain was dealt with, but the master's native shutdown or reboot failed to start. */
        FAILED
    }

    /** What ended the wait for acknowledgements. */
    public enum WaitEnd {
        /** Every involved domain answered (or none was involved). */
        ANSWERED,
        /**
         * A bound passed first: the request's time-out, or a domain's own time-out or group grace
         * (each domain's {@link DomainOutcome#bound()} says which it had).
         */
        TIMED_OUT,
        /** The shutdown was cancelled: {@link ShutdownService#cancel()}, or the caller of {@code run} interrupted. */
        CANCELLED,
        /** The last vproperty provider went away and none came back within the master's grace for it. */
        PROVIDER_LOST,
        /** A request could not be written, so its domain could not answer; nothing else was awaited. */
        REQUEST_NOT_WRITTEN
    }

    /** What the master did (or, for a participant, is about to do) to its own domain. */
    public enum MasterAction {
        /**
         * Nothing: a selective shutdown, one that did not complete, or a
         * {@linkplain ShutdownRequest#slavesOnly() slaves-only} one, whose master's OS goes down by its own path.
         */
        NONE,
        /** The master's native shutdown. */
        SHUTDOWN,
        /** The master's native reboot. */
        REBOOT
    }

    public ShutdownResult {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(waitEnd, "waitEnd");
        Objects.requireNonNull(masterAction, "masterAction");
        Objects.requireNonNull(elapsed, "elapsed");
        domains = List.copyOf(domains);
        withdrawals = List.copyOf(withdrawals);
        participants = List.copyOf(participants);
        message = message == null ? "" : message;
    }

    /** A result on a platform that is not simulated. */
    public ShutdownResult(ShutdownRequest request, Outcome outcome, WaitEnd waitEnd, List<DomainOutcome> domains,
            List<Withdrawal> withdrawals, MasterAction masterAction, String message, Duration elapsed,
            List<ParticipantOutcome> participants) {
        this(request, outcome, waitEnd, domains, withdrawals, masterAction, message, elapsed, participants, false);
    }

    /** A result in which no participant was called. */
    public ShutdownResult(ShutdownRequest request, Outcome outcome, WaitEnd waitEnd, List<DomainOutcome> domains,
            List<Withdrawal> withdrawals, MasterAction masterAction, String message, Duration elapsed) {
        this(request, outcome, waitEnd, domains, withdrawals, masterAction, message, elapsed, List.of());
    }

    /** Whether the shutdown did what was asked ({@link Outcome#COMPLETED} or {@link Outcome#FORCED}). */
    public boolean succeeded() {
        return outcome == Outcome.COMPLETED || outcome == Outcome.FORCED;
    }

    /** The same result, marked as one of a simulated platform (or not). */
    public ShutdownResult onSimulatedPlatform(boolean onSimulated) {
        return new ShutdownResult(request, outcome, waitEnd, domains, withdrawals, masterAction, message, elapsed,
                participants, onSimulated);
    }

    /** The exit status a one-shot command reports for this result. */
    public ExitStatus exitStatus() {
        return switch (outcome) {
            case COMPLETED, FORCED -> ExitStatus.DONE;
            case CANCELLED, INCOMPLETE -> ExitStatus.CANCELLED;
            case FAILED -> ExitStatus.ERROR;
        };
    }
}
