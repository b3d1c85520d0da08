package com.example.vshutdown.master.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.ExitStatus;
import com.example.vshutdown.api.ShutdownException;
import com.example.vshutdown.support.offer.MalformedSettingException;

/**
 * The master's shutdown policy (DESIGN.md "Stop order and participants"): in which groups a
 * system-wide shutdown asks the slaves, how long each slave may take, how long participants may
 * postpone the master's step, and the graces that keep a shutdown alive over a gap.
 *
 * @param order the stop order of a system-wide shutdown
 * @param timeouts the slaves' own time-outs
 * @param participantMax how long each participant may postpone the master's step
 * @param groupGrace the least time a domain of a later group (or one asked once the deadline has
 *        passed, under -f) gets from its request, whatever is left of the deadline
 * @param providerGrace how long a wait holds on while no vproperty provider is bound
 */
record Policy(StopOrder order, DomainTimeouts timeouts, Duration participantMax, Duration groupGrace,
        Duration providerGrace) {

    static final long DEFAULT_PARTICIPANT_MAX_MS = 10_000;
    static final long DEFAULT_GROUP_GRACE_MS = 5_000;
    static final long DEFAULT_PROVIDER_GRACE_MS = 5_000;

    /** All at once, no own time-outs, the default bounds. */
    static Policy defaults(int masterDomain) {
        return new Policy(StopOrder.ALL_AT_ONCE, DomainTimeouts.none(masterDomain),
                Duration.ofMillis(DEFAULT_PARTICIPANT_MAX_MS), Duration.ofMillis(DEFAULT_GROUP_GRACE_MS),
                Duration.ofMillis(DEFAULT_PROVIDER_GRACE_MS));
    }

    /** The refusal of every operation while a setting of the master is malformed. */
    static ShutdownException misconfigured(String line) {
        return new ShutdownException(ExitStatus.BAD_INPUT, "the master is misconfigured: " + line);
    }

    /**
     * The own time-outs of these domains, looked up before anything is written to any of them.
     *
     * @throws ShutdownException with exit status 2 naming a malformed one
     */
    Map<Integer, Optional<Duration>> ownTimeouts(Collection<Integer> ids) throws ShutdownException {
        Map<Integer, Optional<Duration>> own = new TreeMap<>();
        try {
            for (int id : ids) {
                own.put(id, timeouts.of(id));
            }
        } catch (MalformedSettingException e) {
            throw misconfigured(e.getMessage());
        }
        return own;
    }

    /** The domains with their group of the stop order and their own time-out, as {@code domains} shows them. */
    List<DomainInfo> describe(List<DomainInfo> domains) throws ShutdownException {
        Map<Integer, Optional<Duration>> own = ownTimeouts(domains.stream().map(DomainInfo::id).toList());
        List<DomainInfo> described = new ArrayList<>();
        for (DomainInfo domain : domains) {
            described.add(domain.withPolicy(domain.master() ? OptionalInt.empty()
                    : OptionalInt.of(order.groupOf(domain.id()) + 1), own.get(domain.id())));
        }
        return described;
    }

    Policy withOrder(StopOrder stopOrder) {
        return new Policy(stopOrder, timeouts, participantMax, groupGrace, providerGrace);
    }

    Policy withTimeouts(DomainTimeouts own) {
        return new Policy(order, own, participantMax, groupGrace, providerGrace);
    }

    Policy withGraces(Duration participants, Duration group, Duration provider) {
        return new Policy(order, timeouts, participants, group, provider);
    }
}
