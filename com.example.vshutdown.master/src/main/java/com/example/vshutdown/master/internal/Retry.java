package com.example.vshutdown.master.internal;

import java.util.Optional;
import java.util.OptionalLong;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.protocol.AgentStatus;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;

/**
 * Why a request the master is about to write is a retry. An agent acts on a request value at most
 * once, and its status property is its record of having acted: a request whose earlier one is
 * still ahead of the running counter (picked up, blocked, failed, or left over), or whose value
 * the status already names, would be taken for one already acted on. The master therefore writes
 * the status empty first: an agent treats an empty status as no record and acts once more.
 *
 * @param earlier the earlier request still ahead of the running counter, if there is one
 * @param status the agent's status as found, if there was one
 */
record Retry(OptionalLong earlier, Optional<String> status) {

    /** Whether writing {@code value} to this domain is a retry, from what the plan read of it. */
    static Optional<Retry> of(DomainInfo domain, Optional<String> rawStatus, long value) {
        long running = domain.running().getAsLong();
        OptionalLong earlier = domain.requested().isPresent() && domain.requested().getAsLong() > running
                ? domain.requested() : OptionalLong.empty();
        boolean named = rawStatus.flatMap(Retry::parse).map(s -> s.requested() == value).orElse(false);
        return earlier.isPresent() || named ? Optional.of(new Retry(earlier, rawStatus)) : Optional.empty();
    }

    /** What the live line adds to "asked domain …". */
    String describe() {
        String found = status.map(raw -> "agent status '" + Values.printable(raw.strip()) + "'")
                .orElse("no agent status");
        return earlier.isPresent()
                ? "a retry of request " + earlier.getAsLong() + " (" + found + "): its status was cleared first"
                : "a retry: its " + found + " names this request, so it was cleared first";
    }

    private static Optional<AgentStatus> parse(String raw) {
        try {
            return Optional.of(AgentStatus.parse(raw));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }
}
