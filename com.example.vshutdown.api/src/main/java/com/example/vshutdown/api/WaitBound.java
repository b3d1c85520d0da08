package com.example.vshutdown.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The bound a shutdown waited for one domain's acknowledgement with: when it passed, the
 * shutdown was cancelled (or, with force, the domain was hard-stopped).
 *
 * @param kind which rule gave the bound
 * @param limit how long: the request's time-out for {@link Kind#SHUTDOWN} (from the shutdown's
 *        start), the domain's own time-out or the group grace (from when the domain was first
 *        asked); empty for {@link Kind#NONE}
 */
public record WaitBound(Kind kind, Optional<Duration> limit) {

    /** Which rule bounded the wait for a domain. */
    public enum Kind {
        /** No time-out: the domain was waited for until it answered or the shutdown was cancelled. */
        NONE,
        /** The shutdown's deadline: the request's time-out ({@code -t}), from the start of the shutdown. */
        SHUTDOWN,
        /** The domain's own time-out ({@code domain.<id>.timeout.ms}), from when it was first asked. */
        DOMAIN,
        /**
         * The group grace ({@code group.grace.ms}), from when the domain was asked: it was asked in a
         * later group of the stop order, or after the shutdown's deadline had passed, and the deadline
         * left it less than that.
         */
        GROUP_GRACE
    }

    public WaitBound {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(limit, "limit");
        if (limit.isPresent() == (kind == Kind.NONE)) {
            throw new IllegalArgumentException("a bound of kind " + kind + (kind == Kind.NONE ? " has no" : " has a")
                    + " limit");
        }
    }

    /** Waiting until the domain answers or the shutdown is cancelled. */
    public static WaitBound none() {
        return new WaitBound(Kind.NONE, Optional.empty());
    }

    public static WaitBound of(Kind kind, Duration limit) {
        return new WaitBound(kind, Optional.of(limit));
    }
}
