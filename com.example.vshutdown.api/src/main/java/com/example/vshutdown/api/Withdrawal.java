package com.example.vshutdown.api;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What became of a request when its shutdown ended without it (cancelled, or forced but
 * incomplete). A request that no agent has picked up is withdrawn by writing
 * {@code requested = running}: it is no longer new, so an agent that starts later does nothing.
 *
 * @param domain the domain the request was written to
 * @param request the request value
 * @param result what became of it
 * @param requestedNow the value written to withdraw it (the running counter read then), if one was written
 * @param detail one line for an operator: the agent's status that kept it, or why it could not be written
 */
public record Withdrawal(int domain, long request, Result result, OptionalLong requestedNow, String detail) {

    /** What became of a request at the end of its shutdown. */
    public enum Result {
        /** Withdrawn: no agent acts on it later. */
        WITHDRAWN,
        /** Withdrawn, but its agent picked it up at that very moment: the domain may still go down. */
        WITHDRAWN_TOO_LATE,
        /** Not withdrawn: an agent had already picked it up, so the domain may still go down. */
        ALREADY_PICKED_UP,
        /** Not withdrawn: it could not be written (the provider is gone, or a read or write failed); it stays. */
        NOT_WRITTEN
    }

    public Withdrawal {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(requestedNow, "requestedNow");
        detail = detail == null ? "" : detail;
    }

    /** Whether the domain may still go down because of this request. */
    public boolean mayStillGoDown() {
        return result != Result.WITHDRAWN;
    }
}
