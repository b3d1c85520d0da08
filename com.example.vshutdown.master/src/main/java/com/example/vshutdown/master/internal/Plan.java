package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.DomainOutcome;
import com.example.vshutdown.api.DomainState;
import com.example.vshutdown.api.InvalidRequestException;
import com.example.vshutdown.api.ShutdownRequest;
import com.example.vshutdown.protocol.Counters;

/**
 * Which domains a request involves and with which request values, decided from one reading of
 * the counters before anything is written. A selective request whose target cannot take it is
 * refused here, so that bad input changes nothing.
 *
 * @param targets the running slaves to ask, with the value to write
 * @param skipped domains left out (invalid, or not running), with the reason
 */
record Plan(List<Target> targets, List<DomainOutcome> skipped) {

    /**
     * A slave to ask.
     *
     * @param retry present when the request is a retry, whose status must be cleared first
     */
    record Target(int id, long running, long requestValue, Optional<Retry> retry) {
    }

    Plan {
        targets = List.copyOf(targets);
        skipped = List.copyOf(skipped);
    }

    static Plan of(ShutdownRequest request, DomainReader reader, int masterDomain)
            throws IOException, InvalidRequestException {
        return request.domain().isPresent()
                ? selective(request, reader, request.domain().getAsInt(), masterDomain)
                : systemWide(reader, masterDomain);
    }

    /** Every valid running slave is asked to shut down; the reboot, if any, is the master's alone. */
    private static Plan systemWide(DomainReader reader, int masterDomain) throws IOException {
        List<Target> targets = new ArrayList<>();
        List<DomainOutcome> skipped = new ArrayList<>();
        for (DomainInfo domain : reader.all()) {
            if (domain.master()) {
                continue;
            }
            switch (domain.state()) {
                case RUNNING -> {
                    Optional<Target> target = target(reader, domain, false);
                    if (target.isPresent()) {
                        targets.add(target.get());
                    } else {
                        skipped.add(exhausted(domain));
                    }
                }
                case STOPPED -> skipped.add(notRunning(domain));
                case INVALID -> skipped.add(invalid(domain));
            }
        }
        return new Plan(targets, skipped);
    }

    private static Plan selective(ShutdownRequest request, DomainReader reader, int id, int masterDomain)
            throws IOException, InvalidRequestException {
        if (id == masterDomain) {
            throw new InvalidRequestException("domain " + id + " is the master's own domain: "
                    + "only a system-wide shutdown (no vmid) takes the master down");
        }
        Optional<DomainInfo> found = reader.read(id);
        if (found.isEmpty()) {
            throw new InvalidRequestException("domain " + id + " does not exist (no vproperty nk." + id
                    + ".vm.state.running); run 'domains' to list the domains");
        }
        DomainInfo domain = found.get();
        if (domain.state() == DomainState.INVALID) {
            throw new InvalidRequestException("domain " + id + " is invalid and is left alone: "
                    + domain.problem().orElse("malformed running counter"));
        }
        if (domain.state() == DomainState.STOPPED) {
            if (request.reboot()) {
                throw new InvalidRequestException("domain " + id + " is stopped (running counter "
                        + domain.running().getAsLong() + "): nobody in it can act on a reboot request");
            }
            return new Plan(List.of(), List.of(notRunning(domain)));
        }
        Optional<Target> target = target(reader, domain, request.reboot());
        if (target.isEmpty()) {
            throw new InvalidRequestException("domain " + id + " is invalid and is left alone: "
                    + exhausted(domain).reason());
        }
        return new Plan(List.of(target.get()), List.of());
    }

    /**
     * The request for a running domain, as read now, with its agent's status read to tell a retry;
     * empty when the counter is too close to its maximum to hold a request value.
     */
    static Optional<Target> target(DomainReader reader, DomainInfo domain, boolean reboot) throws IOException {
        long running = domain.running().getAsLong();
        long value;
        try {
            value = Counters.requestValue(running, reboot);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new Target(domain.id(), running, value,
                Retry.of(domain, reader.status(domain.id()), value)));
    }

    static String noRoom(long running) {
        return "running counter " + running + " leaves no room for a request value";
    }

    static DomainOutcome exhausted(DomainInfo domain) {
        return new DomainOutcome(domain.id(), DomainOutcome.Status.INVALID, OptionalLong.empty(),
                Optional.empty(), noRoom(domain.running().getAsLong()) + "; left alone")
                .withRunning(domain.running().getAsLong());
    }

    private static DomainOutcome notRunning(DomainInfo domain) {
        return notRunning(domain, "already stopped");
    }

    /** @param how how it was found stopped, e.g. "already stopped" */
    static DomainOutcome notRunning(DomainInfo domain, String how) {
        return new DomainOutcome(domain.id(), DomainOutcome.Status.NOT_RUNNING, OptionalLong.empty(),
                Optional.empty(), how + " (running counter " + domain.running().getAsLong() + ")")
                .withRunning(domain.running().getAsLong());
    }

    static DomainOutcome invalid(DomainInfo domain) {
        return new DomainOutcome(domain.id(), DomainOutcome.Status.INVALID, OptionalLong.empty(),
                Optional.empty(), domain.problem().orElse("malformed running counter") + "; left alone");
    }
}
