package com.example.vshutdown.agent.internal;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.vshutdown.spi.ConfigurationFault;

/**
 * The configuration faults registered now, as the one line an agent logs while it refuses to act:
 * the same policy as the master's, so that no lower-ranked provider serves in place of one the
 * operator configured and got wrong.
 */
final class Faults {
    private Faults() {
    }

    /** Every fault's message, each once, in a stable order; empty when none is registered. */
    static Optional<String> line(Collection<ConfigurationFault> faults) {
        if (faults == null || faults.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(faults.stream().map(Faults::message).distinct().sorted()
                .collect(Collectors.joining("; ")));
    }

    /** A fault is another bundle's object: a broken one still counts as a fault, and is said to be one. */
    private static String message(ConfigurationFault fault) {
        try {
            String message = fault.message();
            return message == null || message.isBlank() ? fault.getClass().getName() + " (no message)" : message;
        } catch (RuntimeException e) {
            return fault.getClass().getName() + " (its message cannot be read: " + e + ")";
        }
    }
}
