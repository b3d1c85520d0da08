package com.example.vshutdown.spi;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Raw access to the hypervisor's vproperties. Values are passed as text, exactly as the platform
 * holds them; interpreting them is the protocol's job ({@code com.example.vshutdown.protocol}),
 * so every provider refuses malformed values the same way.
 *
 * <p>Implementations are thread-safe. A method may block for I/O but must not wait for a change.
 *
 * <p>A provider registers this service only where it serves: where it finds its platform, or where
 * it was configured to. A provider that was configured with malformed settings registers neither
 * this service nor its {@link NativeShutdown}, only a {@link ConfigurationFault} naming the setting,
 * and while such a fault is registered nothing is shut down through any provider: the refusal
 * policy that {@link ConfigurationFault} states.
 */
@ConsumerType
public interface VPropertyProvider {
    /**
     * Service property naming the provider ("simulator", "linux", "qnx"), which providers of both
     * SPIs publish so that an operator can pick one by name ({@code -Dvshutdown.provider=linux}).
     */
    String PROVIDER_PROPERTY = "vshutdown.provider";

    /**
     * Service property ({@code Boolean.TRUE}) of a provider whose domains are simulated, set on its
     * {@link VPropertyProvider} and its {@link NativeShutdown} alike: the simulator. The master reads
     * it to know what it is bound to: a simulated platform is not the machine, so the machine-wide
     * lock is taken within the process only and no shutdown is recorded in the state directory
     * (two demo apps never block each other, and need no root), and every output it serves says
     * that it is simulated. A provider of a real platform never sets it.
     */
    String SIMULATED_PROPERTY = "vshutdown.simulated";

    /** A short human-readable name of the provider and what it serves, for logs and listings. */
    String description();

    /** The value of a property, or empty if the property does not exist. */
    Optional<String> read(String name) throws IOException;

    /** Writes a property; the provider adds whatever framing its platform needs (e.g. a newline). */
    void write(String name, String value) throws IOException;

    /** The names of all properties that exist now. */
    Set<String> names() throws IOException;

    /**
     * Registers a listener for change notifications until the returned handle is closed.
     * Notifications are hints: a listener re-reads what it cares about, and callers keep a slow
     * safety re-read because a notification can be lost.
     */
    Subscription subscribe(VPropertyListener listener);

    /** Whether this platform can pull the virtual power of a domain (hard stop). */
    default boolean canHardStop() {
        return false;
    }

    /**
     * Stops a domain without its cooperation: the last resort of a forced shutdown. The hypervisor
     * advances the domain's running counter as for any stop; a domain already stopped is left as it is.
     *
     * @throws IOException if the domain does not exist, is the caller's own, or cannot be stopped
     * @throws UnsupportedOperationException if {@link #canHardStop()} is false
     */
    default void hardStop(int domain) throws IOException {
        throw new UnsupportedOperationException("hard stop is not offered by " + description());
    }

    /** Ends a subscription; closing twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
