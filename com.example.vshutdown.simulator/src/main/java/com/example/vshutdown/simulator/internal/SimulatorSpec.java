package com.example.vshutdown.simulator.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.example.vshutdown.protocol.InvalidValueException;
import com.example.vshutdown.protocol.Values;
import com.example.vshutdown.simulator.internal.DomainSpec.Behaviour;
import com.example.vshutdown.support.offer.MalformedSettingException;

/**
 * The simulated platform as a whole: the master's own domain and the slave domains, parsed from the
 * comma-separated list {@code <id>:<behaviour>[:<argument>]} of {@code vshutdown.sim.domains}.
 *
 * <p>Parsing is strict for the same reason the protocol's is: a simulator that guessed at a typo
 * would run a platform the operator did not ask for, and the test or demo would prove nothing.
 *
 * @param masterDomain the id of the master's own domain, which is never a simulated slave
 * @param domains the slave domains in the order given
 */
public record SimulatorSpec(int masterDomain, List<DomainSpec> domains) {
    /** The framework (or system) property that describes the simulated domains. */
    public static final String DOMAINS_PROPERTY = "vshutdown.sim.domains";

    /** The framework (or system) property with the id of the master's own domain. */
    public static final String MASTER_DOMAIN_PROPERTY = "vshutdown.master.domain";

    /** Three well-behaved slaves that answer at different times, so the output shows the order. */
    public static final String DEFAULT_DOMAINS = "1:ok:100,2:ok:200,3:ok:300";

    public static final long DEFAULT_DELAY_MILLIS = 50;

    /** Ten minutes: longer than any shutdown an operator would wait for, short enough to be a typo guard. */
    public static final long MAX_DELAY_MILLIS = 600_000;

    /** Why a {@code block} guest refuses when the entry does not say. */
    public static final String DEFAULT_REASON = "an application vetoes the shutdown";

    /** Why a {@code fail} guest's native command fails when the entry does not say. */
    public static final String DEFAULT_FAILURE = "the native command failed";

    private static final String EXPECTED_BEHAVIOURS = Arrays.stream(Behaviour.values())
            .map(Behaviour::word).collect(Collectors.joining(", "));

    public SimulatorSpec {
        domains = List.copyOf(domains);
        if (masterDomain < 0) {
            throw new IllegalArgumentException("master domain must not be negative");
        }
    }

    /** The spec of a domain, or null if it is not a simulated slave. */
    public DomainSpec domain(int id) {
        for (DomainSpec d : domains) {
            if (d.id() == id) {
                return d;
            }
        }
        return null;
    }

    /** The list in the syntax of {@code vshutdown.sim.domains}, every argument spelled out. */
    public String domainList() {
        return domains.stream().map(DomainSpec::toString).collect(Collectors.joining(","));
    }

    /**
     * The default platform for a master in the given domain: {@value #DEFAULT_DOMAINS}, with the
     * master's id left out and the ids after it moved up, so that no setting of the master's domain
     * makes the default itself malformed.
     */
    public static String defaultDomains(int masterDomain) {
        StringBuilder list = new StringBuilder();
        int id = 1;
        for (int delay = 100; delay <= 300; delay += 100, id++) {
            if (id == masterDomain) {
                id++;
            }
            list.append(list.length() == 0 ? "" : ",").append(id).append(":ok:").append(delay);
        }
        return list.toString();
    }

    /** Parses a domain list for a master in domain 0, naming {@value #DOMAINS_PROPERTY} in errors. */
    public static SimulatorSpec parse(String text) throws MalformedSettingException {
        return parse(DOMAINS_PROPERTY, text, 0);
    }

