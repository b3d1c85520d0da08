package com.example.vshutdown.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one {@link ShutdownParticipant} in a shutdown. A participant that did not get
 * ready never stops the shutdown: it is named in the result, and the master goes on.
 *
 * @param name the participant as the summary names it: its {@code component.name} when DS registered
 *        it, else its bundle's symbolic name and its service id
 * @param status how its preparation ended
 * @param elapsed from the call to the end of its preparation (or to the bound, when it overran)
 * @param detail one line for an operator: what it threw or failed with; empty when ready
 */
public record ParticipantOutcome(String name, Status status, Optional<Duration> elapsed, String detail) {

    /** How a participant's preparation ended. */
    public enum Status {
        /** Its promise resolved (or it returned none, or a resolved one): ready. */
        READY,
        /** It threw, or its promise failed. */
        FAILED,
        /** Its promise did not resolve within {@code participant.max.ms}: the master went on without it. */
        TIMED_OUT
    }

    public ParticipantOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(elapsed, "elapsed");
        detail = detail == null ? "" : detail;
    }

    /** Whether it got ready in time. */
    public boolean ready() {
        return status == Status.READY;
    }
}
