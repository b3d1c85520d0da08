package com.example.vshutdown.api;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One domain as the vproperties show it now.
 *
 * @param id the domain id
 * @param state running, stopped or invalid
 * @param running the running counter, empty when invalid
 * @param requested the requested counter, empty when absent or invalid
 * @param rawRunning the running property's text as read, for diagnosing invalid values
 * @param problem why the domain is invalid, or why its requested value was ignored; empty if none
 * @param master whether this is the master's own domain
 */
public record DomainInfo(int id, DomainState state, OptionalLong running, OptionalLong requested,
        String rawRunning, Optional<String> problem, boolean master) {

    public DomainInfo {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(problem, "problem");
    }

    /** Whether a request is written and not yet acknowledged ({@code requested > running}). */
    public boolean pendingRequest() {
        return running.isPresent() && requested.isPresent()
                && requested.getAsLong() > running.getAsLong();
    }
}
