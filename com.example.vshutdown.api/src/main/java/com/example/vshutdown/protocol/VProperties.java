package com.example.vshutdown.protocol;

import java.util.OptionalInt;

/** Names of the vproperties the protocol uses for a domain. */
public final class VProperties {
    private static final String PREFIX = "nk.";
    private static final String RUNNING = ".vm.state.running";
    private static final String REQUESTED = ".vm.state.requested";
    private static final String STATUS = ".vm.shutdown.status";

    private VProperties() {
    }

    /** {@code nk.<id>.vm.state.running}, kept by the hypervisor. */
    public static String running(int domain) {
        return PREFIX + requireId(domain) + RUNNING;
    }

    /** {@code nk.<id>.vm.state.requested}, written by the master. */
    public static String requested(int domain) {
        return PREFIX + requireId(domain) + REQUESTED;
    }

    /** {@code nk.<id>.vm.shutdown.status}, optionally written by the domain's agent. */
    public static String status(int domain) {
        return PREFIX + requireId(domain) + STATUS;
    }

    /**
     * The domain whose running counter a property name is, or empty for any other name. Domains
     * are found by enumerating these names, so a malformed id is simply not a domain.
     */
    public static OptionalInt domainOfRunning(String name) {
        return domainOf(name, RUNNING);
    }

    /** The domain a property name belongs to, whichever of the protocol's properties it is. */
    public static OptionalInt domainOf(String name) {
        OptionalInt id = domainOf(name, RUNNING);
        if (id.isEmpty()) {
            id = domainOf(name, REQUESTED);
        }
        return id.isPresent() ? id : domainOf(name, STATUS);
    }

    /** A name that {@link #domainOf} would not read back is never made. */
    private static int requireId(int domain) {
        if (domain < 0) {
            throw new IllegalArgumentException("domain id must not be negative: " + domain);
        }
        return domain;
    }

    private static OptionalInt domainOf(String name, String suffix) {
        if (name == null || !name.startsWith(PREFIX) || !name.endsWith(suffix)
                || name.length() <= PREFIX.length() + suffix.length()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Values.parseDomainId(
                    name.substring(PREFIX.length(), name.length() - suffix.length())));
        } catch (InvalidValueException e) {
            return OptionalInt.empty();
        }
    }
}
