package com.example.vshutdown.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
 */
public record DomainOutcome(int id, Status status, OptionalLong requested, Optional<Duration> elapsed,
        String reason) {

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
        GONE
    }

    public DomainOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(elapsed, "elapsed");
        reason = reason == null ? "" : reason;
    }
}
