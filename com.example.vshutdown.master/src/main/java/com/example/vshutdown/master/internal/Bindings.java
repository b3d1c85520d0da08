package com.example.vshutdown.master.internal;

import java.util.List;
import java.util.Optional;

import com.example.vshutdown.api.ShutdownListener;
import com.example.vshutdown.api.ShutdownParticipant;
import com.example.vshutdown.spi.NativeShutdown;
import com.example.vshutdown.spi.VPropertyProvider;

/**
 * What the coordinator takes from the service registry. Each method gives what is bound now; the
 * coordinator calls it once per operation (a plan, a check of the wait, the master's step), so a
 * service swapped or gone in between is followed rather than called stale.
 */
public interface Bindings {
    /** The best-ranked vproperty provider, if any. */
    Optional<VPropertyProvider> provider();

    /**
     * Whether this provider, one {@link #provider()} gave, serves a simulated platform: its service
     * carries {@link VPropertyProvider#SIMULATED_PROPERTY}. A simulated platform is not the machine:
     * the machine-wide lock and the record of a shutdown are left out there.
     */
    default boolean simulated(VPropertyProvider provider) {
        return false;
    }

    /** The local domain's own native shutdown, if any. */
    Optional<NativeShutdown> nativeShutdown();

    /** The line of a registered configuration fault, if a provider registered one. */
    Optional<String> configurationFault();

    /** The whiteboard listeners registered now. */
    List<ShutdownListener> listeners();

    /** The whiteboard participants registered now, in the order they are called: best ranking first. */
    default List<Participant> participants() {
        return List.of();
    }

    /**
     * A participant with the name the summary gives it.
     *
     * @param name its {@code component.name}, else its bundle and service id
     */
    record Participant(String name, ShutdownParticipant service) {
    }
}