    /**
     * Parses a domain list.
     *
     * @param setting where the text came from, named at the start of every error message
     * @param text the comma-separated list; whitespace around entries is ignored
     * @param masterDomain the master's own domain, which no entry may use
     * @throws MalformedSettingException with a one-line message naming the first offending entry
     */
    public static SimulatorSpec parse(String setting, String text, int masterDomain)
            throws MalformedSettingException {
        if (text == null || text.isBlank()) {
            throw new MalformedSettingException(setting + ": the list of domains is empty"
                    + " (expected <id>:<behaviour>[:<argument>],... for example 1:ok:200,2:ignore)");
        }
        String[] entries = text.split(",", -1);
        List<DomainSpec> domains = new ArrayList<>(entries.length);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                throw new MalformedSettingException(setting + ": entry " + (i + 1) + " of '"
                        + Values.printable(text) + "' is empty");
            }
            DomainSpec domain = parseEntry(setting, entry);
            if (domain.id() == masterDomain) {
                throw new MalformedSettingException(error(setting, entry, "is the master's own domain "
                        + masterDomain + " (" + MASTER_DOMAIN_PROPERTY + "), which cannot be a simulated slave"));
            }
            if (!seen.add(domain.id())) {
                throw new MalformedSettingException(error(setting, entry, "repeats domain " + domain.id()));
            }
            domains.add(domain);
        }
        return new SimulatorSpec(masterDomain, domains);
    }

    private static DomainSpec parseEntry(String setting, String entry) throws MalformedSettingException {
        // At most three parts: a reason may itself contain ':'.
        String[] parts = entry.split(":", 3);
        int id;
        try {
            id = Values.parseDomainId(parts[0]);
        } catch (InvalidValueException e) {
            throw new MalformedSettingException(error(setting, entry, "has an invalid id: " + e.getMessage()));
        }
        if (parts.length < 2) {
            throw new MalformedSettingException(error(setting, entry,
                    "has no behaviour (expected <id>:<behaviour>, one of " + EXPECTED_BEHAVIOURS + ")"));
        }
        Behaviour behaviour = behaviour(parts[1]);
        if (behaviour == null) {
            throw new MalformedSettingException(error(setting, entry, "has unknown behaviour '"
                    + Values.printable(parts[1]) + "' (expected " + EXPECTED_BEHAVIOURS + ")"));
        }
        String argument = parts.length > 2 ? parts[2] : null;
        switch (behaviour.argument()) {
        case OPTIONAL_DELAY:
            return DomainSpec.delayed(id, behaviour,
                    argument == null ? DEFAULT_DELAY_MILLIS : delay(setting, entry, argument));
        case DELAY:
            if (argument == null) {
                throw new MalformedSettingException(error(setting, entry, "has no delay (expected <id>:"
                        + behaviour.word() + ":<ms>)"));
            }
            return DomainSpec.delayed(id, behaviour, delay(setting, entry, argument));
        case OPTIONAL_REASON:
            if (argument != null && argument.isBlank()) {
                throw new MalformedSettingException(error(setting, entry,
                        "has an empty reason (leave out the ':' for the default reason)"));
            }
            return DomainSpec.because(id, behaviour, argument == null ? defaultReason(behaviour) : argument.strip());
        default:
            if (argument != null) {
                throw new MalformedSettingException(error(setting, entry,
                        "has an argument, but '" + behaviour.word() + "' takes none"));
            }
            return DomainSpec.of(id, behaviour);
        }
    }

    private static String defaultReason(Behaviour behaviour) {
        return behaviour == Behaviour.FAIL ? DEFAULT_FAILURE : DEFAULT_REASON;
    }

    private static Behaviour behaviour(String word) {
        for (Behaviour b : Behaviour.values()) {
            if (b.word().equals(word)) {
                return b;
            }
        }
        return null;
    }

    private static long delay(String setting, String entry, String text) throws MalformedSettingException {
        // Digits only, and few enough that they cannot overflow before the bound is checked.
        boolean digits = !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        long millis = digits ? Long.parseLong(text) : -1;
        if (millis < 0 || millis > MAX_DELAY_MILLIS) {
            throw new MalformedSettingException(error(setting, entry, "has delay '" + Values.printable(text)
                    + "' (expected milliseconds, an unsigned decimal integer from 0 to " + MAX_DELAY_MILLIS + ")"));
        }
        return millis;
    }

    private static String error(String setting, String entry, String what) {
        return setting + ": entry '" + Values.printable(entry) + "' " + what;
    }
}
