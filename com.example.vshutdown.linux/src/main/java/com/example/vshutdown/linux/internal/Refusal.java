package com.example.vshutdown.linux.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.example.vshutdown.spi.ConfigurationFault;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyListener;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * What the provider registers when an operator configured it and the settings are malformed: the
 * services, at its ranking, each refusing every call with the one line that names the setting.
 *
 * <p>Registering nothing would let a lower-ranked provider take over, and in the master app that
 * is the simulator: an operator who pointed the provider at the platform would have the commands
 * succeed on a simulated one. Refusing makes every command fail and say why.
 */
final class Refusal implements VPropertyProvider, NativeShutdown, ConfigurationFault {
    private final String message;

    Refusal(String message) {
        this.message = Objects.requireNonNull(message, "message");
    }

    @Override
    public String message() {
        return message;
    }

    @Override
    public String description() {
        return "Linux provider, not started: " + message;
    }

    @Override
    public Optional<String> read(String name) throws IOException {
        throw refused();
    }

    @Override
    public void write(String name, String value) throws IOException {
        throw refused();
    }

    @Override
    public Set<String> names() throws IOException {
        throw refused();
    }

    /** Nothing will ever change: there is nothing to listen to. */
    @Override
    public Subscription subscribe(VPropertyListener listener) {
        return () -> {
        };
    }

    @Override
    public void shutdown() throws IOException {
        throw refused();
    }

    @Override
    public void reboot() throws IOException {
        throw refused();
    }

    private IOException refused() {
        return new IOException("the Linux provider is misconfigured: " + message);
    }
}
