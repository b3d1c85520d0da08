package com.example.vshutdown.simulator.internal;

import java.util.Objects;

import com.example.vshutdown.spi.ConfigurationFault;

/**
 * Registered instead of the simulated platform when its settings are malformed, so the master can
 * say what is wrong rather than that no platform is there.
 *
 * @param message the one-line error, naming the setting and the offending entry
 */
record SimulatorFault(String message) implements ConfigurationFault {
    SimulatorFault {
        Objects.requireNonNull(message, "message");
    }
}
