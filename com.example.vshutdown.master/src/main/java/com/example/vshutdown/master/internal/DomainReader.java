package com.example.vshutdown.master.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;

import com.example.vshutdown.api.DomainInfo;
import com.example.vshutdown.api.DomainState;
import com.example.vshutdown.protocol.Counters;
import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.VProperties;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * Reads domains as the vproperties show them. A domain exists when its running counter exists;
 * its state comes from that counter alone, parsed strictly, so a malformed value makes the domain
 * invalid instead of being guessed at.
 */
final class DomainReader {
    private final VPropertyProvider provider;
    private final int masterDomain;

    DomainReader(VPropertyProvider provider, int masterDomain) {
        this.provider = provider;
        this.masterDomain = masterDomain;
    }

    VPropertyProvider provider() {
        return provider;
    }

    /** Ids of every domain that has a running counter, the master's included, in order. */
    List<Integer> domainIds() throws IOException {
        TreeSet<Integer> ids = new TreeSet<>();
        for (String name : provider.names()) {
            OptionalInt id = VProperties.domainOfRunning(name);
            if (id.isPresent()) {
                ids.add(id.getAsInt());
            }
        }
        return new ArrayList<>(ids);
    }

    /** Every domain, the master's included. */
    List<DomainInfo> all() throws IOException {
        List<DomainInfo> domains = new ArrayList<>();
        for (int id : domainIds()) {
            read(id).ifPresent(domains::add);
        }
        return domains;
    }

    /** One domain, or empty when it has no running counter (it does not exist). */
    Optional<DomainInfo> read(int id) throws IOException {
        Optional<String> rawRunning = provider.read(VProperties.running(id));
        if (rawRunning.isEmpty()) {
            return Optional.empty();
        }
        boolean master = id == masterDomain;
        long running;
        try {
            running = Values.parseCounter(rawRunning.get());
        } catch (InvalidValueException e) {
            return Optional.of(new DomainInfo(id, DomainState.INVALID, OptionalLong.empty(), OptionalLong.empty(),
                    rawRunning.get(), Optional.of("running " + e.getMessage()), master));
        }
        DomainState state = Counters.isRunning(running) ? DomainState.RUNNING : DomainState.STOPPED;
        OptionalLong requested = OptionalLong.empty();
        Optional<String> problem = Optional.empty();
        Optional<String> rawRequested = provider.read(VProperties.requested(id));
        if (rawRequested.isPresent()) {
            try {
                requested = OptionalLong.of(Values.parseCounter(rawRequested.get()));
            } catch (InvalidValueException e) {
                problem = Optional.of("requested " + e.getMessage());
            }
        }
        return Optional.of(new DomainInfo(id, state, OptionalLong.of(running), requested, rawRunning.get(),
                problem, master));
    }

    /** The agent's status property of a domain, as it holds it, or empty when there is none. */
    Optional<String> status(int id) throws IOException {
        return provider.read(VProperties.status(id));
    }

    /**
     * The requested counter of a domain: empty when the property does not exist.
     *
     * @throws InvalidValueException when it holds a malformed value
     */
    OptionalLong requested(int id) throws IOException, InvalidValueException {
        Optional<String> raw = provider.read(VProperties.requested(id));
        return raw.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Values.parseCounter(raw.get()));
    }

    /**
     * The running counter of a domain that is being waited for: empty when the property is gone.
     *
     * @throws InvalidValueException when it holds a malformed value, which is never taken for a counter
     */
    OptionalLong running(int id) throws IOException, InvalidValueException {
        Optional<String> raw = provider.read(VProperties.running(id));
        return raw.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Values.parseCounter(raw.get()));
    }
}
