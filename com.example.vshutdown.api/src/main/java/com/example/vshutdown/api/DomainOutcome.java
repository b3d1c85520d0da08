package com.example.vshutdown.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What happened to one domain in a shutdown.
 *
 * @param id the domain id
 * @param status what became of it
 * @param requested the request value written, if one was
 * @param elapsed time from the request to the acknowledgement or hard stop, if there was one
 * @param reason why it did not acknowledge, was invalid or was not involved, as far as the master
 *        can tell; empty for an acknowledged domain
 * @param group its group in the master's stop order (1 is asked first), in a system-wide shutdown;
 *        empty in a selective one, which ignores the order
 * @param bound the bound its wait had, if it was asked
 * @param running the running counter the master decided on: the one it computed the request value
 *        from when it asked, or the one it left the domain out with; empty when it had none (an
 *        invalid or absent domain)
 */
public record DomainOutcome(int id, Status status, OptionalLong requested, Optional<Duration> elapsed,
        String reason, OptionalInt group, Optional<WaitBound> bound, OptionalLong running) {

    /** What became of a domain. */
    public enum Status {
        /** The running counter reached the request value. */
        ACKNOWLEDGED,
        /** No acknowledgement in time, or the shutdown was cancelled first. */
        NOT_ACKNOWLEDGED,
        /** Did not acknowledge, and was stopped by the hypervisor because the request forced it. */
        HARD_STOPPED,
        /** Its counter is malformed: reported and left alone. */
        INVALID,
        /** Not running, so not involved. */
        NOT_RUNNING,
        /** Awaited, but its vproperties disappeared (the domain was destroyed): not waited for. */
        GONE,
        /**
         * Running, but never asked: the shutdown ended (cancelled, or a group before its own did not
         * answer) before its group of the stop order was reached.
         */
        NOT_ASKED,
        /** Named in the stop order, but it does not exist: reported, nothing asked. */
        ABSENT
    }

    public DomainOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(running, "running");
        reason = reason == null ? "" : reason;
    }

    /** An outcome without the running counter it was decided on. */
    public DomainOutcome(int id, Status status, OptionalLong requested, Optional<Duration> elapsed, String reason,
            OptionalInt group, Optional<WaitBound> bound) {
        this(id, status, requested, elapsed, reason, group, bound, OptionalLong.empty());
    }

    /** An outcome outside any stop order and without a bound: a domain left out, or a selective shutdown's. */
    public DomainOutcome(int id, Status status, OptionalLong requested, Optional<Duration> elapsed, String reason) {
        this(id, status, requested, elapsed, reason, OptionalInt.empty(), Optional.empty());
    }

    /** The same outcome, placed in a group of the stop order. */
    public DomainOutcome inGroup(int number) {
        return new DomainOutcome(id, status, requested, elapsed, reason, OptionalInt.of(number), bound, running);
    }

    /** The same outcome, with the bound its wait had. */
    public DomainOutcome withBound(WaitBound waitBound) {
        return new DomainOutcome(id, status, requested, elapsed, reason, group, Optional.of(waitBound), running);
    }

    /** The same outcome, with the running counter it was decided on. */
    public DomainOutcome withRunning(long counter) {
        return new DomainOutcome(id, status, requested, elapsed, reason, group, bound, OptionalLong.of(counter));
    }
}
