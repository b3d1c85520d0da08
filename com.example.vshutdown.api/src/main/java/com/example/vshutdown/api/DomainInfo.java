package com.example.vshutdown.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One domain as the vproperties show it now, with what the master's shutdown policy says of it.
 *
 * @param id the domain id
 * @param state running, stopped or invalid
 * @param running the running counter, empty when invalid
 * @param requested the requested counter, empty when absent or invalid
 * @param rawRunning the running property's text as read, for diagnosing invalid values
 * @param problem why the domain is invalid, or why its requested value was ignored; empty if none
 * @param master whether this is the master's own domain
 * @param group its group in the master's stop order (1 is asked first in a system-wide shutdown);
 *        empty for the master's own domain
 * @param timeout its own time-out ({@code domain.<id>.timeout.ms}), which replaces the command's
 *        {@code -t} for it; empty when it has none
 * @param simulated whether it was read from a simulated platform (the vproperty provider carries
 *        {@code VPropertyProvider.SIMULATED_PROPERTY}): not a real domain
 */
public record DomainInfo(int id, DomainState state, OptionalLong running, OptionalLong requested,
        String rawRunning, Optional<String> problem, boolean master, OptionalInt group, Optional<Duration> timeout,
        boolean simulated) {

    public DomainInfo {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A domain of a platform that is not simulated. */
    public DomainInfo(int id, DomainState state, OptionalLong running, OptionalLong requested, String rawRunning,
            Optional<String> problem, boolean master, OptionalInt group, Optional<Duration> timeout) {
        this(id, state, running, requested, rawRunning, problem, master, group, timeout, false);
    }

    /** A domain as the vproperties show it, before the policy is applied to it. */
    public DomainInfo(int id, DomainState state, OptionalLong running, OptionalLong requested, String rawRunning,
            Optional<String> problem, boolean master) {
        this(id, state, running, requested, rawRunning, problem, master, OptionalInt.empty(), Optional.empty());
    }

    /** The same domain with what the policy says of it. */
    public DomainInfo withPolicy(OptionalInt stopGroup, Optional<Duration> ownTimeout) {
        return new DomainInfo(id, state, running, requested, rawRunning, problem, master, stopGroup, ownTimeout,
                simulated);
    }

    /** The same domain, marked as one of a simulated platform (or not). */
    public DomainInfo onSimulatedPlatform(boolean onSimulated) {
        return new DomainInfo(id, state, running, requested, rawRunning, problem, master, group, timeout,
                onSimulated);
    }

    /** Whether a request is written and not yet acknowledged ({@code requested > running}). */
    public boolean pendingRequest() {
        return running.isPresent() && requested.isPresent()
                && requested.getAsLong() > running.getAsLong();
    }
}
