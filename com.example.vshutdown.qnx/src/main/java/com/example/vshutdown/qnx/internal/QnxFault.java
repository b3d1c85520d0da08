package com.example.vshutdown.qnx.internal;

import java.util.Objects;

import com.example.vshutdown.spi.ConfigurationFault;

/**
 * Registered instead of the provider when it is enabled but cannot work: a malformed setting, a
 * library that is missing, lacks a function or fails to open. The master then says what is wrong
 * rather than that no platform is there.
 *
 * @param message one line naming the setting, or the library and the call, and what failed
 */
record QnxFault(String message) implements ConfigurationFault {
    QnxFault {
        Objects.requireNonNull(message, "message");
    }
}
